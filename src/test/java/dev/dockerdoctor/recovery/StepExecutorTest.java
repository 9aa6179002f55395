package dev.dockerdoctor.recovery;

import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.model.HostSnapshot;
import dev.dockerdoctor.model.RootSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.dockerdoctor.testing.Snapshots.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor's gate, with a scripted host: the "restart" command is a real program (a tiny script in the test
 * folder) that flips the scripted daemon back onto the right root, as a real restart would.
 */
class StepExecutorTest {
    @TempDir
    Path hostDir;
    @TempDir
    Path stateDir;

    private final AtomicReference<HostSnapshot> world = new AtomicReference<>();
    private final AtomicInteger restarts = new AtomicInteger();

    private HostSnapshot drifted() {
        return host().daemonOn("/var/lib/docker", 0, 0)
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 5, 5, 1, "gitlab").build();
    }

    private HostSnapshot fixed() {
        return host().daemonOn("/srv/docker", 5, 5).daemonJson("live-restore", true)
                .setting(RootSetting.Kind.DAEMON_JSON, "/etc/docker/daemon.json", "data-root", "/srv/docker")
                .root("/srv/docker", true, 5, 5, 1, "gitlab").build();
    }

    private StepExecutor executor(List<String> restart) {
        Doctor doctor = Doctor.standard(new PlanContext(restart, List.of("true"), List.of("docker", "compose")));
        return new StepExecutor(Set.of("UADMIN", "UADMIN2"), () -> doctor.diagnose(world.get()),
                () -> world.get().daemon(), new HostFiles(hostDir), new CommandRunner(), new AuditLog(stateDir),
                Clock.systemUTC());
    }

    /** A "restart" that takes a while and counts itself: a marker file per run. */
    private List<String> slowRestart() throws Exception {
        Path script = hostDir.resolve("restart.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 0.5\ntouch \"$0.ran.$$\"\n");
        script.toFile().setExecutable(true);
        return List.of(script.toString());
    }

    private long restartMarkers() throws Exception {
        try (var s = Files.list(hostDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("restart.sh.ran.")).count();
        }
    }

    @Test
    void aNonAdminChangesNothingAndIsToldWhy() throws Exception {
        world.set(drifted());
        StepOutcome o = executor(slowRestart()).run("restore-data-root", "UGUEST", "inc-1", l -> { });
        assertThat(o.status()).isEqualTo(StepOutcome.Status.NOT_ALLOWED);
        assertThat(o.summary()).contains("DOCTOR_ADMINS");
        assertThat(Files.exists(hostDir.resolve("etc/docker/daemon.json"))).isFalse();
        assertThat(restartMarkers()).isZero();
        assertThat(Files.readString(stateDir.resolve("audit.jsonl"))).contains("\"user\":\"UGUEST\"").contains("not allowed");
    }

    @Test
    void anAdminRunsTheFreshStepEditsDaemonJsonRestartsOnceAndTheResultIsRechecked() throws Exception {
        world.set(drifted());
        List<String> progress = new ArrayList<>();
        StepExecutor ex = executor(slowRestart());
        // the restart "works": after it, the world is fixed
        StepOutcome o = runAndFix(ex, progress);
        assertThat(o.status()).isEqualTo(StepOutcome.Status.DONE);
        assertThat(Files.readString(hostDir.resolve("etc/docker/daemon.json"))).contains("\"data-root\" : \"/srv/docker\"");
        assertThat(restartMarkers()).isEqualTo(1);
        assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("$ ").contains("restart.sh"));
        assertThat(o.after().has("data-root-drift")).isFalse();
        String audit = Files.readString(stateDir.resolve("audit.jsonl"));
        assertThat(audit).contains("\"step\":\"restore-data-root\"").contains("\"incident\":\"inc-1\"")
                .contains("edit /etc/docker/daemon.json: data-root null -> /srv/docker").contains("\"exitStatus\":0");
    }

    private StepOutcome runAndFix(StepExecutor ex, List<String> progress) {
        return ex.run("restore-data-root", "UADMIN", "inc-1", l -> {
            progress.add(l);
            if (l.contains("exit 0")) world.set(fixed());
        });
    }

    @Test
    void twoSimultaneousAdminClicksRestartOnce() throws Exception {
        world.set(drifted());
        StepExecutor ex = executor(slowRestart());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<StepOutcome>> fs = new ArrayList<>();
            for (String u : List.of("UADMIN", "UADMIN2")) {
                fs.add(pool.submit(() -> {
                    go.await();
                    return ex.run("restore-data-root", u, "inc-1", l -> {
                        if (l.contains("exit 0")) world.set(fixed());
                    });
                }));
            }
            go.countDown();
            List<StepOutcome.Status> statuses = new ArrayList<>();
            for (Future<StepOutcome> f : fs) statuses.add(f.get().status());
            assertThat(statuses).containsExactlyInAnyOrder(StepOutcome.Status.DONE, StepOutcome.Status.BUSY);
        } finally {
            pool.shutdownNow();
        }
        assertThat(restartMarkers()).isEqualTo(1);
        // a later click finds nothing to do
        StepOutcome late = ex.run("restore-data-root", "UADMIN", "inc-1", l -> { });
        assertThat(late.status()).isEqualTo(StepOutcome.Status.NOT_NEEDED);
        assertThat(restartMarkers()).isEqualTo(1);
    }

    @Test
    void restoreIsRefusedNamingTheUnitWhileAFlagSetsARoot() throws Exception {
        world.set(host().daemonOn("/var/lib/docker", 0, 0)
                .setting(RootSetting.Kind.DROP_IN, "/etc/systemd/system/docker.service.d/10-root.conf", "--data-root", "/var/lib/docker")
                .root("/var/lib/docker", true, 0, 0, 0).root("/srv/docker", false, 5, 5, 1).build());
        StepOutcome o = executor(slowRestart()).run("restore-data-root", "UADMIN", "inc-1", l -> { });
        assertThat(o.status()).isEqualTo(StepOutcome.Status.REFUSED);
        assertThat(o.summary()).contains("/etc/systemd/system/docker.service.d/10-root.conf").contains("--data-root");
        assertThat(restartMarkers()).isZero();
        assertThat(Files.exists(hostDir.resolve("etc/docker/daemon.json"))).isFalse();
    }

    @Test
    void aFailingCommandIsReportedAsFailedWithItsStatus() throws Exception {
        world.set(drifted());
        StepOutcome o = executor(List.of("false")).run("restore-data-root", "UADMIN", "inc-2", l -> { });
        assertThat(o.status()).isEqualTo(StepOutcome.Status.FAILED);
        assertThat(o.summary()).contains("false").contains("exit 1");
        assertThat(Files.readString(stateDir.resolve("audit.jsonl"))).contains("\"exitStatus\":1").contains("failed");
    }

    @Test
    void aMissingRestartCommandIsAFailureNotACrash() {
        world.set(drifted());
        StepOutcome o = executor(List.of("/nonexistent/restart")).run("restore-data-root", "UADMIN", "inc-3", l -> { });
        assertThat(o.status()).isEqualTo(StepOutcome.Status.FAILED);
        assertThat(o.summary()).contains("could not start");
    }

    @Test
    void aLinkedDaemonJsonKeepsItsLinkAndItsTargetIsEdited() throws Exception {
        world.set(drifted());
        Path managed = Files.createDirectories(hostDir.resolve("etc/ansible/files")).resolve("daemon.json");
        Files.writeString(managed, "{\"log-driver\": \"journald\"}\n");
        Files.createDirectories(hostDir.resolve("etc/docker"));
        Path link = hostDir.resolve("etc/docker/daemon.json");
        Files.createSymbolicLink(link, managed);
        List<String> progress = new ArrayList<>();

        StepOutcome o = runAndFix(executor(slowRestart()), progress);

        assertThat(o.status()).isEqualTo(StepOutcome.Status.DONE);
        assertThat(Files.isSymbolicLink(link)).as("config management's link is kept").isTrue();
        assertThat(Files.readString(managed)).contains("\"data-root\" : \"/srv/docker\"").contains("journald");
        assertThat(progress).anySatisfy(l -> assertThat(l)
                .contains("editing the file it points to, /etc/ansible/files/daemon.json"));
    }

    @Test
    void aFifoWhereDaemonJsonShouldBeIsNeverOpenedAndNothingRestarts() throws Exception {
        world.set(drifted());
        Path dir = Files.createDirectories(hostDir.resolve("etc/docker"));
        Process mk = new ProcessBuilder("mkfifo", dir.resolve("daemon.json").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is needed to make a FIFO");
        StepExecutor ex = executor(slowRestart());

        StepOutcome o = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> ex.run("restore-data-root", "UADMIN", "inc-4", l -> { }));

        assertThat(o.status()).isEqualTo(StepOutcome.Status.REFUSED);
        assertThat(o.summary()).contains("not a regular file").contains("nothing was changed");
        assertThat(restartMarkers()).isZero();
    }

    @Test
    void aStepTheAuditLogCannotHoldDoesNotRun() throws Exception {
        Path readOnly = Files.createTempDirectory("doctor-ro-state");
        try {
            Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", readOnly.toString())
                    .redirectErrorStream(true).start();
            org.junit.jupiter.api.Assumptions.assumeTrue(m.waitFor() == 0, "cannot mount a read-only tmpfs here (not root?)");
            world.set(drifted());
            Doctor doctor = Doctor.standard(new PlanContext(slowRestart(), List.of("true"), List.of("docker", "compose")));
            StepExecutor ex = new StepExecutor(Set.of("UADMIN"), () -> doctor.diagnose(world.get()), () -> world.get().daemon(),
                    new HostFiles(hostDir), new CommandRunner(), new AuditLog(readOnly), Clock.systemUTC());

            StepOutcome o = ex.run("restore-data-root", "UADMIN", "inc-5", l -> { });

            assertThat(o.status()).isEqualTo(StepOutcome.Status.FAILED);
            assertThat(o.summary()).contains("Could not write the audit log").contains("nothing was run");
            assertThat(Files.exists(hostDir.resolve("etc/docker/daemon.json"))).as("no edit").isFalse();
            assertThat(restartMarkers()).as("no restart").isZero();
        } finally {
            new ProcessBuilder("umount", readOnly.toString()).start().waitFor();
            Files.deleteIfExists(readOnly);
        }
    }

    @Test
    void theStartIsRecordedBeforeTheStepRunsAndAPreviewIsRecordedToo() throws Exception {
        world.set(drifted());
        StepExecutor ex = executor(slowRestart());
        List<String> auditWhenTheRestartRan = new ArrayList<>();
        ex.run("restore-data-root", "UADMIN", "inc-6", l -> {
            if (l.startsWith("$ ")) {
                try {
                    auditWhenTheRestartRan.add(Files.readString(stateDir.resolve("audit.jsonl")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            if (l.contains("exit 0")) world.set(fixed());
        });
        assertThat(auditWhenTheRestartRan).isNotEmpty().allSatisfy(a -> assertThat(a)
                .contains("\"result\":\"started\"").contains("restart.sh"));
        ex.previewed("restore-data-root", "UGUEST", "r-7");
        assertThat(Files.readAllLines(stateDir.resolve("audit.jsonl"))).last().asString()
                .contains("\"user\":\"UGUEST\"").contains("shown, not run");
    }

    @Test
    void aLineCutShortByAKillIsClosedBeforeTheNextOne() throws Exception {
        Files.writeString(stateDir.resolve("audit.jsonl"), "{\"time\":\"2026-12-03T06:00:00Z\",\"user\":\"UADMIN\",\"step\":\"resto");
        new AuditLog(stateDir).append(new AuditLog.Entry(java.time.Instant.parse("2026-12-03T06:01:00Z"), "UADMIN", "inc-8",
                "start-docker", List.of(), 0, java.time.Duration.ofSeconds(1), "done"));
        List<String> lines = Files.readAllLines(stateDir.resolve("audit.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(com.google.gson.JsonParser.parseString(lines.get(1)).getAsJsonObject().get("step").getAsString())
                .isEqualTo("start-docker");
    }

    @Test
    void theSummaryCountsWhatIsLeftInWords() {
        assertThat(StepExecutor.problemsLeft(0)).isEqualTo("No problems left.");
        assertThat(StepExecutor.problemsLeft(1)).isEqualTo("1 problem left.");
        assertThat(StepExecutor.problemsLeft(3)).isEqualTo("3 problems left.");
    }
}
