package dev.dockerdoctor.recovery;

import dev.dockerdoctor.model.FileChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFileEditorTest {
    @TempDir
    Path dir;

    @Test
    void setsAKeyKeepingEveryOtherKeyWithABackup() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\n  \"log-driver\": \"json-file\",\n  \"log-opts\": {\"max-size\": \"10m\"},\n  \"graph\": \"/old\"\n}\n");
        JsonFileEditor.Edit e = new JsonFileEditor().apply(f, List.of(
                new FileChange(f.toString(), "data-root", null, "/srv/docker"),
                new FileChange(f.toString(), "graph", "/old", null),
                new FileChange(f.toString(), "live-restore", null, "true")), Instant.parse("2026-11-28T06:00:00Z"));
        String text = Files.readString(f);
        assertThat(text).contains("\"log-driver\" : \"json-file\"").contains("\"max-size\" : \"10m\"")
                .contains("\"data-root\" : \"/srv/docker\"").contains("\"live-restore\" : true").doesNotContain("graph");
        assertThat(e.backup()).isPresent();
        assertThat(Files.readString(e.backup().get())).contains("/old");
        assertThat(e.backup().get().getFileName().toString()).isEqualTo("daemon.json.docker-doctor-20261128T060000Z.bak");
    }

    @Test
    void setsAKeyOfANestedObjectKeepingItsOtherKeysAndRefusesWhenItIsNoObject() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\"features\": {\"containerd-snapshotter\": true, \"buildkit\": true}, \"data-root\": \"/srv/docker\"}");
        new JsonFileEditor().apply(f, List.of(new FileChange(f.toString(), "features.containerd-snapshotter", "true", "false")),
                Instant.parse("2026-11-28T06:00:00Z"));
        assertThat(Files.readString(f)).contains("\"containerd-snapshotter\" : false", "\"buildkit\" : true", "\"data-root\" : \"/srv/docker\"");

        Path fresh = dir.resolve("fresh.json");
        Files.writeString(fresh, "{\"log-driver\": \"local\"}");
        new JsonFileEditor().apply(fresh, List.of(new FileChange(fresh.toString(), "features.containerd-snapshotter", null, "false")), Instant.now());
        assertThat(Files.readString(fresh)).contains("\"features\" : {", "\"containerd-snapshotter\" : false", "\"log-driver\" : \"local\"");

        Path odd = dir.resolve("odd.json");
        Files.writeString(odd, "{\"features\": \"yes\"}");
        assertThatThrownBy(() -> new JsonFileEditor().apply(odd, List.of(new FileChange(odd.toString(),
                "features.containerd-snapshotter", null, "false")), Instant.now()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("\"features\" is not an object");
        assertThat(Files.readString(odd)).isEqualTo("{\"features\": \"yes\"}");
    }

    @Test
    void createsTheFileWhenThereIsNone() throws Exception {
        Path f = dir.resolve("etc/docker/daemon.json");
        JsonFileEditor.Edit e = new JsonFileEditor().apply(f, List.of(new FileChange(f.toString(), "data-root", null, "/srv")), Instant.now());
        assertThat(e.backup()).isEmpty();
        assertThat(Files.readString(f)).contains("/srv");
    }

    @Test
    void refusesACorruptFileAndLeavesItAsItWas() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\"data-root\": ");
        assertThatThrownBy(() -> new JsonFileEditor().apply(f, List.of(new FileChange(f.toString(), "data-root", null, "/srv")), Instant.now()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not valid JSON");
        assertThat(Files.readString(f)).isEqualTo("{\"data-root\": ");
        try (var s = Files.list(dir)) {
            assertThat(s).hasSize(1); // no temp files, no backup
        }
    }
}
