package dev.dockerdoctor.postmortem;

import dev.dockerdoctor.app.Main;
import dev.dockerdoctor.evidence.StoryLogs;
import dev.dockerdoctor.recovery.AuditLog;
import dev.dockerdoctor.watch.Acknowledgement;
import dev.dockerdoctor.watch.Delivery;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentState;
import dev.dockerdoctor.watch.IncidentStore;
import dev.dockerdoctor.watch.SignalKind;
import dev.dockerdoctor.watch.SignalRecord;
import dev.dockerdoctor.watch.ThreadRef;
import dev.dockerdoctor.watch.TimelineEntry;
import dev.dockerdoctor.watch.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code postmortem} over the story: the incident's record and audit log in a state folder, the story's logs on the
 * host. The Markdown names the upgrade, the orphaned root, who acknowledged and who fixed, and is the same twice.
 */
class PostmortemCommandTest {
    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    Run postmortem(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] argv = new String[args.length + 1];
            argv[0] = "postmortem";
            System.arraycopy(args, 0, argv, 1, args.length);
            int status = Main.run(argv, Map.of("DOCKER_HOST", "unix://" + tmp.resolve("no-docker.sock")),
                    Clock.fixed(StoryLogs.NOW, StoryLogs.ZONE));
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theStorysPostMortemNamesTheUpgradeTheOrphanedRootWhoAcknowledgedAndWhoFixed() throws Exception {
        Path host = tmp.resolve("host");
        StoryLogs.write(host);
        Files.writeString(Files.createDirectories(host.resolve("etc")).resolve("timezone"), "Europe/Berlin\n");
        Path state = Files.createDirectories(tmp.resolve("state"));
        Instant opened = StoryLogs.at(2021, 10, 7, 6, 21, 12);
        Instant resolved = StoryLogs.at(2021, 10, 7, 6, 48, 3);
        Incident i = new Incident("inc-20211007-042112", "gitlab-host", IncidentState.RESOLVED, opened, resolved, opened.plusSeconds(1500),
                resolved, Duration.between(opened, resolved),
                List.of(new SignalRecord(SignalKind.URL_DOWN, "gitlab", "gitlab answered 404", opened, resolved.minusSeconds(30), resolved.minusSeconds(20))),
                List.of(new TimelineEntry(opened, "gitlab answered 404"),
                        new TimelineEntry(opened.plusSeconds(5), "diagnosis: Docker runs on /var/lib/docker (0 containers) but 14 containers are in /srv/docker"),
                        new TimelineEntry(opened.plusSeconds(300), "acknowledged by U0BOB: restoring the data root"),
                        new TimelineEntry(opened.plusSeconds(1560), "diagnosis: no problem found on the Docker host"),
                        new TimelineEntry(opened.plusSeconds(1500), "step restore-data-root ran: succeeded"),
                        new TimelineEntry(resolved, "resolved after 26 min")),
                // resolved: the verdict is the clean one that closed it; the cause is on the timeline
                0, new Verdict(opened.plusSeconds(1560), null, List.of(), List.of(), List.of()),
                List.of("restore-data-root"), 9, new Delivery(new ThreadRef("C0OPS", "1633580472.000100"), null, 9, 0, null, null),
                new Acknowledgement("U0BOB", opened.plusSeconds(300), "restoring the data root"));
        new IncidentStore(state).save(new IncidentStore.Stored(IncidentStore.Stored.EMPTY.version(), List.of(i), null));
        AuditLog audit = new AuditLog(state);
        audit.append(new AuditLog.Entry(opened.plusSeconds(300), "U0BOB", i.id(), "ui:ack", List.of("acknowledged: restoring the data root"),
                null, null, "acknowledged"));
        audit.append(new AuditLog.Entry(opened.plusSeconds(1490), "U0ALICE", i.id(), "restore-data-root", List.of(), null, null, "started"));
        audit.append(new AuditLog.Entry(opened.plusSeconds(1500), "U0ALICE", i.id(), "restore-data-root",
                List.of("run systemctl restart docker"), 0, Duration.ofSeconds(9), "done"));
        audit.append(new AuditLog.Entry(opened.plusSeconds(1600), "U0ALICE", "r-other", "hold-docker-packages", List.of(), 0, null, "done"));

        Run r = postmortem("--state-dir", state.toString(), "--host-root", host.toString());
        assertThat(r.status()).as(r.err()).isZero();
        String md = r.out();
        // kept to read: target/postmortem-story.md
        Files.writeString(Path.of(System.getProperty("basedir", "."), "target", "postmortem-story.md"), md);
        assertThat(md).startsWith("# Post-mortem: gitlab down on gitlab-host, 2021-10-07\n");
        assertThat(md).contains("## Impact\n\n- gitlab answered 404\n", "From 2021-10-07 06:21:12 to 2021-10-07 06:48:03: 26 min.");
        assertThat(md).contains("## Detection\n\ndocker-doctor saw first: gitlab answered 404, at 06:21:12");
        assertThat(md).contains("## Root cause\n\nDocker runs on /var/lib/docker (0 containers) but 14 containers are in /srv/docker.");
        assertThat(md).contains("containerd.io 1.4.9-1 → 1.4.11-1", "Docker stopped", "Docker started");
        assertThat(md).contains("incident  acknowledged by U0BOB: restoring the data root");
        assertThat(md).contains("- 06:26:12 acknowledged by U0BOB: restoring the data root\n",
                "- 06:46:12 `restore-data-root` run by U0ALICE: done\n");
        assertThat(md).as("another report's step is not this incident's").doesNotContain("hold-docker-packages` run by");
        assertThat(md).contains("## Prevention");
        int timeline = md.indexOf("## Timeline");
        assertThat(md.indexOf("apt-daily-upgrade started", timeline)).as("host and incident events in one timeline")
                .isLessThan(md.indexOf("incident  gitlab answered 404", timeline));

        assertThat(postmortem("--state-dir", state.toString(), "--host-root", host.toString()).out())
                .as("deterministic: the same record, the same text").isEqualTo(md);
        assertThat(postmortem(i.id(), "--state-dir", state.toString(), "--host-root", host.toString()).out()).isEqualTo(md);
    }

    @Test
    void noIncidentIsSaidAndExitsTwo() {
        Run none = postmortem("--state-dir", tmp.resolve("empty").toString(), "--host-root", tmp.toString());
        assertThat(none.status()).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(none.err()).contains("no resolved incident in ").contains("incidents.json");
        Run unknown = postmortem("inc-nope", "--state-dir", tmp.resolve("empty").toString(), "--host-root", tmp.toString());
        assertThat(unknown.err()).contains("no incident inc-nope");
    }
}
