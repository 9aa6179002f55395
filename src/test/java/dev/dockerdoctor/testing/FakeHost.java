package dev.dockerdoctor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host's root folder made by a test: configuration files, data roots laid out as dockerd does, /proc command
 * lines, logs. Paths are host paths ("/etc/docker/daemon.json"), written under {@link #root()}.
 */
public final class FakeHost {
    private final Path root;

    public FakeHost(Path root) {
        this.root = root;
    }

    public Path root() { return root; }

    public Path path(String hostPath) {
        return root.resolve(hostPath.startsWith("/") ? hostPath.substring(1) : hostPath);
    }

    public FakeHost file(String hostPath, String text) {
        try {
            Path p = path(hostPath);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeHost delete(String hostPath) {
        try {
            Files.deleteIfExists(path(hostPath));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeHost dockerInstalled() {
        return file("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n");
    }

    public FakeHost process(long pid, String... argv) {
        try {
            Path p = path("/proc/" + pid + "/cmdline");
            Files.createDirectories(p.getParent());
            Files.write(p, (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A data root as dockerd lays it out: {@code containers/<id>/config.v2.json} with compose labels,
     * {@code image/<driver>/imagedb/content/sha256/*}, {@code volumes/<name>/_data}, {@code engine-id}.
     */
    public FakeHost dataRoot(String hostPath, String driver, int containers, int images, String project, String... volumes) {
        try {
            Path r = path(hostPath);
            Files.createDirectories(r.resolve("containers"));
            for (int i = 0; i < containers; i++) {
                String id = String.format("%064x", (long) (hostPath.hashCode() & 0xffff) * 1000 + i);
                Path c = r.resolve("containers").resolve(id);
                Files.createDirectories(c);
                String labels = project == null ? "{}" : "{\"com.docker.compose.project\":\"" + project
                        + "\",\"com.docker.compose.service\":\"svc" + i + "\",\"com.docker.compose.project.working_dir\":\"/srv/"
                        + project + "\",\"com.docker.compose.project.config_files\":\"/srv/" + project + "/docker-compose.yml\"}";
                Files.writeString(c.resolve("config.v2.json"), "{\"ID\":\"" + id + "\",\"Name\":\"/" + (project == null ? "c" : project)
                        + "_svc" + i + "_1\",\"Driver\":\"" + driver + "\",\"State\":{\"Running\":true},\"Config\":{\"Image\":\"local/busybox\",\"Labels\":"
                        + labels + "}}");
            }
            Path imagedb = r.resolve("image").resolve(driver).resolve("imagedb/content/sha256");
            Files.createDirectories(imagedb);
            for (int i = 0; i < images; i++) Files.writeString(imagedb.resolve(String.format("%064x", i)), "{}");
            Files.createDirectories(r.resolve("volumes"));
            Files.writeString(r.resolve("volumes/metadata.db"), "");
            for (String v : volumes) Files.createDirectories(r.resolve("volumes").resolve(v).resolve("_data"));
            Files.writeString(r.resolve("engine-id"), "0a1b2c");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
