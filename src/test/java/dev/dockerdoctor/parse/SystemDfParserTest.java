package dev.dockerdoctor.parse;

import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.DiskUsage.Item;
import dev.dockerdoctor.testing.Resources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemDfParserTest {
    /**
     * Recorded from dockerd 20.10.24 (API 1.41, vfs): local/busybox used by 5 containers, local/old and local/built
     * tagged but unused, two dangling images (an import whose tag moved on, sharing busybox's layer, and a build
     * whose tag moved on), a stopped container that wrote 3 MB, an OOM-killed one, three running ones, and an unused
     * volume of 2 MB. No BuildKit, so no build cache.
     */
    private static final String RECORDED = "docker/system-df-20.10.json";

    @Test
    void shouldCountAsReclaimableExactlyWhatThePruneCommandsDelete() {
        DiskUsage u = SystemDfParser.parse(Resources.text(RECORDED)).orElseThrow();

        assertThat(u.images().count()).isEqualTo(5);
        assertThat(u.images().bytes()).as("LayersSize: shared layers once").isEqualTo(1_982_256 + 500_004 + 500_002);
        assertThat(u.images().reclaimable()).containsExactly(
                new Item("6bc1aacd9a9b", 500_002),
                new Item("54bb96e9d9ea", 0)); // its only layer is busybox's: deleting it frees nothing
        assertThat(u.images().reclaimableBytes()).isEqualTo(500_002);

        assertThat(u.containers().count()).isEqualTo(5);
        assertThat(u.containers().reclaimable()).containsExactly(new Item("stopped1", 3_000_000), new Item("oom", 0));
        assertThat(u.containers().reclaimableBytes()).isEqualTo(3_000_000);

        assertThat(u.buildCache().count()).isZero();
        assertThat(u.volumes().count()).isEqualTo(1);
        assertThat(u.volumes().reclaimable()).containsExactly(new Item("data1", 2_000_000));
    }

    @Test
    void shouldListPrunableSpaceLargestFirstAndNeverVolumes() {
        DiskUsage u = SystemDfParser.parse(Resources.text(RECORDED)).orElseThrow();

        assertThat(u.prunable()).extracting(DiskUsage.Category::what).containsExactly("containers", "images");
        assertThat(u.prunable("volumes")).isEmpty();
    }

    @Test
    void shouldCountBuildCacheThatIsNeitherInUseNorShared() {
        // the shape of BuildCache entries in API 1.41 (docs.docker.com/engine/api/v1.41/#operation/SystemDataUsage)
        String json = """
                {"LayersSize": 0, "Images": [], "Containers": [], "Volumes": [],
                 "BuildCache": [
                   {"ID": "hw53o5aio51xtltp5xjp8v7fx", "Type": "regular", "Description": "mount / from exec /bin/sh -c apt-get update",
                    "InUse": false, "Shared": false, "Size": 51000000, "CreatedAt": "2021-10-07T06:00:00Z", "UsageCount": 2},
                   {"ID": "ndlpt0hhvkqcdfkputsk4cq9c", "Type": "source.local", "Description": "local source for context",
                    "InUse": true, "Shared": false, "Size": 1000, "UsageCount": 1},
                   {"ID": "z8v2nx1rd4chw0e6ofrbbyafr", "Type": "regular", "InUse": false, "Shared": true, "Size": 7000000}
                 ]}
                """;
        DiskUsage u = SystemDfParser.parse(json).orElseThrow();

        assertThat(u.buildCache().count()).isEqualTo(3);
        assertThat(u.buildCache().reclaimable()).containsExactly(
                new Item("hw53o5aio51x mount / from exec /bin/sh -c apt-get update", 51_000_000));
        assertThat(u.prunable()).extracting(DiskUsage.Category::what).containsExactly("build-cache");
    }

    @Test
    void shouldSeeNewerDaemonsDanglingImagesWithoutThePlaceholderTagAndKeepUncountedOnes() {
        String json = """
                {"LayersSize": 900, "Images": [
                   {"Id": "sha256:aaaaaaaaaaaaaaaa", "RepoTags": [], "RepoDigests": ["gitlab/gitlab-ce@sha256:1234"],
                    "Containers": 0, "Size": 700, "SharedSize": 100},
                   {"Id": "sha256:bbbbbbbbbbbbbbbb", "RepoTags": null, "Containers": -1, "Size": 200, "SharedSize": -1},
                   {"Id": "sha256:cccccccccccccccc", "RepoTags": ["<none>:<none>"], "Containers": 1, "Size": 200, "SharedSize": 0}
                 ],
                 "Containers": [{"Id": "0123456789abcdef", "Names": null, "State": "created"},
                                {"Id": "fedcba9876543210", "Names": ["/restarter"], "State": "restarting", "SizeRw": 5}],
                 "Volumes": null, "BuildCache": null}
                """;
        DiskUsage u = SystemDfParser.parse(json).orElseThrow();

        assertThat(u.images().reclaimable()).containsExactly(new Item("aaaaaaaaaaaa (untagged gitlab/gitlab-ce)", 600));
        assertThat(u.containers().reclaimable()).as("created is stopped, restarting is not")
                .containsExactly(new Item("0123456789ab", 0));
        assertThat(u.volumes().count()).isZero();
    }

    @Test
    void shouldTreatAnythingElseAsUnknown() {
        assertThat(SystemDfParser.parse(null)).isEmpty();
        assertThat(SystemDfParser.parse("")).isEmpty();
        assertThat(SystemDfParser.parse("{\"message\": \"page not found\"")).isEmpty();
        assertThat(SystemDfParser.parse("[1, 2]")).isEmpty();
        assertThat(SystemDfParser.parse("{}")).hasValueSatisfying(u -> assertThat(u.prunable()).isEmpty());
    }
}
