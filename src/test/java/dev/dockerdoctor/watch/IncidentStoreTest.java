package dev.dockerdoctor.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentStoreTest {
    private static final Instant T = Instant.parse("2021-10-07T06:21:12Z");

    private static Incident resolvedIncident() {
        return new Incident("inc-20211007-062112", "docker-host", IncidentState.RESOLVED, T, T.plusSeconds(900),
                T.plusSeconds(600), T.plusSeconds(900), Duration.ofMinutes(15),
                List.of(new SignalRecord(SignalKind.URL_DOWN, "gitlab", "gitlab answered 404", T, T.plusSeconds(580), T.plusSeconds(600)),
                        new SignalRecord(SignalKind.DATA_ROOT_CHANGED, "data-root", "Docker's root directory changed from /big to /var/lib/docker",
                                T.plusSeconds(3), T.plusSeconds(590), T.plusSeconds(900))),
                List.of(new TimelineEntry(T, "gitlab answered 404"), new TimelineEntry(T.plusSeconds(900), "resolved after 15 min")),
                3, new Verdict(T.plusSeconds(601), null, List.of(), List.of(), List.of()), List.of("restore-data-root"), 7,
                new Delivery(new ThreadRef("C0INCIDENTS", "1633587672.000100", Map.of("diagnosis", "1633587673.000200")),
                        null, 6, 2, "ratelimited", T.plusSeconds(905)),
                new Acknowledgement("U0BOB", T.plusSeconds(120), "restoring the data root"));
    }

    @Test
    void roundTripsEveryField(@TempDir Path dir) throws Exception {
        IncidentStore store = new IncidentStore(dir);
        Incident i = resolvedIncident();
        DockerBaseline baseline = new DockerBaseline("/big/docker", 12, T.minusSeconds(3600));
        store.save(new IncidentStore.Stored(IncidentStore.VERSION, List.of(i), baseline));

        IncidentStore.Loaded loaded = store.load(T);

        assertThat(loaded.problem()).isNull();
        assertThat(loaded.stored().incidents()).containsExactly(i);
        assertThat(loaded.stored().dockerBaseline()).isEqualTo(baseline);
        String json = Files.readString(dir.resolve(IncidentStore.FILE));
        assertThat(json).contains("\"state\" : \"resolved\"", "\"kind\" : \"url-down\"", "\"duration\" : \"PT15M\"",
                "\"needsUpdate\" : true", "\"ts\" : \"1633587672.000100\"", "\"channel\" : \"C0INCIDENTS\"",
                "\"reason\" : \"restoring the data root\"");
    }

    @Test
    void noFileIsNoIncidents(@TempDir Path dir) {
        IncidentStore.Loaded loaded = new IncidentStore(dir).load(T);
        assertThat(loaded.problem()).isNull();
        assertThat(loaded.stored().incidents()).isEmpty();
    }

    @Test
    void aCorruptFileIsMovedAsideAndReportedNotFatal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(IncidentStore.FILE);
        Files.writeString(file, "{\"version\":1,\"incidents\":[{\"id\":\"inc-1\",\"state\":");

        IncidentStore.Loaded loaded = new IncidentStore(dir).load(T);

        assertThat(loaded.stored().incidents()).isEmpty();
        Path aside = dir.resolve(IncidentStore.FILE + ".corrupt-20211007T062112Z");
        assertThat(loaded.problem()).contains(file.toString(), "could not be read", aside.toString());
        assertThat(file).doesNotExist();
        assertThat(aside).hasContent("{\"version\":1,\"incidents\":[{\"id\":\"inc-1\",\"state\":");
    }

    @Test
    void aFileOfTheWrongShapeIsCorruptToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(IncidentStore.FILE), "[1,2,3]");
        IncidentStore.Loaded loaded = new IncidentStore(dir).load(T);
        assertThat(loaded.problem()).contains("moved it to");
        assertThat(loaded.stored().incidents()).isEmpty();
    }

    @Test
    void savingReplacesTheFileWholeAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        IncidentStore store = new IncidentStore(dir);
        store.save(new IncidentStore.Stored(IncidentStore.VERSION, List.of(resolvedIncident()), null));
        store.save(IncidentStore.Stored.EMPTY);
        assertThat(store.load(T).stored().incidents()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(IncidentStore.FILE);
        }
    }
}
