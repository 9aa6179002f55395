package dev.dockerdoctor.diagnosis;

import java.util.List;

/**
 * The host-specific commands the planner puts into steps (from settings): how to restart and start Docker,
 * and which compose command the host has ({@code docker compose} or {@code docker-compose}).
 */
public record PlanContext(List<String> dockerRestart, List<String> dockerStart, List<String> composeCommand) {
    public PlanContext {
        dockerRestart = List.copyOf(dockerRestart);
        dockerStart = List.copyOf(dockerStart);
        composeCommand = List.copyOf(composeCommand);
    }

    public static PlanContext defaults() {
        return new PlanContext(List.of("systemctl", "restart", "docker"), List.of("systemctl", "start", "docker"),
                List.of("docker", "compose"));
    }
}
