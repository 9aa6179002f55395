package dev.dockerdoctor.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.dockerdoctor.diagnosis.DiagnosisSource;
import dev.dockerdoctor.model.Secrets;
import dev.dockerdoctor.parse.Since;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.slack.message.FleetViews;
import dev.dockerdoctor.slack.message.HostLine;
import dev.dockerdoctor.slack.message.IncidentViews;
import dev.dockerdoctor.slack.message.MaintenanceViews;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.ReportViews;
import dev.dockerdoctor.slack.message.Subcommand;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.slack.render.SlackMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The Slack side of {@code serve}: the listeners of one Bolt {@link App}, whichever way it is served (HTTP or
 * Socket Mode). Every listener acks at once and hands the work to the bot's own executor; answers go to the
 * request's {@code response_url}. Slack's retries are acked and dropped. Failures are logged, and the user gets a
 * plain sentence, never an exception's message.
 */
public final class SlackBot implements AutoCloseable {
    public static final String COMMAND = ViewContext.COMMAND;
    /** Step buttons: every action id that is not a ui: id. */
    static final Pattern STEP_ACTIONS = Pattern.compile("^(?!ui:).+");
    static final Pattern UI_ACTIONS = Pattern.compile("^ui:.+");
    static final String RETRY_HEADER = "X-Slack-Retry-Num";
    static final String DEFAULT_WINDOW = "24h";

    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);

    /**
     * @param host          the host's name, for titles
     * @param admins        Slack user ids allowed to run steps (DOCTOR_ADMINS)
     * @param zone          the host's zone, for windows typed without an offset
     */
    public record Options(String host, Set<String> admins, Clock clock, ZoneId zone,
                          int workers, int queue, Secrets secrets, Path stateDir) {
        public Options {
            admins = Set.copyOf(admins);
            secrets = secrets == null ? Secrets.none() : secrets;
        }

        /** With no secrets of the bot's to mask, and requests remembered in memory only (tests). */
        public Options(String host, Set<String> admins, Clock clock, ZoneId zone, int workers, int queue) {
            this(host, admins, clock, zone, workers, queue, Secrets.none(), null);
        }

        public Options(String host, Set<String> admins, Clock clock, ZoneId zone, int workers, int queue, Secrets secrets) {
            this(host, admins, clock, zone, workers, queue, secrets, null);
        }
    }

    private final DiagnosisSource source;
    private final ReportStore store;
    private final Options options;
    private final StepRunner runner;
    private final WatchDesk home;
    private final Answers answers;
    private final StepButtons steps;
    private final AckModal ackModal;
    /** The requests of the last five minutes, kept in the state folder (when there is one) across restarts. */
    private final OnceOnly once;
    static final String SEEN_REQUESTS = "seen-requests.txt";
    private final AtomicReference<KeptIdentity> identity = new AtomicReference<>();
    /** Small jobs that must wait neither for the workers nor hold up an ack: "busy" answers, the seen-requests file. */
    private final ThreadPoolExecutor aside = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32), r -> {
        Thread t = new Thread(r, "doctor-slack-aside");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "doctor-slack-identity");
        t.setDaemon(true);
        return t;
    });
    /** How often Slack is asked again whether the bot token still works (Bolt's own cache period). */
    static final Duration IDENTITY_RECHECK = Duration.ofMinutes(10);
    private final Map<String, CompletableFuture<StoredReport>> inFlight = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor;

    /** @param runner decides who may run a step and runs it; everyone else's click shows what it would do */
    public SlackBot(DiagnosisSource source, ReportStore store, Options options, StepRunner runner) {
        this(source, store, options, runner, WatchDesk.none());
    }

    /** @param home what the App Home tab shows */
    public SlackBot(DiagnosisSource source, ReportStore store, Options options, StepRunner runner, WatchDesk home) {
        this.home = home;
        this.runner = Objects.requireNonNull(runner, "runner");
        this.answers = new Answers(options.secrets());
        this.once = new OnceOnly(2048, options.stateDir() == null ? null : options.stateDir().resolve(SEEN_REQUESTS),
                options.clock(), aside);
        this.source = source;
        this.store = store;
        this.options = options;
        this.steps = new StepButtons(runner, store, once, answers, this::context);
        // on the small-jobs thread: two file writes, never queued behind a diagnosis
        this.ackModal = new AckModal(home, options.host(), work -> {
            try {
                aside.execute(work);
            } catch (RejectedExecutionException e) {
                log.warn("Too busy to keep an acknowledgement; its author may submit it again");
            }
        });
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(options.workers(), options.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.queue()), r -> {
                    Thread t = new Thread(r, "doctor-slack-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A Slack client whose Web API calls (and Socket Mode's apps.connections.open) go to {@code apiUrl}. */
    public static Slack slack(String apiUrl) {
        return Slack.getInstance(config(apiUrl));
    }

    /** The configuration {@link #slack} uses: the Web API prefix and the outbound deadline. */
    public static SlackConfig config(String apiUrl) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        // a whole call, connect to last byte: an answer trickled a byte at a time must not hold a worker for minutes
        config.setHttpClientCallTimeoutMillis((int) OUTBOUND_DEADLINE.toMillis());
        config.setHttpClientReadTimeoutMillis((int) OUTBOUND_DEADLINE.toMillis());
        // no SDK call statistics: they ask auth.test again for every token they have not seen (and log a stack
        // trace when Slack is away); nothing here reads them
        config.getMethodsConfig().setStatsEnabled(false);
        return config;
    }

    /** The longest any one call to Slack (Web API or response_url) may take. */
    public static final Duration OUTBOUND_DEADLINE = Duration.ofSeconds(10);

    /**
     * The app's configuration. In HTTP mode the signing secret is required and Bolt verifies every request with
     * it (bad signature or stale timestamp: 401, no listener runs). Socket Mode has no signatures to verify.
     */
    public static AppConfig appConfig(Slack slack, String botToken, String signingSecret) {
        return AppConfig.builder().slack(slack).singleTeamBotToken(botToken).signingSecret(signingSecret).build();
    }

    /** What the last check of the bot token found wrong, while Slack's auth.test fails; empty while it answers. */
    public Optional<String> identityProblem() {
        KeptIdentity id = identity.get();
        return id == null ? Optional.empty() : id.problem();
    }

    /** Asks Slack about the bot token now rather than at the next tick (tests, and {@code check}). */
    void recheckIdentity() {
        KeptIdentity id = identity.get();
        if (id != null) id.recheck();
    }

    /**
     * Bolt's default middleware, with its single-team authorization replaced by one that keeps what it verified.
     * Bolt builds its own by calling auth.test and refuses to start when that fails ("The token is invalid"), so a
     * bot started while Slack is unreachable would exit: the list is built from a copy of the configuration without
     * the token (Bolt then leaves authorization out, and says so in one warning), and the kept identity goes where
     * Bolt's would have gone, before the self-event filter that reads the bot's user id it sets.
     */
    private static final class BoltDefaults extends App {
        private BoltDefaults(AppConfig config) {
            super(config, List.of());
        }

        static List<Middleware> withIdentity(AppConfig config, KeptIdentity identity) {
            AppConfig noToken = config.toBuilder().singleTeamBotToken(null).build();
            List<Middleware> out = new ArrayList<>(new BoltDefaults(noToken).buildDefaultMiddlewareList(noToken));
            int selfEvents = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) instanceof SingleTeamAuthorization) throw new IllegalStateException("Bolt authorized anyway");
                if (selfEvents < 0 && out.get(i) instanceof IgnoringSelfEvents) selfEvents = i;
            }
            out.add(selfEvents < 0 ? out.size() : selfEvents, identity);
            return out;
        }
    }

    /** A new App with this bot's listeners. */
    public App app(AppConfig config) {
        return app(config, Optional.empty());
    }

    /** As {@link #app(AppConfig)}, starting from what start-up's auth.test said (so no request waits to ask again). */
    public App app(AppConfig config, Optional<AuthTestResponse> verified) {
        KeptIdentity id = new KeptIdentity(config, options.clock());
        verified.ifPresent(id::verified);
        identity.set(id);
        // started while Slack was away: ask again now rather than at the first request or the next tick
        if (verified.isEmpty()) recheck.execute(id::recheck);
        recheck.scheduleWithFixedDelay(id::recheck, IDENTITY_RECHECK.toMillis(), IDENTITY_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        return register(new App(config, BoltDefaults.withIdentity(config, id)));
    }

    public App register(App app) {
        app.command(COMMAND, this::onCommand);
        app.blockAction(UI_ACTIONS, this::onUiButton);
        app.blockAction(STEP_ACTIONS, this::onStepButton);
        new HomeTab(home, options, () -> Optional.ofNullable(identity.get()).flatMap(KeptIdentity::teamUrl), this::submit)
                .register(app);
        ackModal.register(app);
        return app;
    }

    // ---------------------------------------------------------------- listeners: ack first, work later

    Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        if (!firstTime(req, p.getTriggerId())) return ctx.ack();
        String text = p.getText();
        // on a hub a name, or no word at all, is about the fleet: which hosts there are is asked on the workers
        boolean aboutTheFleet = home.fleet() && FleetStatus.mayNameAHost(text);
        StatusRequest sr = StatusRequest.parse(aboutTheFleet ? FleetStatus.afterTheName(text) : text,
                options.clock().instant(), options.zone());
        if (!aboutTheFleet && sr.view() == Subcommand.HELP) {
            return ephemeralAck(ctx, ReportViews.help(sr.problem())); // no I/O: the answer fits in the ack itself
        }
        Responder responder = new Responder(ctx.getSlack(), ctx.getResponseUrl());
        String user = p.getUserId();
        Runnable work = aboutTheFleet ? () -> fleetCommand(text, user, responder)
                : () -> answer(FleetStatus.Asked.local(text), sr, user, responder);
        if (!submit(work)) return ephemeralAck(ctx, ReportViews.busy());
        // share: an in_channel ack makes the command itself visible, the report follows in the channel
        return sr.view() == Subcommand.SHARE ? ctx.ack(r -> r.responseType("in_channel")) : ctx.ack();
    }

    Response onStepButton(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        if (!firstTime(req, p.getTriggerId()) || p.getActions() == null || p.getActions().isEmpty()) return ctx.ack();
        BlockActionPayload.Action action = p.getActions().get(0);
        String user = p.getUser() == null ? null : p.getUser().getId();
        String team = p.getTeam() == null ? null : p.getTeam().getId();
        Responder responder = new Responder(ctx.getSlack(), ctx.getResponseUrl());
        KeptIdentity id = identity.get();
        boolean ours = id != null && id.isOurs(team, p.getApiAppId());
        Answers.Click click = new Answers.Click(responder, ctx.client(), p.getChannel() == null ? null : p.getChannel().getId(),
                p.getContainer() == null ? null : p.getContainer().getThreadTs());
        boolean taken = submit(() -> steps.clicked(action.getActionId(), action.getValue(), user, ours, click));
        if (!taken) sayBusy(responder);
        return ctx.ack();
    }

    Response onUiButton(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        if (!firstTime(req, p.getTriggerId()) || p.getActions() == null || p.getActions().isEmpty()) return ctx.ack();
        BlockActionPayload.Action action = p.getActions().get(0);
        Responder responder = new Responder(ctx.getSlack(), ctx.getResponseUrl());
        boolean ephemeral = p.getContainer() == null || p.getContainer().isEphemeral();
        String user = p.getUser() == null ? null : p.getUser().getId();
        Optional<ButtonRef> ref = ButtonRef.decode(action.getValue());
        switch (action.getActionId()) {
            case ReportViews.UI_REFRESH -> {
                if (!submit(() -> refresh(responder, ephemeral))) sayBusy(responder);
            }
            case ReportViews.UI_TIMELINE -> {
                if (!submit(() -> showTimeline(ref, responder))) sayBusy(responder);
            }
            case IncidentViews.UI_ACK -> {
                // the trigger_id lives three seconds: on the small-jobs thread, never behind a diagnosis
                com.slack.api.methods.MethodsClient client = ctx.client();
                String trigger = p.getTriggerId();
                try {
                    ref.ifPresent(r -> aside.execute(() -> ackModal.open(client, trigger, r.report())));
                } catch (RejectedExecutionException e) {
                    sayBusy(responder);
                }
            }
            default -> log.warn("Unknown ui button {} pressed by {}", action.getActionId(), user);
        }
        return ctx.ack();
    }

    // ---------------------------------------------------------------- the work, on the executor

    /** @param host another host of the fleet (asked of its agent), or null for this bot's own */
    void status(String host, StatusRequest sr, String user, Responder responder) {
        boolean share = sr.view() == Subcommand.SHARE;
        Message m;
        try {
            if (host != null) {
                m = FleetStatus.hostView(home, host, sr, user, List.copyOf(options.admins()));
            } else {
                StoredReport r = diagnose(sr.window() == null ? DEFAULT_WINDOW : sr.window(), sr.since());
                m = sr.view().view(r.diagnosis(), context(r.id()), sr.window(), user);
            }
        } catch (RuntimeException e) {
            log.warn("{} {} {} failed while diagnosing", COMMAND, host == null ? "" : host, sr.view(), e);
            m = ReportViews.failed();
            share = false;
        }
        answers.command(responder, m, share);
    }

    /** A hub's command naming a host, or none: the fleet's list, that host's answer, or this host's. */
    void fleetCommand(String text, String user, Responder responder) {
        List<HostLine> hosts = home.hosts();
        FleetStatus.Asked asked = FleetStatus.ask(text, hosts);
        StatusRequest sr = StatusRequest.parse(asked.text(), options.clock().instant(), options.zone());
        if (asked.unknown() != null || asked.fleet() || sr.view() == Subcommand.HELP) {
            answers.command(responder, asked.unknown() != null ? asked.unknown() : asked.fleet()
                    ? FleetViews.summary(hosts, options.zone()) : ReportViews.help(sr.problem()), false);
        } else {
            answer(asked, sr, user, responder);
        }
    }

    private void answer(FleetStatus.Asked asked, StatusRequest sr, String user, Responder responder) {
        if (sr.view() != Subcommand.MAINTENANCE) status(asked.host(), sr, user, responder);
        else maintenance(asked.host() == null ? home : home.forHost(asked.host()), sr.maintenance(), user, responder);
    }


    private Response ephemeralAck(SlashCommandContext ctx, Message message) {
        SlackMessage m = BlockKitRenderer.renderChecked(message, options.secrets());
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(m.text()).blocks(m.blocks()).build());
    }

    /** Admins start and end windows; anyone may ask whether one is under way. No diagnosis: the watch answers. */
    void maintenance(StatusRequest.Maintain ask, String user, Responder responder) {
        maintenance(home, ask, user, responder);
    }

    /** @param desk this host's, or on a hub another host's (whose agent has the last word on who may) */
    void maintenance(WatchDesk desk, StatusRequest.Maintain ask, String user, Responder responder) {
        Message m;
        try {
            java.time.Instant now = options.clock().instant();
            if (ask.action() == StatusRequest.Maintain.Action.SHOW) {
                m = MaintenanceViews.current(desk.maintenance(), now, options.zone());
            } else if (user == null || !runner.mayRun(user)) {
                log.info("{} maintenance refused to {}: not an admin", COMMAND, user);
                m = MaintenanceViews.adminsOnly(context(null));
            } else if (ask.action() == StatusRequest.Maintain.Action.END) {
                Optional<dev.dockerdoctor.watch.Maintenance> ended = desk.endMaintenance(user);
                m = ended.isPresent() ? MaintenanceViews.endedForYou(ended.get()) : MaintenanceViews.current(Optional.empty(), now, options.zone());
            } else {
                m = MaintenanceViews.startedForYou(desk.startMaintenance(user, now.plus(ask.length()), ask.reason()), options.zone());
            }
        } catch (SecurityException e) {
            m = MaintenanceViews.notAnAdminThere(e.getMessage());
        } catch (UnsupportedOperationException e) {
            m = MaintenanceViews.noWatch();
        } catch (RuntimeException e) {
            log.warn("{} maintenance failed", COMMAND, e);
            m = ReportViews.failed();
        }
        answers.command(responder, m, false);
    }

    void refresh(Responder responder, boolean ephemeral) {
        Message m;
        try {
            StoredReport r = diagnose(DEFAULT_WINDOW, options.clock().instant().minus(Since.DEFAULT));
            m = ReportViews.report(r.diagnosis(), context(r.id()));
        } catch (RuntimeException e) {
            log.warn("Refresh failed while diagnosing", e);
            answers.toAsker(responder, ReportViews.failed());
            return;
        }
        answers.replacing(responder, m, ephemeral);
    }

    void showTimeline(Optional<ButtonRef> ref, Responder responder) {
        Optional<StoredReport> r = ref.flatMap(x -> store.find(x.report()));
        Message m = r.map(x -> ReportViews.logs(x.diagnosis(), context(x.id()), null))
                .orElseGet(() -> ReportViews.unknownReport(ref.map(ButtonRef::report).orElse("?")));
        answers.toAsker(responder, m);
    }

    /**
     * A diagnosis for the window, shared with any request for the same window that is being diagnosed right now
     * (a burst of /docker-status costs one look at the host, not one each; each still gets its own answer).
     */
    private StoredReport diagnose(String window, java.time.Instant since) {
        CompletableFuture<StoredReport> mine = new CompletableFuture<>();
        CompletableFuture<StoredReport> running = inFlight.putIfAbsent(window, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        try {
            StoredReport r = store.save(source.diagnose(since));
            mine.complete(r);
            return r;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(window, mine);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private ViewContext context(String reportId) {
        return new ViewContext(options.host(), reportId, List.copyOf(options.admins()), null);
    }

    /**
     * A click the workers cannot take now still gets an answer, like a command does: "busy", to that user, from a
     * thread of its own (the ack must not wait for it). When even that is full, the log says so.
     */
    private void sayBusy(Responder responder) {
        try {
            aside.execute(() -> answers.toAsker(responder, ReportViews.busy()));
        } catch (RejectedExecutionException e) {
            log.warn("Too busy even to say so; a click was turned away");
        }
    }

    private boolean submit(Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Slack work failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Too much work queued; a request was turned away");
            return false;
        }
    }

    /** False for a Slack retry (or any repeat) of a request already taken: keyed on its trigger, else its body. */
    private boolean firstTime(Request<?> req, String triggerId) {
        String key = triggerId != null && !triggerId.isBlank() ? "t:" + triggerId : "b:" + req.getRequestBodyAsString();
        if (once.first(key)) return true;
        log.info("Repeat of a request already taken (retry {}): acked, not run again",
                Optional.ofNullable(req.getHeaders().getFirstValue(RETRY_HEADER)).orElse("-"));
        return false;
    }

    /** Waits for queued work to finish (tests drain before stopping their Slack stand-in), then stops. */
    public boolean drain(Duration timeout) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        recheck.shutdownNow();
        aside.shutdownNow();
        executor.shutdownNow();
    }
}
