package dev.dockerdoctor.recovery;

import dev.dockerdoctor.diagnosis.plan.Planner;
import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepFamily.Effect;
import dev.dockerdoctor.model.StepFamily;
import dev.dockerdoctor.model.StepId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs plan steps for real, and is the only thing that does. Every request goes through the same gate: the user must
 * be an admin; only one step runs on the host at a time (a double click or a second admin is told it is running);
 * the step is planned afresh from a new diagnosis (a step whose reason is gone does nothing, and the commands are
 * the ones that fit the host now, not those of an old message); file edits are atomic with a backup; commands are
 * argv lists run by the one {@link CommandRunner}; everything is audited; and a fresh diagnosis afterwards says
 * whether it worked.
 */
public final class StepExecutor implements StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);
    public static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DAEMON_WAIT = Duration.ofSeconds(60);
    /** Output lines shown per command in Slack; the audit log keeps the exit status, the thread the gist. */
    static final int OUTPUT_LINES = 15;

    private final Set<String> admins;
    private final Supplier<Diagnosis> diagnose;
    private final Supplier<DaemonState> daemon;
    private final HostFiles files;
    private final CommandRunner runner;
    private final AuditLog audit;
    private final Clock clock;
    private final ReentrantLock hostLock = new ReentrantLock();
    private volatile String running;

    public StepExecutor(Set<String> admins, Supplier<Diagnosis> diagnose, Supplier<DaemonState> daemon, HostFiles files,
                        CommandRunner runner, AuditLog audit, Clock clock) {
        this.admins = Set.copyOf(admins);
        this.diagnose = diagnose;
        this.daemon = daemon;
        this.files = files;
        this.runner = runner;
        this.audit = audit;
        this.clock = clock;
    }

    /** The one rule of who may run a step: the users in DOCTOR_ADMINS. */
    @Override
    public boolean mayRun(String user) {
        return admins.contains(user);
    }

    /**
     * Runs {@code stepId} for {@code user} on behalf of {@code incident} (an incident or report id, for the audit).
     * {@code progress} receives lines as they happen (e.g. to post in the thread).
     */
    @Override
    public StepOutcome run(String stepId, String user, String incident, Consumer<String> progress) {
        if (!mayRun(user)) {
            auditQuietly(user, incident, stepId, List.of(), null, null, "not allowed");
            return new StepOutcome(StepOutcome.Status.NOT_ALLOWED, stepId, user,
                    "Only the users in DOCTOR_ADMINS may run steps; ask one of them, or an admin of this host to add you.",
                    List.of(), null);
        }
        if (!hostLock.tryLock()) {
            return new StepOutcome(StepOutcome.Status.BUSY, stepId, user,
                    "Another step is running on this host right now (" + running + "); it runs once. Wait for its result.",
                    List.of(), null);
        }
        running = stepId + " by " + user;
        try {
            return runLocked(stepId, user, incident, progress);
        } finally {
            running = null;
            hostLock.unlock();
        }
    }

    private StepOutcome runLocked(String stepId, String user, String incident, Consumer<String> progress) {
        Instant started = clock.instant();
        Diagnosis before = diagnose.get();
        Optional<Step> fresh = before.plan().stream().filter(s -> s.id().equals(stepId)).findFirst();
        if (fresh.isEmpty()) {
            Optional<String> refusal = refusal(stepId, before);
            if (refusal.isPresent()) {
                auditQuietly(user, incident, stepId, List.of(), null, Duration.between(started, clock.instant()), "refused: " + refusal.get());
                return new StepOutcome(StepOutcome.Status.REFUSED, stepId, user, refusal.get(), List.of(), before);
            }
            String why = whyNotPlanned(stepId, before);
            auditQuietly(user, incident, stepId, List.of(), null, Duration.between(started, clock.instant()), "not needed: " + why);
            return new StepOutcome(StepOutcome.Status.NOT_NEEDED, stepId, user, why, List.of(), before);
        }
        Step step = fresh.get();
        List<String> lines = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        Consumer<String> say = l -> {
            lines.add(l);
            progress.accept(l);
        };
        // the record that the step starts comes first: a step the audit log cannot hold does not run
        try {
            audit.append(new AuditLog.Entry(clock.instant(), user, incident, stepId, planned(step), null, null, "started"));
        } catch (IOException e) {
            LOG.error("cannot write the audit log {}: {}; {} not run", audit.file(), e.toString(), stepId);
            return new StepOutcome(StepOutcome.Status.FAILED, stepId, user, "Could not write the audit log ("
                    + e.getMessage() + "); nothing was run: every step is recorded before it runs.", List.of(), before);
        }
        say.accept(user + " runs " + step.id() + ": " + step.title());
        try {
            applyFileChanges(step, say, actions);
        } catch (RefusedException e) {
            auditQuietly(user, incident, stepId, actions, null, Duration.between(started, clock.instant()), "refused: " + e.getMessage());
            return new StepOutcome(StepOutcome.Status.REFUSED, stepId, user, e.getMessage(), lines, before);
        } catch (IOException e) {
            LOG.warn("step {}: file change failed: {}", stepId, e.toString());
            auditQuietly(user, incident, stepId, actions, null, Duration.between(started, clock.instant()), "failed: " + e);
            return new StepOutcome(StepOutcome.Status.FAILED, stepId, user, "Could not write the file (" + java.util.Objects.toString(e.getMessage(), e.getClass().getSimpleName()) + "); nothing was restarted.", lines, before);
        }
        Integer lastExit = null;
        for (List<String> argv : step.argv()) {
            say.accept("$ " + String.join(" ", argv));
            CommandRunner.Result r = runner.run(argv, COMMAND_TIMEOUT);
            actions.add(r.action());
            if (r.api() != null) say.accept("  (through the Docker API: " + r.api() + ")");
            lastExit = r.exitCode();
            tail(r.output()).forEach(l -> say.accept("  " + l));
            say.accept("  " + r.summary());
            if (!r.ok()) {
                auditQuietly(user, incident, stepId, actions, r.exitCode(), Duration.between(started, clock.instant()), "failed: " + r.summary());
                return new StepOutcome(StepOutcome.Status.FAILED, stepId, user,
                        "`" + String.join(" ", argv) + "` " + r.summary(), lines, diagnose.get());
            }
        }
        if (touchesDaemon(step)) {
            boolean back = waitForDaemon(say);
            if (!back) {
                Diagnosis after = diagnose.get();
                auditQuietly(user, incident, stepId, actions, lastExit, Duration.between(started, clock.instant()), "failed: daemon did not come back");
                return new StepOutcome(StepOutcome.Status.FAILED, stepId, user,
                        "Docker did not answer within " + DAEMON_WAIT.toSeconds() + " s after the step.", lines, after);
            }
        }
        Diagnosis after = diagnose.get();
        List<String> stillThere = stillAsking(stepId, after);
        String result = stillThere.isEmpty() ? "done" : "done, but still: " + String.join(", ", stillThere);
        auditQuietly(user, incident, stepId, actions, lastExit, Duration.between(started, clock.instant()), result);
        String summary = stillThere.isEmpty()
                ? step.title() + ": done. " + problemsLeft(after.findings().stream().filter(f -> f.severity().isProblem()).count())
                : step.title() + ": ran, but " + String.join(", ", stillThere) + " still stands.";
        return new StepOutcome(StepOutcome.Status.DONE, stepId, user, summary, lines, after);
    }

    private void applyFileChanges(Step step, Consumer<String> say, List<String> actions) throws IOException, RefusedException {
        Map<String, List<FileChange>> byFile = new LinkedHashMap<>();
        step.changes().forEach(c -> byFile.computeIfAbsent(c.file(), k -> new ArrayList<>()).add(c));
        Instant now = clock.instant();
        for (Map.Entry<String, List<FileChange>> e : byFile.entrySet()) {
            Path real = editTarget(e.getKey(), say);
            for (FileChange c : e.getValue()) {
                actions.add("edit " + c.file() + ": " + c.key() + " " + c.from() + " -> " + c.to());
            }
            Optional<FileChange> whole = e.getValue().stream().filter(FileChange::wholeFile).findFirst();
            if (whole.isPresent()) {
                Optional<Path> backup = dev.dockerdoctor.store.AtomicFile.backup(real, now);
                dev.dockerdoctor.store.AtomicFile.write(real, whole.get().content().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                say.accept("wrote " + e.getKey() + backup.map(b -> " (backup " + files.hostPath(b) + ")").orElse(""));
            } else if (e.getKey().endsWith(".json")) {
                JsonFileEditor.Edit edit = new JsonFileEditor().apply(real, e.getValue(), now);
                say.accept("edited " + e.getKey() + edit.backup().map(b -> " (backup " + files.hostPath(b) + ")").orElse(""));
            } else {
                throw new RefusedException("docker-doctor does not know how to edit " + e.getKey());
            }
        }
    }

    /**
     * The file to edit for a host path: a link (config management's copy) is followed, so the link stays and its
     * target changes, as long as the target is on the host; a FIFO or device is never opened.
     */
    private Path editTarget(String hostPath, Consumer<String> say) throws IOException, RefusedException {
        Path real = files.resolve(hostPath);
        if (Files.isSymbolicLink(real)) {
            Path target;
            try {
                target = real.toRealPath();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new RefusedException(hostPath + " is a link to a file that does not exist; nothing was changed.");
            }
            if (!files.onHost(target)) {
                throw new RefusedException(hostPath + " is a link that leads out of the host root; nothing was changed.");
            }
            say.accept(hostPath + " is a link: editing the file it points to, " + files.hostPath(target) + ", and keeping the link");
            real = target;
        }
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            throw new RefusedException(hostPath + " is not a regular file (a FIFO, socket or device); nothing was changed.");
        }
        return real;
    }

    static String problemsLeft(long n) {
        return n == 0 ? "No problems left." : n + (n == 1 ? " problem" : " problems") + " left.";
    }

    /** Steps that restart, start or re-mount under Docker: wait for it to answer before judging the result. */
    private static boolean touchesDaemon(Step step) {
        return StepId.has(step.id(), Effect.RESTARTS_DOCKER);
    }

    private boolean waitForDaemon(Consumer<String> say) {
        say.accept("waiting for Docker to answer...");
        long deadline = System.nanoTime() + DAEMON_WAIT.toNanos();
        long pause = 200;
        while (System.nanoTime() < deadline) {
            DaemonState d = daemon.get();
            if (d.reachable()) {
                say.accept("Docker answers: root " + d.dockerRootDir() + ", " + d.containers() + " containers (" + d.running() + " running)");
                return true;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(2000, pause * 2);
        }
        return false;
    }

    /** A step still asked for but unsafe to run, with what to do instead. */
    static Optional<String> refusal(String stepId, Diagnosis now) {
        boolean asked = now.findings().stream().anyMatch(f -> f.steps().contains(stepId));
        if (!asked) return Optional.empty();
        String file = now.snapshot().config().daemonJsonPath();
        if (now.snapshot().config().daemonJsonError() != null && StepId.has(stepId, Effect.EDITS_DAEMON_JSON)) {
            return Optional.of("Refused: " + file + " " + now.snapshot().config().daemonJsonError()
                    + ". Fix it by hand first; nothing was changed.");
        }
        if (stepId.equals(StepFamily.RESTORE_DATA_ROOT.id())) {
            return Planner.blockingFlag(now.snapshot()).map(flag -> "Refused: " + flag.file()
                    + " sets " + flag.key() + " " + flag.value() + ". Setting data-root in " + file + " as well would stop"
                    + " dockerd from starting. Remove the flag from " + flag.file() + " (then `systemctl daemon-reload`)"
                    + " and press again; nothing was changed.");
        }
        return Optional.empty();
    }

    /** Why a fresh plan has no such step: the reason is gone, or something blocks it. */
    static String whyNotPlanned(String stepId, Diagnosis now) {
        List<Finding> asking = now.findings().stream().filter(f -> f.steps().contains(stepId)).toList();
        if (asking.isEmpty()) {
            return "Checked again just now: nothing needs " + stepId + " any more, so nothing was done.";
        }
        // still asked for, but the planner would not build it: say what blocks it
        return "Checked again just now: " + stepId + " cannot run safely here. " + asking.get(0).detail();
    }

    private static List<String> stillAsking(String stepId, Diagnosis after) {
        return after.findings().stream().filter(f -> f.steps().contains(stepId) && f.severity().isProblem())
                .map(Finding::id).distinct().toList();
    }

    private static List<String> tail(String output) {
        if (output == null || output.isBlank()) return List.of();
        String[] ls = output.strip().split("\n");
        int from = Math.max(0, ls.length - OUTPUT_LINES);
        List<String> out = new ArrayList<>();
        if (from > 0) out.add("[" + from + " earlier lines]");
        for (int i = from; i < ls.length; i++) out.add(ls[i].length() > 300 ? ls[i].substring(0, 300) + "..." : ls[i]);
        return out;
    }

    /** What a step will do, for the audit line written before it does it. */
    private static List<String> planned(Step step) {
        List<String> out = new ArrayList<>();
        step.changes().forEach(c -> out.add("edit " + c.file() + ": " + c.key() + " " + c.from() + " -> " + c.to()));
        out.addAll(step.commands());
        return out;
    }

    /** A click that only showed what a step would do (not an admin, or not from this workspace): audited too. */
    @Override
    public void previewed(String stepId, String user, String reference) {
        auditQuietly(user, reference, stepId, List.of(), null, null, "shown, not run");
    }

    private void auditQuietly(String user, String incident, String step, List<String> actions, Integer exit,
                              Duration took, String result) {
        try {
            audit.append(new AuditLog.Entry(clock.instant(), user, incident, step, actions, exit, took, result));
        } catch (IOException e) {
            LOG.error("cannot write the audit log {}: {}", audit.file(), e.toString());
        }
    }
}
