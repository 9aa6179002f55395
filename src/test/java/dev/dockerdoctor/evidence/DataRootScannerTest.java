package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.testing.FakeHost;
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

    private FakeHost fake() {
        return new FakeHost(host);
    }

    @Test
    void findsTheOrphanedRootOnTheBigDiskWithItsCountsAndProjects() throws IOException {
        fake().dataRoot("/var/lib/docker", "overlay2", 0, 0, null);
        fake().dataRoot("/srv/docker", "overlay2", 3, 5, "gitlab", "gitlab_data", "gitlab_config");
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
    void aPlaceFullOfEmptyFoldersUsesUpItsOwnShareAndTheSearchSaysWhereItStopped() throws IOException {
        // more empty folders than the whole search may visit, in the first place searched (issue 20, item 8)
        Path crowded = java.nio.file.Files.createDirectories(host.resolve("srv/crowd"));
        for (int i = 0; i < DataRootScanner.MAX_DIRS_VISITED + 2_000; i++) {
            java.nio.file.Files.createDirectory(crowded.resolve(String.format("d%05d", i)));
        }
        fake().dataRoot("/srv/zz/docker", "overlay2", 1, 1, null); // behind the crowd: not reached
        fake().dataRoot("/mnt/big/docker", "overlay2", 12, 30, "gitlab");

        DataRootScanner.Scan scan = new DataRootScanner(new HostFiles(host)).search(List.of("/srv", "/mnt/*"), List.of(), null);

        assertThat(scan.roots()).extracting(DataRoot::path).as("the other disk is still searched").contains("/mnt/big/docker");
        assertThat(scan.unfinished()).containsExactly("/srv");
    }

    @Test
    void globsAndDepthFindRootsUnderMountPoints() throws IOException {
        fake().dataRoot("/mnt/disk1/docker-data", "overlay2", 1, 1, "wiki");
        fake().dataRoot("/data2/a/b/docker", "overlay2", 1, 1, null);
        fake().dataRoot("/home/alice/x/y/z/docker", "overlay2", 1, 1, null); // deeper than the search goes
        List<DataRoot> roots = new DataRootScanner(new HostFiles(host))
                .scan(List.of("/mnt/*", "/data*", "/home/*"), List.of(), null);
        assertThat(roots).extracting(DataRoot::path).containsExactlyInAnyOrder("/mnt/disk1/docker-data", "/data2/a/b/docker");
    }

    @Test
    void aKnownRootOutsideTheSearchIsStillDescribed() throws IOException {
        fake().dataRoot("/weird/place/docker", "overlay2", 2, 1, null);
        List<DataRoot> roots = new DataRootScanner(new HostFiles(host)).scan(List.of(), List.of("/weird/place/docker", "/nope"), null);
        assertThat(roots).singleElement().extracting(DataRoot::containers).isEqualTo(2);
    }

    @Test
    void neverWalksIntoALayerTreeSoLayersCostNothing() throws IOException {
        Path root = host.resolve("srv/docker");
        fake().dataRoot("/srv/docker", "overlay2", 2, 2, null);
        // a layer holding something that looks like a data root: it must not be reported
        fake().dataRoot("/srv/docker/overlay2/l1/diff/var/lib/docker", "overlay2", 5, 5, null);
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
        fake().dataRoot("/srv/docker", "overlay2", 1, 0, null);
        Path bad = root.resolve("containers").resolve("f".repeat(64));
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("config.v2.json"), "{not json");
        DataRoot r = new DataRootScanner(new HostFiles(host)).scan(List.of("/srv"), List.of(), null).get(0);
        assertThat(r.containers()).isEqualTo(2);
    }
}
