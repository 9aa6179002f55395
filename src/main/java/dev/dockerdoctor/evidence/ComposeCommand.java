package dev.dockerdoctor.evidence;

import dev.dockerdoctor.parse.compose.ComposeParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which compose the host has: the {@code docker compose} v2 plugin, or a standalone {@code docker-compose} (v1, a
 * Python program, or v2's standalone build). Found by looking at the files, through the host root, so it works when
 * the bot runs in a container with the host mounted; nothing is executed.
 *
 * @param argv     the command prefix a step runs ({@code docker compose} or {@code docker-compose})
 * @param dialect  how that compose reads files (v1 still reads the version 1 format)
 * @param evidence what was found, in words (the file and what it is)
 */
public record ComposeCommand(List<String> argv, ComposeParser.Dialect dialect, String evidence) {
    public ComposeCommand {
        argv = List.copyOf(argv);
    }

    private static final int PEEK_BYTES = 64 * 1024;
    private static final List<String> PLUGIN_DIRS = List.of("/usr/local/lib/docker/cli-plugins",
            "/usr/local/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins");
    private static final List<String> BIN_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin", "/snap/bin");

    /** What a host without any compose gets: the current one, so the step's text says what to install. */
    public static ComposeCommand assumedV2(String why) {
        return new ComposeCommand(List.of("docker", "compose"), ComposeParser.Dialect.V2, why);
    }

    /**
     * Looks for the v2 plugin first (what {@code docker compose} would run), then a standalone docker-compose.
     *
     * @param env the bot's environment (HOME, DOCKER_CONFIG, PATH); the standard places are always looked at
     */
    public static ComposeCommand detect(HostFiles files, Map<String, String> env) {
        Set<String> pluginDirs = new LinkedHashSet<>();
        if (env.get("DOCKER_CONFIG") != null) pluginDirs.add(env.get("DOCKER_CONFIG") + "/cli-plugins");
        if (env.get("HOME") != null) pluginDirs.add(env.get("HOME") + "/.docker/cli-plugins");
        pluginDirs.add("/root/.docker/cli-plugins");
        pluginDirs.addAll(PLUGIN_DIRS);
        Set<String> binDirs = new LinkedHashSet<>();
        if (env.get("PATH") != null) {
            for (String d : env.get("PATH").split(":")) if (d.startsWith("/")) binDirs.add(d);
        }
        binDirs.addAll(BIN_DIRS);

        String docker = firstFile(files, binDirs, "docker");
        String plugin = firstFile(files, pluginDirs, "docker-compose");
        if (plugin != null && docker != null) {
            return new ComposeCommand(List.of("docker", "compose"), ComposeParser.Dialect.V2,
                    "docker compose v2 plugin at " + plugin);
        }
        String standalone = firstFile(files, binDirs, "docker-compose");
        if (standalone != null) {
            byte[] head = files.readBytes(standalone, PEEK_BYTES);
            String kind = kindOf(head);
            ComposeParser.Dialect d = kind.startsWith("v2") ? ComposeParser.Dialect.V2 : ComposeParser.Dialect.V1;
            return new ComposeCommand(List.of("docker-compose"), d, "docker-compose at " + standalone + " (" + kind + ")");
        }
        if (plugin != null) {
            return new ComposeCommand(List.of("docker", "compose"), ComposeParser.Dialect.V2,
                    "docker compose v2 plugin at " + plugin + ", but no docker command was found");
        }
        return assumedV2("no docker compose plugin and no docker-compose found: assuming docker compose v2");
    }

    /** v1 is a Python script (Debian, pip) or a PyInstaller binary; v2 is a Go binary. */
    static String kindOf(byte[] head) {
        if (head == null) return "v1 (unreadable, assumed)";
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("#!")) {
            return text.contains("python") || text.contains("compose.cli") ? "v1, a Python program" : "v1, a script (assumed)";
        }
        if (text.contains("Go build ID") || text.contains("go1.")) return "v2, a Go program";
        if (text.startsWith("\u007fELF")) return "v1, a PyInstaller program";
        return "v1 (unknown kind, assumed)";
    }

    private static String firstFile(HostFiles files, Set<String> dirs, String name) {
        List<String> seen = new ArrayList<>();
        for (String d : dirs) {
            String p = d.endsWith("/") ? d + name : d + "/" + name;
            if (seen.contains(p)) continue;
            seen.add(p);
            if (files.exists(p) && !files.isDirectory(p)) return p;
        }
        return null;
    }
}
