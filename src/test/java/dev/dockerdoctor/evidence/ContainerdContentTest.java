package dev.dockerdoctor.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerdContentTest {
    @TempDir
    Path root;

    @Test
    void countsTheImageConfigsAmongTheBlobsAndNothingElse() throws Exception {
        Path blobs = Files.createDirectories(root.resolve(ContainerdContent.OWN_STORE).resolve("blobs/sha256"));
        Files.writeString(blobs.resolve("c1"), "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:ab\"]}}");
        Files.writeString(blobs.resolve("c2"), "{\"architecture\":\"arm64\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        Files.writeString(blobs.resolve("manifest"), "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}");
        Files.writeString(blobs.resolve("index"), "{\"schemaVersion\":2,\"manifests\":[]}");
        Files.write(blobs.resolve("layer"), new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0});
        Files.writeString(blobs.resolve("torn"), "{\"rootfs\":{\"diff_ids\":[");
        // a never-ending file where a blob should be is passed over, not read
        assertThat(new ProcessBuilder("mkfifo", blobs.resolve("fifo").toString()).start().waitFor()).isZero();
        assertThat(ContainerdContent.images(root.resolve(ContainerdContent.OWN_STORE))).isEqualTo(2);
        assertThat(ContainerdContent.images(root.resolve("nothing-here"))).isZero();
    }
}
