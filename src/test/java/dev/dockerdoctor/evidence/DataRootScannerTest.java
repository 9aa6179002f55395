package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DataRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DataRootScannerTest {
    @TempDir
    Path host;

    /** Lays out a data root the way dockerd does: containers/<id>/config.v2.json, imagedb, volumes, engine-id. */
    static void dataRoot(Path root, int containers, int images, String project, String... volumes) throws IOException {
        Files.createDirectories(root.resolve("containers"));
        for (int i = 0; i < containers; i++) {
            String id = String.format("%064x", (long) (root.hashCode() & 0xffff) * 1000 + i);
            Path c = root.resolve("containers").resolve(id);
            Files.createDirectories(c);
            String labels = project == null ? "{}" : "{\"com.docker.compose.project\":\"" + project
                    + "\",\"com.docker.compose.service\":\"svc" + i + "\",\"com.docker.compose.project.working_dir\":\"/srv/" + project + "\"}";
            Files.writeString(c.resolve("config.v2.json"), "{\"ID\":\"" + id + "\",\"Name\":\"/" + (project == null ? "c" : project) + "_svc" + i
                    + "_1\",\"State\":{\"Running\":false},\"Config\":{\"Image\":\"local/busybox\",\"Labels\":" + labels + "}}");
        }
        Path imagedb = root.resolve("image/overlay2/imagedb/content/sha256");
        Files.createDirectories(imagedb);
        for (int i = 0; i < images; i++) Files.writeString(imagedb.resolve(String.format("%064x", i)), "{}");
        Files.createDirectories(root.resolve("volumes"));
        Files.writeString(root.resolve("volumes/metadata.db"), "");
        for (String v : volumes) Files.createDirectories(root.resolve("volumes").resolve(v).resolve("_data"));
        Files.writeString(root.resolve("engine-id"), "abc");
    }

    @Test
    void findsTheOrphanedRootOnTheBigDiskWithItsCountsAndProjects() throws IOException {
        dataRoot(host.resolve("var/lib/docker"), 0, 0, null);
        dataRoot(host.resolve("srv/docker"), 3, 5, "gitlab", "gitlab_data", "gitlab_config");
        DataRootScanner scanner = new DataRootScanner(new HostFiles(host));
        List<DataRoot> roots = scanner.scan(List.of("/var/lib/docker", "/srv", "/data*", "/mnt/*"), List.of(), "/var/lib/docker");

        assertThat(roots).extracting(DataRoot::path).containsExactly("/var/lib/docker", "/srv/docker");
        DataRoot live = roots.get(0);
        assertThat(live.active()).isTrue();
        assertThat(live.containers()).isZero();
        DataRoot big = roots.get(1);
        assertThat(big.active()).isFalse();
        assertThat(big.containers()).isEqualTo(3);
        assertThat(big.images()).isEqualTo(5);
        assertThat(big.volumes()).isEqualTo(2);
        assertThat(big.composeProjects()).containsExactly("gitlab");
        assertThat(big.imagesByDriver()).containsExactly(java.util.Map.entry("overlay2", 5));
        assertThat(big.freeBytes()).isPositive();
        assertThat(big.containerRecords()).allSatisfy(c -> assertThat(c.labels()).containsKey("com.docker.compose.project.working_dir"));
        assertThat(big.containerRecords().get(0).name()).isEqualTo("gitlab_svc0_1");
    }

    @Test
    void globsAndDepthFindRootsUnderMountPoints() throws IOException {
        dataRoot(host.resolve("mnt/disk1/docker-data"), 1, 1, "wiki");
        dataRoot(host.resolve("data2/a/b/docker"), 1, 1, null);
        dataRoot(host.resolve("home/alice/x/y/z/docker"), 1, 1, null); // deeper than the search goes
        List<DataRoot> roots = new DataRootScanner(new HostFiles(host))
                .scan(List.of("/mnt/*", "/data*", "/home/*"), List.of(), null);
        assertThat(roots).extracting(DataRoot::path).containsExactlyInAnyOrder("/mnt/disk1/docker-data", "/data2/a/b/docker");
    }

    @Test
    void aKnownRootOutsideTheSearchIsStillDescribed() throws IOException {
        dataRoot(host.resolve("weird/place/docker"), 2, 1, null);
        List<DataRoot> roots = new DataRootScanner(new HostFiles(host)).scan(List.of(), List.of("/weird/place/docker", "/nope"), null);
        assertThat(roots).singleElement().extracting(DataRoot::containers).isEqualTo(2);
    }

    @Test
    void neverWalksIntoALayerTreeSoLayersCostNothing() throws IOException {
        Path root = host.resolve("srv/docker");
        dataRoot(root, 2, 2, null);
        // a layer holding something that looks like a data root: it must not be reported
        dataRoot(root.resolve("overlay2/l1/diff/var/lib/docker"), 5, 5, null);
        for (int i = 0; i < 1000; i++) Files.createDirectories(root.resolve("overlay2/layer" + i + "/diff/usr/lib"));
        long t0 = System.nanoTime();
        List<DataRoot> roots = new DataRootScanner(new HostFiles(host)).scan(List.of("/srv"), List.of(), null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(roots).extracting(DataRoot::path).containsExactly("/srv/docker");
        assertThat(ms).as("scan time with 1000 layers").isLessThan(2000);
    }

    @Test
    void aFolderWithOnlyAContainersDirIsNotARoot() throws IOException {
        Files.createDirectories(host.resolve("srv/app/containers"));
        assertThat(new DataRootScanner(new HostFiles(host)).scan(List.of("/srv"), List.of(), null)).isEmpty();
    }

    @Test
    void aCorruptContainerConfigStillCounts() throws IOException {
        Path root = host.resolve("srv/docker");
        dataRoot(root, 1, 0, null);
        Path bad = root.resolve("containers").resolve("f".repeat(64));
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("config.v2.json"), "{not json");
        DataRoot r = new DataRootScanner(new HostFiles(host)).scan(List.of("/srv"), List.of(), null).get(0);
        assertThat(r.containers()).isEqualTo(2);
    }
}
