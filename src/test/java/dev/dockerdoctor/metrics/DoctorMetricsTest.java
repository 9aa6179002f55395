package dev.dockerdoctor.metrics;

import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.recovery.StepOutcome;
import dev.dockerdoctor.recovery.StepRunner;
import dev.dockerdoctor.slack.TestDiagnoses;
import dev.dockerdoctor.testing.PrometheusText;
import dev.dockerdoctor.testing.TestClock;
import dev.dockerdoctor.watch.DeliveryException;
import dev.dockerdoctor.watch.Incident;
import dev.dockerdoctor.watch.IncidentNotifier;
import dev.dockerdoctor.watch.ThreadRef;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What /metrics says, read back by the text format's rules: the newest diagnosis, the open incident, steps and deliveries. */
class DoctorMetricsTest {
    final TestClock clock = new TestClock(TestDiagnoses.NOW);
    final java.util.concurrent.atomic.AtomicReference<Diagnosis> newest = new java.util.concurrent.atomic.AtomicReference<>();
    DoctorMetrics metrics = new DoctorMetrics("gitlab-host", clock, () -> Optional.ofNullable(newest.get()));

    static Incident openIncident(String id, java.time.Instant at) {
        return new Incident(id, "gitlab-host", dev.dockerdoctor.watch.IncidentState.OPEN, at, at, at, null, null, List.of(),
                List.of(), 0, null, List.of(), 1, null);
    }

    Map<String, Double> scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void beforeAnyDiagnosisOnlyTheCountersAndTheIncidentAndMaintenanceGaugesAreThere() throws IOException {
        assertThat(scrape()).containsOnlyKeys("docker_doctor_incident_open{host=\"gitlab-host\"}",
                "docker_doctor_maintenance_active{host=\"gitlab-host\"}");
    }

    @Test
    void theNewestDiagnosisIsWhatTheGaugesSay() throws IOException {
        Deque<Diagnosis> next = new ArrayDeque<>(List.of(TestDiagnoses.incident(), TestDiagnoses.healthy()));
        var source = new dev.dockerdoctor.diagnosis.NewestDiagnosis(since -> next.poll());
        metrics = new DoctorMetrics("gitlab-host", clock, source::newest);

        source.diagnose(TestDiagnoses.NOW);
        Map<String, Double> drifted = scrape();
        assertThat(drifted)
                .containsEntry("docker_doctor_daemon_reachable{host=\"gitlab-host\"}", 1.0)
                .containsEntry("docker_doctor_data_root_drift{host=\"gitlab-host\"}", 1.0)
                .containsEntry("docker_doctor_live_root_info{host=\"gitlab-host\",root=\"/var/lib/docker\",storage_driver=\"overlay2\"}", 1.0)
                .containsEntry("docker_doctor_containers{host=\"gitlab-host\",state=\"all\"}", 0.0)
                .containsEntry("docker_doctor_finding_active{host=\"gitlab-host\",id=\"data-root-drift\",severity=\"critical\"}", 1.0)
                .containsEntry("docker_doctor_finding_active{host=\"gitlab-host\",id=\"live-restore-disabled\",severity=\"info\"}", 1.0)
                .containsEntry("docker_doctor_log_phase_seconds{host=\"gitlab-host\"}", 0.412)
                .containsEntry("docker_doctor_last_diagnosis_timestamp_seconds{host=\"gitlab-host\"}",
                        (double) TestDiagnoses.NOW.getEpochSecond());

        source.diagnose(TestDiagnoses.NOW);
        Map<String, Double> healthy = scrape();
        assertThat(healthy).containsEntry("docker_doctor_data_root_drift{host=\"gitlab-host\"}", 0.0);
        assertThat(healthy.keySet()).noneMatch(k -> k.contains("data-root-drift"));
    }

    @Test
    void anOpenIncidentHasAnAge() throws IOException {
        Incident open = openIncident("inc-1", TestDiagnoses.NOW.minusSeconds(90));
        metrics.incidents(() -> Optional.of(open));
        assertThat(scrape()).containsEntry("docker_doctor_incident_open{host=\"gitlab-host\"}", 1.0)
                .containsEntry("docker_doctor_incident_acknowledged{host=\"gitlab-host\"}", 0.0)
                .containsEntry("docker_doctor_incident_age_seconds{host=\"gitlab-host\"}", 90.0);
        Incident acked = new Incident(open.id(), open.host(), open.state(), open.openedAt(), open.updatedAt(),
                open.evidenceChangedAt(), null, null, List.of(), List.of(), 0, null, List.of(), 2, null,
                new dev.dockerdoctor.watch.Acknowledgement("U0BOB", TestDiagnoses.NOW, "on it"));
        metrics.incidents(() -> Optional.of(acked));
        assertThat(scrape()).containsEntry("docker_doctor_incident_acknowledged{host=\"gitlab-host\"}", 1.0);
        metrics.incidents(() -> Optional.of(open));
        clock.advance(Duration.ofMinutes(1));
        assertThat(scrape()).containsEntry("docker_doctor_incident_age_seconds{host=\"gitlab-host\"}", 150.0);
    }

    @Test
    void aMaintenanceWindowIsShownWithItsEnd() throws IOException {
        assertThat(scrape()).containsEntry("docker_doctor_maintenance_active{host=\"gitlab-host\"}", 0.0)
                .doesNotContainKey("docker_doctor_maintenance_end_timestamp_seconds{host=\"gitlab-host\"}");
        dev.dockerdoctor.watch.Maintenance m = dev.dockerdoctor.watch.Maintenance.start("U0ALICE", TestDiagnoses.NOW,
                TestDiagnoses.NOW.plus(Duration.ofHours(2)), "upgrading Docker");
        metrics.maintenance(() -> Optional.of(m));
        assertThat(scrape()).containsEntry("docker_doctor_maintenance_active{host=\"gitlab-host\"}", 1.0)
                .containsEntry("docker_doctor_maintenance_end_timestamp_seconds{host=\"gitlab-host\"}",
                        (double) m.until().getEpochSecond());
    }

    @Test
    void stepsThatRanAreCountedByIdAndResultAndRefusalsAreNot() throws IOException {
        Deque<StepOutcome.Status> results = new ArrayDeque<>(List.of(StepOutcome.Status.DONE, StepOutcome.Status.FAILED,
                StepOutcome.Status.DONE, StepOutcome.Status.BUSY, StepOutcome.Status.NOT_ALLOWED));
        StepRunner runner = metrics.counting(new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return true;
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                return new StepOutcome(results.poll(), stepId, user, "", List.of(), null);
            }
        });
        for (String step : List.of("restore-data-root", "compose-up:gitlab", "restore-data-root", "restore-data-root", "start-docker")) {
            runner.run(step, "U0ADMIN", "r1", line -> { });
        }
        assertThat(scrape())
                .containsEntry("docker_doctor_steps_total{host=\"gitlab-host\",result=\"done\",step=\"restore-data-root\"}", 2.0)
                .containsEntry("docker_doctor_steps_total{host=\"gitlab-host\",result=\"failed\",step=\"compose-up:gitlab\"}", 1.0)
                .doesNotContainKey("docker_doctor_steps_total{host=\"gitlab-host\",result=\"done\",step=\"start-docker\"}");
    }

    @Test
    void slackDeliveriesAreCountedByOutcome() throws Exception {
        Deque<DeliveryException> failures = new ArrayDeque<>(List.of(
                DeliveryException.rateLimited("ratelimited", Duration.ofSeconds(3)),
                DeliveryException.transientFailure("HTTP 500", null)));
        IncidentNotifier notifier = metrics.counting(new IncidentNotifier() {
            @Override
            public ThreadRef opened(Incident incident, Optional<Diagnosis> diagnosis) throws DeliveryException {
                DeliveryException e = failures.poll();
                if (e != null) throw e;
                return new ThreadRef("C0OPS", "1.0");
            }

            @Override
            public ThreadRef updated(Incident incident, Optional<Diagnosis> diagnosis) {
                return null;
            }

            @Override
            public ThreadRef resolved(Incident incident, Optional<Diagnosis> diagnosis) {
                return null;
            }
        });
        Incident i = openIncident("inc-1", TestDiagnoses.NOW);
        assertThatThrownBy(() -> notifier.opened(i, Optional.empty())).isInstanceOf(DeliveryException.class);
        assertThatThrownBy(() -> notifier.opened(i, Optional.empty())).isInstanceOf(DeliveryException.class);
        notifier.opened(i, Optional.empty());
        notifier.updated(i, Optional.empty());
        assertThat(scrape())
                .containsEntry("docker_doctor_slack_deliveries_total{host=\"gitlab-host\",outcome=\"rate_limited\"}", 1.0)
                .containsEntry("docker_doctor_slack_deliveries_total{host=\"gitlab-host\",outcome=\"failed\"}", 1.0)
                .containsEntry("docker_doctor_slack_deliveries_total{host=\"gitlab-host\",outcome=\"delivered\"}", 2.0);
    }

    @Test
    void theFormatCheckerRefusesWhatPrometheusRefuses() {
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na 1\n# TYPE a gauge\n")).hasMessageContaining("TYPE");
        assertThatThrownBy(() -> PrometheusText.parse("a{b=\"x\\q\"} 1\n")).hasMessageContaining("bad labels");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE c counter\nc 1\n")).hasMessageContaining("_total");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\nb 2\na{x=\"1\"} 3\n")).hasMessageContaining("together");
        assertThatThrownBy(() -> PrometheusText.parse("a one\n")).hasMessageContaining("no number");
        assertThat(PrometheusText.parse("# HELP a says \\\\ \\n\n# TYPE a gauge\na{b=\"q\\\"\"} 1.5e3\n"))
                .containsEntry("a{b=\"q\\\"\"}", 1500.0);
    }

    @Test
    void theDashboardAndTheAlertRulesNameOnlyMetricsThatExist() throws Exception {
        newest.set(TestDiagnoses.incident());
        metrics.incidents(() -> Optional.of(openIncident("inc-1", TestDiagnoses.NOW)));
        metrics.counting(new StepRunner() {
            @Override
            public boolean mayRun(String user) {
                return true;
            }

            @Override
            public StepOutcome run(String stepId, String user, String reference, Consumer<String> progress) {
                return new StepOutcome(StepOutcome.Status.DONE, stepId, user, "", List.of(), null);
            }
        }).run("start-docker", "U0ADMIN", "r1", line -> { });
        metrics.counting(new IncidentNotifier() {
            public ThreadRef opened(Incident i, Optional<Diagnosis> d) { return new ThreadRef("C0OPS", "1.0"); }
            public ThreadRef updated(Incident i, Optional<Diagnosis> d) { return null; }
            public ThreadRef resolved(Incident i, Optional<Diagnosis> d) { return null; }
        }).opened(openIncident("inc-1", TestDiagnoses.NOW), Optional.empty());
        java.util.Set<String> exported = new java.util.TreeSet<>();
        scrape().keySet().forEach(k -> exported.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));

        java.nio.file.Path deploy = java.nio.file.Path.of(System.getProperty("basedir", "."), "deploy");
        String dashboard = java.nio.file.Files.readString(deploy.resolve("grafana-dashboard.json"));
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboard); // valid JSON
        String alerts = java.nio.file.Files.readString(deploy.resolve("prometheus-alerts.yml"));
        var rules = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(alerts);
        assertThat(rules.at("/groups/0/rules")).isNotEmpty();
        rules.at("/groups/0/rules").forEach(r -> assertThat(r.get("expr").asText()).isNotBlank());
        for (String file : List.of(dashboard, alerts)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("docker_doctor_[a-z_]+").matcher(file);
            java.util.Set<String> named = new java.util.TreeSet<>();
            while (m.find()) named.add(m.group());
            assertThat(named).isNotEmpty();
            assertThat(exported).containsAll(named);
        }
    }
}
