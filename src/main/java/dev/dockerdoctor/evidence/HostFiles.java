package dev.dockerdoctor.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way to read the host's files. Every host path ("/etc/docker/daemon.json") is resolved under the host
 * root ({@code DOCTOR_HOST_ROOT} / {@code --host-root}), so the bot can run in a container with the host's root
 * mounted at /host, and tests can point it at a folder. Reads are bounded; failures come back as values.
 */
public final class HostFiles {
    private final Path root;

    public HostFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    /** The real path of a host path: {@code /etc/x} under host root {@code /host} is {@code /host/etc/x}. */
    public Path resolve(String hostPath) {
        String rel = hostPath.startsWith("/") ? hostPath.substring(1) : hostPath;
        return rel.isEmpty() ? root : root.resolve(rel).normalize();
    }

    /** The host path of a real path under the host root (the inverse of {@link #resolve}). */
    public String hostPath(Path real) {
        Path abs = real.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) return abs.toString();
        String rel = root.relativize(abs).toString();
        return "/" + rel;
    }

    public boolean exists(String hostPath) { return Files.exists(resolve(hostPath)); }

    public boolean isDirectory(String hostPath) { return Files.isDirectory(resolve(hostPath)); }

    /** The outcome of reading a small text file. Exactly one of text / problem is set when the file exists. */
    public record TextFile(String hostPath, boolean present, String text, String problem) {
        public boolean ok() { return present && text != null; }
    }

    /**
     * Reads a (small) text file, at most {@code maxBytes}; a larger file is refused, not truncated silently. Only
     * regular files are opened (a FIFO would block the read for ever), and never through a link that leaves the
     * host root.
     */
    public TextFile readText(String hostPath, long maxBytes) {
        return readText(hostPath, null, maxBytes);
    }

    /**
     * As {@link #readText(String, long)}, for files any local user may have put there (a compose project, its .env):
     * read only as the owner of {@code hostFolder} could read them, never through a link that leaves that folder.
     * Running as root, the bot must not quote {@code /etc/shadow} because a user linked it as docker-compose.yml.
     */
    public TextFile readTextAsOwnerOf(String hostPath, String hostFolder, long maxBytes) {
        return readText(hostPath, hostFolder, maxBytes);
    }

    private TextFile readText(String hostPath, String confinedTo, long maxBytes) {
        Path p = resolve(hostPath);
        try {
            if (!Files.exists(p)) return new TextFile(hostPath, false, null, null);
            if (Files.isDirectory(p)) return new TextFile(hostPath, true, null, "is a directory, not a file");
            if (!Files.isRegularFile(p)) {
                return new TextFile(hostPath, true, null, "is not a regular file (a FIFO, socket or device): not read");
            }
            Path real = p.toRealPath();
            if (!onHost(real)) {
                return new TextFile(hostPath, true, null, "is a link that leads out of the host root: not read");
            }
            if (confinedTo != null) {
                Optional<String> why = notForTheOwnerOf(real, resolve(confinedTo).toRealPath(), confinedTo);
                if (why.isPresent()) return new TextFile(hostPath, true, null, why.get());
            }
            long size = Files.size(p);
            // /proc files report size 0: read them bounded instead of trusting the size
            if (size > maxBytes) return new TextFile(hostPath, true, null, "is " + size + " bytes, over the " + maxBytes + " byte limit");
            try (InputStream in = Files.newInputStream(p)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) return new TextFile(hostPath, true, null, "is over the " + maxBytes + " byte limit");
                return new TextFile(hostPath, true, new String(bytes, StandardCharsets.UTF_8), null);
            }
        } catch (AccessDeniedException e) {
            return new TextFile(hostPath, true, null, "cannot be read (permission denied)");
        } catch (NoSuchFileException e) {
            return new TextFile(hostPath, false, null, null);
        } catch (IOException e) {
            return new TextFile(hostPath, true, null, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether a real path (links followed) is on the host, under the host root: what a link may lead to. */
    public boolean onHost(Path real) throws IOException {
        return real.startsWith(root.toRealPath());
    }

    /** Why the owner of {@code folder} could not read {@code file} there itself; empty when it could. */
    private static Optional<String> notForTheOwnerOf(Path file, Path folder, String hostFolder) throws IOException {
        if (!file.startsWith(folder)) return Optional.of("is a link that leads out of " + hostFolder + ": not read");
        try {
            UserPrincipal owner = Files.getOwner(folder);
            if (Files.getOwner(file).equals(owner)) return Optional.empty();
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) return Optional.empty();
            return Optional.of("belongs to someone else and " + owner.getName() + ", who owns " + hostFolder
                    + ", could not read it: not read");
        } catch (UnsupportedOperationException e) {
            return Optional.empty(); // no owners on this file system (not a Linux host)
        }
    }

    /** Raw bytes of a small file (for /proc/N/cmdline), or null when absent, unreadable or not a regular file. */
    public byte[] readBytes(String hostPath, int maxBytes) {
        if (!Files.isRegularFile(resolve(hostPath))) return null;
        try (InputStream in = Files.newInputStream(resolve(hostPath))) {
            return in.readNBytes(maxBytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** The entries of a directory as host paths, sorted by name; empty when absent or unreadable. */
    public List<String> list(String hostDir) {
        Path dir = resolve(hostDir);
        if (!Files.isDirectory(dir)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(p -> out.add(hostPath(p)));
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        return out;
    }
}
