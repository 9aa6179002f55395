package dev.dockerdoctor.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a file so that a reader sees the old content or the new one, never half of either: write a temporary file
 * beside it, fsync, read it back, rename over. A write the disk cuts short fails and leaves the target as it was.
 * Optionally keeps a timestamped backup of what was there.
 */
public final class AtomicFile {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AtomicFile() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // one write() may take only part of the buffer (a nearly full disk): go on until all is written,
                // so the disk's refusal surfaces as an exception instead of a file cut short
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            verify(tmp, content, target);
            copyPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads the new file back before it replaces the old one: the target changes only to exactly these bytes. */
    private static void verify(Path tmp, byte[] content, Path target) throws IOException {
        byte[] back = Files.readAllBytes(tmp);
        if (!java.util.Arrays.equals(back, content)) {
            throw new IOException("wrote " + back.length + " of " + content.length + " bytes for " + target
                    + "; the file was left as it was");
        }
    }

    /**
     * Copies the current file to {@code <name>.docker-doctor-<UTC stamp>.bak} beside it, and returns that path;
     * empty when there was no file to back up.
     */
    public static Optional<Path> backup(Path target, Instant now) throws IOException {
        if (!Files.exists(target)) return Optional.empty();
        Path bak = target.resolveSibling(target.getFileName() + ".docker-doctor-" + STAMP.format(now) + ".bak");
        Files.copy(target, bak, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return Optional.of(bak);
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            if (Files.exists(from)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
                Files.setPosixFilePermissions(to, perms);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the default permissions of a new file are fine for our state
        }
    }
}
