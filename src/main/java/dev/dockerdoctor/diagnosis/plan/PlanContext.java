package dev.dockerdoctor.diagnosis.plan;

import dev.dockerdoctor.model.Install;

import java.util.List;

/**
 * The host-specific commands the planner puts into steps (from settings): how to restart and start Docker,
 * which compose command the host has ({@code docker compose} or {@code docker-compose}), and the docker CLI aimed at
 * the daemon the bot talks to ({@code docker -H <DOCKER_HOST>}), which container and prune steps start with.
 */
public record PlanContext(List<String> dockerRestart, List<String> dockerStart, List<String> composeCommand,
                          List<String> dockerCli) {
    public PlanContext {
        dockerRestart = List.copyOf(dockerRestart);
        dockerStart = List.copyOf(dockerStart);
        composeCommand = List.copyOf(composeCommand);
        dockerCli = List.copyOf(dockerCli);
    }

    /** With the plain {@code docker} CLI (its own DOCKER_HOST or default socket). */
    public PlanContext(List<String> dockerRestart, List<String> dockerStart, List<String> composeCommand) {
        this(dockerRestart, dockerStart, composeCommand, List.of("docker"));
    }

    public static PlanContext defaults() {
        return new PlanContext(List.of("systemctl", "restart", "docker"), List.of("systemctl", "start", "docker"),
                List.of("docker", "compose"));
    }

    /** The docker CLI aimed at this DOCKER_HOST: {@code docker -H unix:///var/run/docker.sock}. */
    public static List<String> dockerCliFor(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) return List.of("docker");
        String h = dockerHost.strip();
        return List.of("docker", "-H", h.startsWith("/") ? "unix://" + h : h);
    }

    /**
     * The commands for this host's install: where a command is systemctl's on the packages' {@code docker} unit (the
     * default), a snap host gets the snap's unit; commands set by hand are kept as they are.
     */
    public PlanContext on(Install install) {
        if (install.unit().equals(DOCKER_UNIT)) return this;
        return new PlanContext(onUnit(dockerRestart, install), onUnit(dockerStart, install), composeCommand, dockerCli);
    }

    private static final String DOCKER_UNIT = "docker";

    private static List<String> onUnit(List<String> argv, Install install) {
        boolean systemctlOnDocker = argv.size() == 3 && argv.get(0).equals("systemctl") && argv.get(2).equals(DOCKER_UNIT);
        return systemctlOnDocker ? List.of("systemctl", argv.get(1), install.unit()) : argv;
    }

    public PlanContext withDockerCli(List<String> cli) {
        return new PlanContext(dockerRestart, dockerStart, composeCommand, cli);
    }
}
