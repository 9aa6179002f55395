package dev.dockerdoctor.watch;

import dev.dockerdoctor.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.dockerdoctor.watch.IncidentMachine.Kind.NONE;
import static dev.dockerdoctor.watch.IncidentMachine.Kind.OPENED;
import static dev.dockerdoctor.watch.IncidentMachine.Kind.REOPENED;
import static dev.dockerdoctor.watch.IncidentMachine.Kind.RESOLVED;
import static dev.dockerdoctor.watch.IncidentMachine.Kind.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

/** The incident state machine, pure: URL results go through the same hysteresis as in serve, time is a test clock. */
class IncidentMachineTest {
    private static final Duration INTERVAL = Duration.ofSeconds(15);

    private final TestClock clock = TestClock.at("2021-10-07T06:20:00Z");
    private final UrlStates urls = new UrlStates(List.of("gitlab", "wiki"), clock, 2, 2);
    private IncidentMachine machine = new IncidentMachine("docker-host", clock, IncidentMachine.Options.DEFAULT, List.of());
    private final List<IncidentMachine.Change> changes = new ArrayList<>();

    private static UrlCheck up(String name) {
        return new UrlCheck(name, URI.create("http://" + name + "/"), UrlCheck.Result.UP, 200, name + " answered 200", Duration.ZERO);
    }

    private static UrlCheck answered(String name, int status) {
        return UrlProbe.answered(name, URI.create("http://" + name + "/"), status, Duration.ZERO);
    }

    private static UrlCheck refused(String name) {
        return new UrlCheck(name, URI.create("http://" + name + "/"), UrlCheck.Result.REFUSED, null, name + ": connection refused", Duration.ZERO);
    }

    /** One poll interval passes, then these results come in. */
    private IncidentMachine.Change poll(UrlCheck... checks) {
        clock.advance(INTERVAL);
        IncidentMachine.Change c = machine.observe(urls.apply(List.of(checks)));
        changes.add(c);
        return c;
    }

    private IncidentMachine.Change docker(Signal... problems) {
        IncidentMachine.Change c = machine.observe(new Reading(List.of(problems), Set.of()));
        changes.add(c);
        return c;
    }

    private Verdict verdictNow(String... critical) {
        return new Verdict(clock.instant(), critical.length == 0 ? null : "Docker runs on another data root",
                List.of(critical), List.of(critical), critical.length == 0 ? List.of() : List.of("restore-data-root"));
    }

    private long count(IncidentMachine.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    @Test
    void aHealthyHostPolledTwentyTimesRaisesNothing() {
        for (int i = 0; i < 20; i++) assertThat(poll(up("gitlab"), up("wiki")).kind()).isEqualTo(NONE);
        assertThat(machine.all()).isEmpty();
    }

    @Test
    void aBlipRaisesNothing() {
        poll(up("gitlab"));
        assertThat(poll(answered("gitlab", 502)).kind()).isEqualTo(NONE);
        poll(up("gitlab"));
        poll(up("gitlab"));
        assertThat(machine.all()).isEmpty();
    }

    @Test
    void aFlapEveryOtherPollNeverConfirmsAndRaisesNothing() {
        for (int i = 0; i < 20; i++) poll(i % 2 == 0 ? refused("gitlab") : up("gitlab"));
        assertThat(changes).allMatch(c -> c.kind() == NONE);
    }

    @Test
    void twoFailuresInARowOpenOneIncidentDatedByTheFirstFailure() {
        poll(up("gitlab"));
        poll(answered("gitlab", 404));
        Instant firstFailure = clock.instant();
        IncidentMachine.Change c = poll(answered("gitlab", 404));

        assertThat(c.kind()).isEqualTo(OPENED);
        Incident i = c.incident();
        assertThat(i.id()).isEqualTo("inc-20211007-062030");
        assertThat(i.state()).isEqualTo(IncidentState.OPEN);
        assertThat(i.openedAt()).isEqualTo(firstFailure);
        assertThat(i.activeSignals()).extracting(SignalRecord::detail).containsExactly("gitlab answered 404");
        assertThat(i.needsUpdate()).isTrue();
        assertThat(i.headline()).isEqualTo("gitlab answered 404. Likely cause: diagnosing...");
    }

    @Test
    void aLongOutageIsOneIncidentWithoutNewsEveryPoll() {
        poll(refused("gitlab"));
        poll(refused("gitlab"));
        for (int i = 0; i < 50; i++) poll(refused("gitlab"));
        assertThat(count(OPENED)).isEqualTo(1);
        assertThat(count(UPDATED)).isZero();
        assertThat(machine.open().orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void aSecondUrlGoingDownJoinsTheOpenIncident() {
        poll(answered("gitlab", 404), up("wiki"));
        String id = poll(answered("gitlab", 404), up("wiki")).incident().id();
        poll(answered("gitlab", 404), answered("wiki", 503));
        IncidentMachine.Change c = poll(answered("gitlab", 404), answered("wiki", 503));

        assertThat(c.kind()).isEqualTo(UPDATED);
        assertThat(c.incident().id()).isEqualTo(id);
        assertThat(c.incident().activeSignals()).extracting(SignalRecord::detail)
                .containsExactly("gitlab answered 404", "wiki answered 503");
        assertThat(machine.all()).hasSize(1);
        assertThat(count(OPENED)).isEqualTo(1);
    }

    @Test
    void theRootChangingJoinsTheOpenIncident() {
        poll(refused("gitlab"));
        String id = poll(refused("gitlab")).incident().id();
        IncidentMachine.Change c = docker(new Signal(SignalKind.DATA_ROOT_CHANGED, "data-root",
                "Docker's root directory changed from /big/docker to /var/lib/docker", clock.instant()));

        assertThat(c.kind()).isEqualTo(UPDATED);
        assertThat(c.incident().id()).isEqualTo(id);
        assertThat(c.incident().activeSignals()).extracting(SignalRecord::kind)
                .containsExactly(SignalKind.URL_DOWN, SignalKind.DATA_ROOT_CHANGED);
    }

    @Test
    void resolvesWhenAllIsUpAndAFreshDiagnosisFindsNothingCriticalWithTheOutagesDuration() {
        poll(up("gitlab"));
        poll(answered("gitlab", 404));
        Instant firstFailure = clock.instant();
        poll(answered("gitlab", 404));
        machine.diagnosed(verdictNow("data-root-drift"));
        for (int i = 0; i < 8; i++) poll(answered("gitlab", 404));
        assertThat(poll(up("gitlab")).kind()).as("one success is not yet up").isEqualTo(NONE);
        IncidentMachine.Change cleared = poll(up("gitlab"));
        assertThat(cleared.kind()).isEqualTo(UPDATED);
        assertThat(cleared.incident().state()).isEqualTo(IncidentState.MITIGATING);

        clock.seconds(3);
        IncidentMachine.Change c = machine.diagnosed(verdictNow());

        assertThat(c.kind()).isEqualTo(RESOLVED);
        Incident i = c.incident();
        assertThat(i.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(i.resolvedAt()).isEqualTo(clock.instant());
        assertThat(i.duration()).isEqualTo(Duration.between(firstFailure, clock.instant())).isEqualTo(Duration.ofSeconds(168));
        assertThat(i.timeline()).extracting(TimelineEntry::text)
                .contains("gitlab answered 404", "diagnosis: Docker runs on another data root", "gitlab answers again",
                        "resolved after 2 min");
        assertThat(machine.open()).isEmpty();
        assertThat(i.headline()).startsWith("Resolved after 2 min: gitlab answered 404");
    }

    @Test
    void aDiagnosisStartedBeforeTheLastChangeCannotResolve() {
        poll(refused("gitlab"));
        poll(refused("gitlab"));
        Verdict early = verdictNow();
        poll(up("gitlab"));
        poll(up("gitlab"));
        assertThat(machine.diagnosed(early).kind()).isNotEqualTo(RESOLVED);
        assertThat(machine.open()).isPresent();
    }

    @Test
    void aServiceStillDownKeepsItOpenWhateverTheDiagnosisSays() {
        poll(refused("gitlab"));
        poll(refused("gitlab"));
        IncidentMachine.Change c = machine.diagnosed(verdictNow());
        assertThat(c.kind()).as("the first verdict is news").isEqualTo(UPDATED);
        assertThat(c.incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(c.incident().headline()).isEqualTo("gitlab: connection refused. Likely cause: no problem found on the Docker host");
    }

    @Test
    void aCriticalFindingKeepsItMitigatingUntilAFreshDiagnosisIsClean() {
        poll(refused("gitlab"));
        poll(refused("gitlab"));
        poll(up("gitlab"));
        poll(up("gitlab"));
        clock.seconds(1);
        assertThat(machine.diagnosed(verdictNow("data-root-drift")).incident().state()).isEqualTo(IncidentState.MITIGATING);
        assertThat(machine.diagnosed(verdictNow("data-root-drift")).kind()).as("the same verdict is no news").isEqualTo(NONE);
        clock.seconds(60);
        assertThat(machine.diagnosed(verdictNow()).kind()).isEqualTo(RESOLVED);
    }

    @Test
    void aStepRunMakesItMitigatingAndNeedsAFreshDiagnosis() {
        poll(refused("gitlab"));
        String id = poll(refused("gitlab")).incident().id();
        machine.diagnosed(verdictNow("data-root-drift"));
        clock.seconds(5);
        IncidentMachine.Change c = machine.stepRan(id, "restore-data-root", true);
        assertThat(c.kind()).isEqualTo(UPDATED);
        assertThat(c.incident().state()).isEqualTo(IncidentState.MITIGATING);
        assertThat(c.incident().stepsRan()).containsExactly("restore-data-root");
        assertThat(c.incident().evidenceChangedAt()).isEqualTo(clock.instant());
        assertThat(machine.stepRan("inc-other", "start-docker", true).kind()).isEqualTo(NONE);
    }

    @Test
    void aSignalComingBackReopensTheStateAndASlowFlapKeepsOneThread() {
        for (int cycle = 0; cycle < 4; cycle++) {
            poll(refused("gitlab"));
            poll(refused("gitlab"));
            poll(up("gitlab"));
            poll(up("gitlab"));
            machine.diagnosed(verdictNow());
        }
        assertThat(count(OPENED)).isEqualTo(1);
        assertThat(count(REOPENED)).isEqualTo(3);
        assertThat(count(RESOLVED)).isZero(); // diagnosed() changes are not in the list; the state says it
        assertThat(machine.all()).hasSize(1);
        assertThat(machine.all().get(0).state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(machine.all().get(0).timeline()).extracting(TimelineEntry::text).filteredOn(t -> t.startsWith("reopened")).hasSize(3);
    }

    @Test
    void aProblemLongAfterTheResolutionIsANewIncident() {
        poll(refused("gitlab"));
        String first = poll(refused("gitlab")).incident().id();
        poll(up("gitlab"));
        poll(up("gitlab"));
        machine.diagnosed(verdictNow());
        clock.advance(Duration.ofHours(3));
        poll(refused("gitlab"));
        IncidentMachine.Change c = poll(refused("gitlab"));
        assertThat(c.kind()).isEqualTo(OPENED);
        assertThat(c.incident().id()).isNotEqualTo(first);
        assertThat(machine.all()).hasSize(2);
    }

    @Test
    void aRootChangeAloneResolvesOnACleanDiagnosisAndIsClearedThen() {
        docker(new Signal(SignalKind.DATA_ROOT_CHANGED, "data-root", "Docker's root directory changed from /a to /b", clock.instant()));
        clock.seconds(2);
        IncidentMachine.Change c = machine.diagnosed(verdictNow());
        assertThat(c.kind()).isEqualTo(RESOLVED);
        assertThat(c.incident().activeSignals()).isEmpty();
    }

    @Test
    void aChangedFailureIsReworded() {
        poll(answered("gitlab", 404));
        poll(answered("gitlab", 404));
        IncidentMachine.Change c = poll(refused("gitlab"));
        assertThat(c.kind()).isEqualTo(UPDATED);
        assertThat(c.incident().activeSignals()).extracting(SignalRecord::detail).containsExactly("gitlab: connection refused");
        assertThat(c.incident().timeline()).extracting(TimelineEntry::text).contains("now: gitlab: connection refused");
    }

    @Test
    void needsUpdateFollowsTheRevisionTheChatShows() {
        poll(refused("gitlab"));
        Incident i = poll(refused("gitlab")).incident();
        machine.postingStarted(i.id());
        machine.posted(i.id(), new ThreadRef("C1", "1633587630.000100"));
        machine.diagnosed(verdictNow("data-root-drift")); // changes while the post was under way
        Incident after = machine.delivered(i.id(), i.revision(), new ThreadRef("C1", "1633587630.000100"));
        assertThat(after.needsUpdate()).as("revision 2 is not shown yet").isTrue();
        assertThat(after.delivery().postingSince()).isNull();
        after = machine.delivered(i.id(), after.revision(), after.thread());
        assertThat(after.needsUpdate()).isFalse();
    }

    @Test
    void aRestartedBotContinuesTheSameIncidentAndThread(@TempDir Path state) throws Exception {
        poll(refused("gitlab"));
        Incident i = poll(refused("gitlab")).incident();
        machine.postingStarted(i.id());
        ThreadRef thread = new ThreadRef("C0INCIDENTS", "1633587630.000100", java.util.Map.of("diagnosis", "1633587631.000200"));
        machine.delivered(i.id(), i.revision(), thread);
        IncidentStore store = new IncidentStore(state);
        store.save(new IncidentStore.Stored(IncidentStore.VERSION, machine.all(), null));

        // a new process: new watch states, the machine from the file
        IncidentStore.Loaded loaded = store.load(clock.instant());
        assertThat(loaded.problem()).isNull();
        machine = new IncidentMachine("docker-host", clock, IncidentMachine.Options.DEFAULT, loaded.stored().incidents());
        UrlStates fresh = new UrlStates(List.of("gitlab", "wiki"), clock, 2, 2);
        Incident restored = machine.open().orElseThrow();
        assertThat(restored.id()).isEqualTo(i.id());
        assertThat(restored.thread()).isEqualTo(thread);
        assertThat(restored.needsUpdate()).isFalse();

        clock.advance(INTERVAL);
        assertThat(machine.observe(fresh.apply(List.of(refused("gitlab")))).kind()).isEqualTo(NONE);
        clock.advance(INTERVAL);
        assertThat(machine.observe(fresh.apply(List.of(refused("gitlab")))).kind()).as("the same signal again").isEqualTo(NONE);
        clock.advance(INTERVAL);
        fresh.apply(List.of(refused("gitlab"), answered("wiki", 500)));
        clock.advance(INTERVAL);
        IncidentMachine.Change c = machine.observe(fresh.apply(List.of(refused("gitlab"), answered("wiki", 500))));
        assertThat(c.kind()).isEqualTo(UPDATED);
        assertThat(c.incident().id()).isEqualTo(i.id());
        assertThat(c.incident().thread().ts()).isEqualTo("1633587630.000100");
        assertThat(c.incident().needsUpdate()).isTrue();
    }

    @Test
    void anAcknowledgementIsKeptSaidOnTheTimelineAndEndsWithTheIncident() {
        poll(answered("gitlab", 404));
        Incident open = poll(answered("gitlab", 404)).incident();
        clock.advance(Duration.ofMinutes(3));
        IncidentMachine.Change ack = machine.acknowledge(open.id(), "U0BOB", "  restoring the data root  ");
        assertThat(ack.kind()).isEqualTo(UPDATED);
        Acknowledgement a = ack.incident().acknowledgement();
        assertThat(a).isEqualTo(new Acknowledgement("U0BOB", clock.instant(), "restoring the data root"));
        assertThat(ack.incident().revision()).isGreaterThan(open.revision());
        assertThat(ack.incident().evidenceChangedAt()).as("an acknowledgement is no evidence").isEqualTo(open.evidenceChangedAt());
        assertThat(ack.incident().timeline()).last().extracting(TimelineEntry::text)
                .isEqualTo("acknowledged by U0BOB: restoring the data root");
        assertThat(machine.acknowledge("inc-other", "U0BOB", "x").kind()).as("not the open incident").isEqualTo(NONE);

        // a new signal after the acknowledgement is still shown
        IncidentMachine.Change more = poll(answered("gitlab", 404), refused("wiki"));
        more = more.changed() ? more : poll(answered("gitlab", 404), refused("wiki"));
        assertThat(more.incident().activeSignals()).hasSize(2);
        assertThat(more.incident().acknowledgement()).isEqualTo(a);

        // resolved, it keeps who acknowledged it (for the post-mortem); reopened, the acknowledgement is gone
        poll(up("gitlab"), up("wiki"));
        poll(up("gitlab"), up("wiki"));
        Incident resolved = machine.diagnosed(verdictNow()).incident();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.acknowledgement()).isEqualTo(a);
        poll(answered("gitlab", 404));
        IncidentMachine.Change back = poll(answered("gitlab", 404));
        assertThat(back.kind()).isEqualTo(REOPENED);
        assertThat(back.incident().acknowledgement()).isNull();
    }

    @Test
    void theNamedCauseIsTheDiagnosisAtTheWorstNotTheFirstSymptomNorTheAftermath() {
        Instant t = Instant.parse("2026-12-02T06:20:00Z");
        List<TimelineEntry> tl = List.of(
                new TimelineEntry(t, "Docker daemon unreachable"),
                new TimelineEntry(t.plusSeconds(1), IncidentMachine.DIAGNOSIS_NOTE + "The Docker daemon does not answer"),
                new TimelineEntry(t.plusSeconds(9), IncidentMachine.DIAGNOSIS_NOTE + "Docker runs on /var/lib/docker but 12 containers are in /srv/docker"),
                new TimelineEntry(t.plusSeconds(20), IncidentMachine.STEP_NOTE + "restore-data-root ran: succeeded"),
                new TimelineEntry(t.plusSeconds(22), IncidentMachine.DIAGNOSIS_NOTE + "An upgrade of containerd.io restarted Docker"));
        assertThat(withTimeline(tl).namedCause()).hasValue("Docker runs on /var/lib/docker but 12 containers are in /srv/docker");
        assertThat(withTimeline(List.of(tl.get(0), tl.get(1), new TimelineEntry(t.plusSeconds(5),
                IncidentMachine.DIAGNOSIS_NOTE + IncidentMachine.NO_CAUSE))).namedCause())
                .as("no step: the last cause named").hasValue("The Docker daemon does not answer");
        assertThat(withTimeline(List.of(tl.get(3), tl.get(4))).namedCause()).as("named only after a step")
                .hasValue("An upgrade of containerd.io restarted Docker");
    }

    private static Incident withTimeline(List<TimelineEntry> tl) {
        Instant t = tl.get(0).at();
        return new Incident("inc-1", "h", IncidentState.RESOLVED, t, t, t, t.plusSeconds(30), Duration.ofSeconds(30),
                List.of(), tl, 0, null, List.of(), 1, Delivery.NONE);
    }
}
