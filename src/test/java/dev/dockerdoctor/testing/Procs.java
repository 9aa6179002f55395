package dev.dockerdoctor.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The few /proc questions the rig asks, always answered with pids: nothing here kills by name. */
final class Procs {
    private Procs() {
    }

    /** Pids whose command line mentions {@code needle} (the rig's private base folder, unique per daemon). */
    static List<Long> mentioning(String needle) {
        List<Long> pids = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) continue;
                commandLine(pid).filter(c -> c.contains(needle)).ifPresent(c -> pids.add(pid));
            }
        } catch (IOException e) {
            // no /proc: nothing to find
        }
        return pids;
    }

    /** The NUL-separated argv joined with spaces; empty for a gone or kernel process. */
    static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (raw.length == 0) return Optional.empty();
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The pids and all their descendants (containers run as children of their shims), children first. */
    static List<ProcessHandle> withDescendants(List<Long> pids) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.descendants().forEach(all::add);
                all.add(h);
            });
        }
        return List.copyOf(all);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    // A zombie shim whose parent is a busy init still shows up in /proc: it is gone for our purposes.
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILLs every handle, then waits (bounded) until they are gone. */
    static void killAll(List<ProcessHandle> handles, Duration wait) {
        handles.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle h : handles) {
            while (alive(h.pid()) && System.nanoTime() < deadline) sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
