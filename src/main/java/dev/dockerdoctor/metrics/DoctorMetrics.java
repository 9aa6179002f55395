package dev.dockerdoctor.metrics;

import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.ThreadRef;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} exports for one host, every series labelled {@code host}. The host's state is read at
 * scrape time from the newest diagnosis and the open incident (callback gauges: a scrape never sees half an update);
 * steps and Slack deliveries are counted as they happen. Fed by decorators around the three ports that see those
 * things ({@link #counting(StepRunner)}, {@link #counting(IncidentNotifier)}), so no room below
 * knows metrics exist. The names, their labels and meaning are listed in the README.
 */
public final class DoctorMetrics {
    public static final String PREFIX = "docker_doctor_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<Optional<Diagnosis>> newest;
    private final Counter steps;
    private final Counter deliveries;
    private volatile Supplier<Optional<Incident>> openIncident = Optional::empty;
    private volatile Supplier<Optional<dev.dockerdoctor.watch.Maintenance>> maintenance = Optional::empty;

    /** @param newest the newest diagnosis (a {@link dev.dockerdoctor.diagnosis.NewestDiagnosis}), read at scrape time */
    public DoctorMetrics(String host, Clock clock, Supplier<Optional<Diagnosis>> newest) {
        this.newest = newest;
        Labels hostLabel = Labels.of("host", host);
        gauge("daemon_reachable", "1 when the Docker daemon answered the newest diagnosis, else 0", hostLabel,
                (d, cb) -> cb.call(d.snapshot().daemon().reachable() ? 1 : 0));
        gauge("live_root_info", "1, labelled with the data root and storage driver the daemon runs on", hostLabel,
                (d, cb) -> {
                    DaemonState s = d.snapshot().daemon();
                    if (s.reachable() && s.dockerRootDir() != null) {
                        cb.call(1, s.dockerRootDir(), s.storageDriver() == null ? "" : s.storageDriver());
                    }
                }, "root", "storage_driver");
        gauge("data_root_drift", "1 when the daemon runs on another data root than the one holding the host's data",
                hostLabel, (d, cb) -> cb.call(d.findings().stream().anyMatch(f -> f.id().equals("data-root-drift")) ? 1 : 0));
        gauge("containers", "Containers the daemon knows, all of them or those running", hostLabel, (d, cb) -> {
            DaemonState s = d.snapshot().daemon();
            if (s.containers() != null) cb.call(s.containers(), "all");
            if (s.running() != null) cb.call(s.running(), "running");
        }, "state");
        gauge("finding_active", "1 for each finding of the newest diagnosis, by id and severity", hostLabel, (d, cb) -> {
            for (Finding f : d.findings()) cb.call(1, f.id(), f.severity().name().toLowerCase(Locale.ROOT));
        }, "id", "severity");
        GaugeWithCallback.builder().name(PREFIX + "log_phase_seconds").unit(Unit.SECONDS)
                .help("How long the newest diagnosis took to read the host's logs").constLabels(hostLabel)
                .callback(cb -> ifDiagnosed(d -> cb.call(d.snapshot().logStats().elapsedMillis() / 1000.0)))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "last_diagnosis_timestamp_seconds").unit(Unit.SECONDS)
                .help("When the newest diagnosis gathered its evidence (Unix time)").constLabels(hostLabel)
                .callback(cb -> ifDiagnosed(d -> cb.call(d.snapshot().takenAt().toEpochMilli() / 1000.0)))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "incident_open")
                .help("1 while an incident is open on the host, else 0").constLabels(hostLabel)
                .callback(cb -> cb.call(openIncident.get().isPresent() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name(PREFIX + "incident_acknowledged")
                .help("1 while the open incident is acknowledged (someone is on it), 0 while it is not").constLabels(hostLabel)
                .callback(cb -> openIncident.get().ifPresent(i -> cb.call(i.acknowledgement() != null ? 1 : 0)))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "incident_age_seconds").unit(Unit.SECONDS)
                .help("How long the open incident has been open").constLabels(hostLabel)
                .callback(cb -> openIncident.get().ifPresent(i ->
                        cb.call(Math.max(0, Duration.between(i.openedAt(), clock.instant()).toMillis() / 1000.0))))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "maintenance_active")
                .help("1 while a maintenance window holds incidents back, else 0").constLabels(hostLabel)
                .callback(cb -> cb.call(maintenance.get().isPresent() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name(PREFIX + "maintenance_end_timestamp_seconds").unit(Unit.SECONDS)
                .help("When the maintenance window under way ends (Unix time)").constLabels(hostLabel)
                .callback(cb -> maintenance.get().ifPresent(m -> cb.call(m.until().toEpochMilli() / 1000.0)))
                .register(registry);
        steps = Counter.builder().name(PREFIX + "steps").help("Recovery steps run, by step id and result (done, failed)")
                .constLabels(hostLabel).labelNames("step", "result").register(registry);
        deliveries = Counter.builder().name(PREFIX + "slack_deliveries")
                .help("Incident messages sent to Slack, by outcome: delivered, rate_limited or failed (both retried)")
                .constLabels(hostLabel).labelNames("outcome").register(registry);
    }

    public PrometheusRegistry registry() { return registry; }

    /** The incident the incident-open and incident-age gauges read at scrape time. */
    public void incidents(Supplier<Optional<Incident>> open) {
        this.openIncident = open;
    }

    /** The maintenance window the maintenance gauges read at scrape time. */
    public void maintenance(Supplier<Optional<dev.dockerdoctor.watch.Maintenance>> window) {
        this.maintenance = window;
    }

    /** The runner, every step that ran counted by id and result (refusals and "busy" ran nothing: not counted). */
    public StepRunner counting(StepRunner runner) {
        return runner.telling((stepId, reference, o) -> steps.labelValues(stepId, o.status().name().toLowerCase(Locale.ROOT)).inc());
    }

    /** The notifier, each message it sends counted as delivered, rate-limited or failed. */
    public IncidentNotifier counting(IncidentNotifier notifier) {
        return new IncidentNotifier() {
            @Override
            public ThreadRef opened(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
                return counted(() -> notifier.opened(incident, diagnosis));
            }

            @Override
            public ThreadRef updated(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
                return counted(() -> notifier.updated(incident, diagnosis));
            }

            @Override
            public ThreadRef resolved(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
                return counted(() -> notifier.resolved(incident, diagnosis));
            }

            @Override
            public Optional<ThreadRef> findPosted(Incident incident) throws DeliveryException {
                return notifier.findPosted(incident);
            }

            @Override
            public void remind(Incident incident, Duration openFor) throws DeliveryException {
                notifier.remind(incident, openFor);
            }

            @Override
            public void maintenance(dev.dockerdoctor.watch.Maintenance window) throws DeliveryException {
                notifier.maintenance(window);
            }

            @Override
            public ThreadRef openedIn(ThreadRef group, Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
                return counted(() -> notifier.openedIn(group, incident, diagnosis));
            }

            @Override
            public ThreadRef group(ThreadRef root, dev.dockerdoctor.watch.IncidentGroup group) throws DeliveryException {
                return counted(() -> notifier.group(root, group));
            }
        };
    }

    private interface Delivery {
        ThreadRef send() throws DeliveryException;
    }

    private ThreadRef counted(Delivery d) throws DeliveryException {
        try {
            ThreadRef ref = d.send();
            deliveries.labelValues("delivered").inc();
            return ref;
        } catch (DeliveryException e) {
            deliveries.labelValues(e.retryAfter().isPresent() ? "rate_limited" : "failed").inc();
            throw e;
        } catch (RuntimeException e) {
            deliveries.labelValues("failed").inc();
            throw e;
        }
    }

    private interface FromDiagnosis {
        void read(Diagnosis d, GaugeWithCallback.Callback cb);
    }

    private void gauge(String name, String help, Labels hostLabel, FromDiagnosis read, String... labels) {
        GaugeWithCallback.builder().name(PREFIX + name).help(help).constLabels(hostLabel).labelNames(labels)
                .callback(cb -> ifDiagnosed(d -> read.read(d, cb))).register(registry);
    }

    private void ifDiagnosed(Consumer<Diagnosis> read) {
        newest.get().ifPresent(read);
    }
}
