package dev.dockerdoctor.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * How many images a containerd content store holds, read from its files alone (its index is a bbolt database this
 * does not read): every image has one config blob, a small JSON document with {@code rootfs.diff_ids}, so the configs
 * among the blobs are the images, as {@code docker images} counts them by id. Layers (large, compressed) are skipped
 * by their size and first byte. Bounded: a store of more than {@link #MAX_BLOBS} blobs is counted that far.
 */
public final class ContainerdContent {
    /** Where a dockerd that runs its own containerd keeps the store, under its data root. */
    public static final String OWN_STORE = "containerd/daemon/io.containerd.content.v1.content";
    /** Where a system containerd keeps it. */
    public static final String SYSTEM_STORE = "/var/lib/containerd/io.containerd.content.v1.content";
    static final int MAX_BLOBS = 20_000;
    private static final long MAX_CONFIG_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerdContent() {
    }

    /** The images in the store at {@code contentDir}; 0 when there is none or it cannot be read. */
    public static int images(Path contentDir) {
        Path blobs = contentDir.resolve("blobs").resolve("sha256");
        if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) return 0;
        int images = 0;
        int seen = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(blobs)) {
            for (Path b : ds) {
                if (++seen > MAX_BLOBS) break;
                if (isImageConfig(b)) images++;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: as far as it was read
        }
        return images;
    }

    static boolean isImageConfig(Path blob) {
        try {
            if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS) || Files.size(blob) > MAX_CONFIG_BYTES) return false;
            try (InputStream in = Files.newInputStream(blob)) {
                byte[] head = in.readNBytes((int) MAX_CONFIG_BYTES);
                if (head.length == 0 || head[0] != '{') return false;
                JsonNode n = JSON.readTree(head);
                return n != null && n.path("rootfs").path("diff_ids").isArray();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
