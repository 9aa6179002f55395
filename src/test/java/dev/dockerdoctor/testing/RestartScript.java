package dev.dockerdoctor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code systemctl restart docker} does, for DOCTOR_DOCKER_RESTART on machines without systemd: an executable
 * that stops dockerd by its pid file, waits for it to go, starts the unit's command line detached, and waits for
 * the socket. The bot runs it as an argv of one path, like any other step command. Each run adds a line to
 * {@code restarts.log} beside it, so a test can count restarts.
 */
public final class RestartScript {
    public static final String RUNS = "restarts.log";

    private RestartScript() {
    }

    /** Writes {@code dir/restart-docker.sh}; the paths are as the script sees them (inside a namespace, say). */
    public static Path write(Path dir, Path pidFile, Path socket, List<String> argv, Path log) throws IOException {
        String command = argv.stream().map(RestartScript::quoted).collect(Collectors.joining(" "));
        Path script = dir.resolve("restart-docker.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo restart >> " + quoted(dir.resolve(RUNS).toString()) + "\n"
                + "pid=$(cat " + quoted(pidFile.toString()) + ")\n"
                + "kill \"$pid\"\n"
                + "while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done\n"
                + "setsid " + command + " >> " + quoted(log.toString()) + " 2>&1 < /dev/null &\n"
                + "i=0; while [ ! -S " + quoted(socket.toString()) + " ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n");
        script.toFile().setExecutable(true);
        return script;
    }

    /** How often the script in {@code dir} ran. */
    public static int runs(Path dir) throws IOException {
        Path log = dir.resolve(RUNS);
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
