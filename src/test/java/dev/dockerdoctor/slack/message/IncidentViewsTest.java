package dev.dockerdoctor.slack.message;

import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.slack.render.BlockKitLimits;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.slack.render.SlackMessage;
import dev.dockerdoctor.testing.Snapshots;
import dev.dockerdoctor.watch.Delivery;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.SignalKind;
import dev.dockerdoctor.watch.SignalRecord;
import dev.dockerdoctor.watch.TimelineEntry;
import dev.dockerdoctor.watch.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentViewsTest {
    private static final Instant T = Instant.parse("2021-10-07T06:21:12Z");
    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final ViewContext CONTEXT = new ViewContext("gitlab-host", "inc-20211007-062112", List.of("U0ADMIN"), null);

    private static Diagnosis drifted() {
        return Doctor.standard(PlanContext.defaults()).diagnose(Snapshots.host().daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0)
                .root("/big/docker", false, 12, 5, 3, "gitlab")
                .build());
    }

    private static Incident incident(IncidentState state, Verdict verdict, int timelineLines) {
        return incident(state, verdict, timelineLines, 15);
    }

    private static Incident incident(IncidentState state, Verdict verdict, int timelineLines, int secondsApart) {
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int i = 0; i < timelineLines; i++) {
            timeline.add(new TimelineEntry(T.plusSeconds((long) secondsApart * i), "line " + i + " <!channel>"));
        }
        List<SignalRecord> signals = List.of(
                new SignalRecord(SignalKind.URL_DOWN, "gitlab", "gitlab answered 404", T, T.plusSeconds(600),
                        state == IncidentState.OPEN ? null : T.plusSeconds(700)),
                new SignalRecord(SignalKind.DATA_ROOT_CHANGED, "data-root", "Docker's root directory changed from /big/docker to /var/lib/docker",
                        T.plusSeconds(2), T.plusSeconds(600), state == IncidentState.RESOLVED ? T.plusSeconds(900) : null));
        boolean resolved = state == IncidentState.RESOLVED;
        return new Incident(CONTEXT.reportId(), "gitlab-host", state, T, T.plusSeconds(900), T.plusSeconds(700),
                resolved ? T.plusSeconds(1500) : null, resolved ? Duration.ofMinutes(25) : null, signals, timeline, 0, verdict,
                List.of(), 3, Delivery.NONE);
    }

    private static Verdict cause() {
        return new Verdict(T, "Docker runs on /var/lib/docker (0 containers) but 12 containers are in /big/docker",
                List.of("data-root-drift"), List.of("data-root-drift"), List.of("restore-data-root"));
    }

    private static SlackMessage render(Message m) {
        SlackMessage s = BlockKitRenderer.render(m);
        assertThat(BlockKitLimits.violations(s)).isEmpty();
        return s;
    }

    @Test
    void theRootMessageSaysWhatIsDownAndTheLikelyCauseFirst() {
        Message m = IncidentViews.root(incident(IncidentState.OPEN, cause(), 3), Optional.of(drifted()), CONTEXT, ZONE);
        render(m);
        assertThat(((Part.Header) m.parts().get(0)).text()).isEqualTo(":red_circle: gitlab is down on gitlab-host");
        assertThat(((Part.Text) m.parts().get(1)).markdown()).isEqualTo(
                "*gitlab answered 404; Docker's root directory changed from /big/docker to /var/lib/docker*\n"
                        + "*Likely cause:* Docker runs on /var/lib/docker (0 containers) but 12 containers are in /big/docker");
        assertThat(m.fallback()).startsWith("gitlab is down on gitlab-host: gitlab answered 404");
        Part.Code timeline = (Part.Code) m.parts().stream().filter(p -> p instanceof Part.Code).findFirst().orElseThrow();
        assertThat(timeline.lines()).containsExactly("06:21:12  line 0 <!channel>", "06:21:27  line 1 <!channel>",
                "06:21:42  line 2 <!channel>");
        assertThat(m.buttons()).as("step buttons live in the thread; the root has only Acknowledge")
                .extracting(Part.Button::id).containsExactly(IncidentViews.UI_ACK);
        assertThat(ButtonRef.decode(m.buttons().get(0).value()).orElseThrow().report()).isEqualTo(CONTEXT.reportId());
    }

    @Test
    void anAcknowledgedRootSaysWhoWhenAndWhyAndOffersNoSecondAcknowledge() {
        Incident i = incident(IncidentState.OPEN, cause(), 3);
        Incident acked = new Incident(i.id(), i.host(), i.state(), i.openedAt(), i.updatedAt(), i.evidenceChangedAt(),
                i.resolvedAt(), i.duration(), i.signals(), i.timeline(), i.timelineDropped(), i.verdict(), i.stepsRan(),
                i.revision(), i.delivery(), new dev.dockerdoctor.watch.Acknowledgement("U0BOB", T.plusSeconds(300),
                "restoring the data root <!channel>"));
        Message m = IncidentViews.root(acked, Optional.of(drifted()), CONTEXT, ZONE);
        render(m);
        assertThat(m.parts()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(Part.Text.class, t ->
                assertThat(t.markdown()).startsWith(":eyes: *Acknowledged* by <@U0BOB> <!date^" + T.plusSeconds(300).getEpochSecond()
                        + "^{date_short_pretty} {time}|")
                        .contains(": restoring the data root")
                        .doesNotContain("<!channel>")));
        assertThat(m.buttons()).isEmpty();
        Message resolved = IncidentViews.root(incident(IncidentState.RESOLVED, cause(), 3), Optional.empty(), CONTEXT, ZONE);
        assertThat(resolved.buttons()).as("nothing to acknowledge once resolved").isEmpty();
    }

    @Test
    void beforeTheDiagnosisTheRootSaysItIsComing() {
        Message m = IncidentViews.root(incident(IncidentState.OPEN, null, 1), Optional.empty(), CONTEXT, ZONE);
        render(m);
        assertThat(((Part.Text) m.parts().get(1)).markdown()).endsWith("*Likely cause:* _diagnosing..._");
    }

    @Test
    void mitigatingAndResolvedSayIt() {
        Message mitigating = IncidentViews.root(incident(IncidentState.MITIGATING, cause(), 5), Optional.empty(), CONTEXT, ZONE);
        assertThat(((Part.Header) mitigating.parts().get(0)).text())
                .isEqualTo(":large_orange_circle: Recovering on gitlab-host: Docker's data root moved");
        Message resolved = IncidentViews.root(incident(IncidentState.RESOLVED, cause(), 5), Optional.empty(), CONTEXT, ZONE);
        render(resolved);
        assertThat(((Part.Header) resolved.parts().get(0)).text()).isEqualTo(":large_green_circle: Resolved on gitlab-host after 25 min");
        assertThat(((Part.Fields) resolved.parts().get(2)).fields()).contains("*Outage*\n25 min");
        Message brief = IncidentViews.resolved(incident(IncidentState.RESOLVED, cause(), 1), CONTEXT);
        render(brief);
        assertThat(brief.parts()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(Part.Fields.class, f ->
                assertThat(String.join("\n", f.fields())).contains("*Was down*\ngitlab answered 404",
                        "*Cause*\nDocker runs on /var/lib/docker", "*Steps run*\nnone from Slack")));
        assertThat(brief.parts()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(Part.Note.class, n ->
                assertThat(n.items().get(0)).contains("docker-doctor postmortem " + CONTEXT.reportId())));
        assertThat(IncidentViews.resolved(incident(IncidentState.RESOLVED, cause(), 1), CONTEXT).fallback())
                .isEqualTo("Resolved after 25 min on gitlab-host");
    }

    @Test
    void aLongTimelineShowsTheLatestLinesAndCountsTheRest() {
        Message m = IncidentViews.root(incident(IncidentState.OPEN, cause(), 400, 300), Optional.empty(), CONTEXT, ZONE);
        render(m);
        Part.Code timeline = (Part.Code) m.parts().stream().filter(p -> p instanceof Part.Code).findFirst().orElseThrow();
        assertThat(timeline.lines()).hasSize(IncidentViews.MAX_TIMELINE + 1);
        assertThat(timeline.lines().get(0)).isEqualTo("... 388 earlier entries");
        assertThat(timeline.lines().get(IncidentViews.MAX_TIMELINE)).startsWith("Oct 8 15:36:12").endsWith("line 399 <!channel>");
    }

    @Test
    void theThreadIsTheReportWithStepButtonsNamingTheIncident() {
        Message m = IncidentViews.thread(incident(IncidentState.OPEN, cause(), 2), drifted(), CONTEXT);
        render(m);
        assertThat(m.fallback()).startsWith("Diagnosis of incident inc-20211007-062112: ");
        Part.Button restore = m.buttons().stream().filter(b -> b.id().equals("restore-data-root")).findFirst().orElseThrow();
        assertThat(ButtonRef.decode(restore.value())).contains(new ButtonRef("inc-20211007-062112", "restore-data-root"));
    }
}
