package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DaemonJsonCheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks a dockerd binary whether it would start on a daemon.json: {@code dockerd --validate --config-file FILE},
 * an argv, no shell, 10 s at most. Empty when it cannot tell: no such binary, or one older than Docker 23 (it does
 * not know {@code --validate}). Verdicts are kept per file text, so a watch that polls every few seconds runs dockerd
 * once per version of the file, not once per poll.
 */
public final class DaemonJsonValidation {
    private static final long TIMEOUT_SECONDS = 10;
    private static final int CACHED = 16;
    private static final String OK = "configuration OK";

    private final Path dockerd;
    private final Map<String, Optional<DaemonJsonCheck>> byText = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<DaemonJsonCheck>> e) { return size() > CACHED; }
    };

    public DaemonJsonValidation(Path dockerd) {
        this.dockerd = dockerd;
    }

    /** The machine's own dockerd where packages put it (the host's, when the bot runs on it), or empty. */
    public static Optional<DaemonJsonValidation> onThisMachine() {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")) {
            Path p = Path.of(dir, "dockerd");
            if (Files.isExecutable(p)) return Optional.of(new DaemonJsonValidation(p));
        }
        return Optional.empty();
    }

    /** dockerd's verdict on {@code file} (a real path), whose text is {@code text}. */
    public synchronized Optional<DaemonJsonCheck> check(Path file, String text) {
        return byText.computeIfAbsent(file + "\n" + text, k -> ask(file));
    }

    private Optional<DaemonJsonCheck> ask(Path file) {
        List<String> argv = List.of(dockerd.toString(), "--validate", "--config-file", file.toString());
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream in = p.getInputStream()) {
            // its few lines fit the pipe: wait first, so a dockerd that hangs cannot hold the read
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8).strip();
            int code = p.exitValue();
            if (code == 0 && out.contains(OK)) return Optional.of(new DaemonJsonCheck(dockerd.toString(), true, null));
            // an engine without --validate says so ("unknown flag: --validate"): it cannot tell
            if (out.contains("unknown flag") || out.isEmpty()) return Optional.empty();
            String words = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(out);
            return Optional.of(new DaemonJsonCheck(dockerd.toString(), false, words));
        } catch (IOException e) {
            p.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
