package dev.dockerdoctor.slack.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.slack.message.ButtonRef;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.Part;
import dev.dockerdoctor.slack.message.ReportViews;
import dev.dockerdoctor.slack.message.StepViews;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.testing.standin.SlackJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.List;
import java.util.Map;

import static dev.dockerdoctor.slack.TestDiagnoses.healthy;
import static dev.dockerdoctor.slack.TestDiagnoses.huge;
import static dev.dockerdoctor.slack.TestDiagnoses.incident;
import static dev.dockerdoctor.slack.TestDiagnoses.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

class ReportViewsTest {
    static final ViewContext CTX = new ViewContext("build-01", "r-test", List.of("U0BOB", "U0ALICE"), null);

    static JsonObject json(Message m) {
        return BlockKitLimits.toJson(BlockKitRenderer.render(m));
    }

    static void golden(TestInfo info, Message m) throws Exception {
        dev.dockerdoctor.slack.Golden.assertMatches(info.getTestMethod().orElseThrow().getName(), json(m));
    }

    /** Every text of a rendered message, in order, to read it the way a person would. */
    static String allText(JsonElement e) {
        StringBuilder b = new StringBuilder();
        collect(e, b);
        return b.toString();
    }

    private static void collect(JsonElement e, StringBuilder b) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
                if (en.getKey().equals("text") && en.getValue().isJsonPrimitive()) b.append(en.getValue().getAsString()).append('\n');
                else collect(en.getValue(), b);
            }
        } else if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) collect(x, b);
        }
    }

    /** Only the texts Slack parses as mrkdwn (plain_text shows markup literally, so it needs no escaping). */
    static String mrkdwnText(JsonElement e) {
        StringBuilder b = new StringBuilder();
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("type") && o.get("type").getAsString().equals("mrkdwn")) b.append(o.get("text").getAsString()).append('\n');
            for (Map.Entry<String, JsonElement> en : o.entrySet()) b.append(mrkdwnText(en.getValue()));
        } else if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) b.append(mrkdwnText(x));
        }
        return b.toString();
    }

    static List<JsonObject> buttons(JsonObject message) {
        return SlackJson.buttons(message);
    }

    @Test
    void reportOfTheIncident(TestInfo info) throws Exception {
        Message m = ReportViews.report(incident(), CTX);
        golden(info, m);
        JsonObject j = json(m);
        JsonArray blocks = j.getAsJsonArray("blocks");
        assertThat(blocks.get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("header");
        assertThat(allText(blocks.get(0))).contains("Docker on build-01: 1 critical, 2 warnings");
        assertThat(j.get("text").getAsString()).startsWith("Docker on build-01: 1 critical, 2 warnings: Docker runs on /var/lib/docker");
        String text = allText(j);
        assertThat(text).contains("*Live data root*\n:red_circle: `/var/lib/docker` (0 containers)")
                .contains("*Orphaned data root*\n`/srv/docker`: 14 containers, 23 images, 9 volumes")
                .contains("27.4.0").contains("overlay2")
                .contains("Do not run `docker compose up` before step 1")
                .contains("a brand-new, empty gitlab and wiki")
                .contains("Only <@U0ALICE> and <@U0BOB> may run these steps")
                .contains("06:22:41  containerd.io 1.7.22-1 → 1.7.24-1");
        // severity order is kept, and the same line from two logs is said once
        assertThat(text.indexOf("data-root-drift")).isLessThan(text.indexOf("data-root-flag-lost"));
        assertThat(text.indexOf("data-root-flag-lost")).isLessThan(text.indexOf("live-restore-disabled"));
        assertThat(text.split("06:22:50  containerd stopped", -1)).hasSize(2);
        // the warning comes before any step
        assertThat(text.indexOf("Do not run `docker compose up`")).isLessThan(text.indexOf("1. Point Docker back"));
    }

    @Test
    void everyStepIsAButtonNamedByItsIdWithAValueTheServerResolves() {
        Diagnosis d = incident();
        JsonObject j = json(ReportViews.report(d, CTX));
        List<JsonObject> buttons = buttons(j);
        for (Step s : d.plan()) {
            JsonObject b = buttons.stream().filter(x -> x.get("action_id").getAsString().equals(s.id())).findFirst().orElseThrow();
            ButtonRef ref = ButtonRef.decode(b.get("value").getAsString()).orElseThrow();
            assertThat(ref).isEqualTo(new ButtonRef("r-test", s.id()));
            for (String cmd : s.commands()) assertThat(b.get("value").getAsString()).doesNotContain(cmd);
            assertThat(s.mutating()).isTrue();
            JsonObject confirm = b.getAsJsonObject("confirm");
            assertThat(confirm).as("confirm dialog of %s", s.id()).isNotNull();
            assertThat(confirm.getAsJsonObject("title").get("text").getAsString()).hasSizeLessThanOrEqualTo(100);
            assertThat(confirm.getAsJsonObject("text").get("text").getAsString()).hasSizeLessThanOrEqualTo(300);
        }
        JsonObject restore = buttons.stream().filter(x -> x.get("action_id").getAsString().equals("restore-data-root")).findFirst().orElseThrow();
        assertThat(restore.get("style").getAsString()).isEqualTo("primary");
        assertThat(restore.getAsJsonObject("confirm").getAsJsonObject("text").get("text").getAsString())
                .contains("Sets data-root to /srv/docker in /etc/docker/daemon.json")
                .contains("systemctl restart docker")
                .contains("every running container stops");
        assertThat(buttons).extracting(b -> b.get("action_id").getAsString()).contains("ui:refresh", "ui:show-timeline");
        JsonObject disable = buttons.stream().filter(x -> x.get("action_id").getAsString().equals("disable-apt-daily-upgrade")).findFirst().orElseThrow();
        assertThat(disable.get("style").getAsString()).isEqualTo("danger");
    }

    @Test
    void reportOfAHealthyHost(TestInfo info) throws Exception {
        Message m = ReportViews.report(healthy(), CTX);
        golden(info, m);
        String text = allText(json(m));
        assertThat(text).contains("Docker on build-01 is healthy").contains("Docker 20.10.24 runs on `/srv/docker` with 14 containers (14 running)")
                .contains("Nothing wrong found").contains("*Plan:* nothing to do.").doesNotContain("Do not run");
    }

    @Test
    void reportWhenTheDaemonDoesNotAnswer(TestInfo info) throws Exception {
        Message m = ReportViews.report(unreachable(), CTX);
        golden(info, m);
        String text = allText(json(m));
        assertThat(text).contains(":red_circle: not answering\nconnection refused on /var/run/docker.sock")
                .contains("*Data roots on disk*\n`/srv/docker`: 14 containers")
                .contains("Do not run `docker compose up` before step 1");
    }

    @Test
    void sharedReportSaysWhoSharedIt(TestInfo info) throws Exception {
        Message m = ReportViews.report(incident(), CTX.sharedBy("U0ALICE"));
        golden(info, m);
        assertThat(allText(json(m))).contains("Shared by <@U0ALICE>");
    }

    @Test
    void rootView(TestInfo info) throws Exception {
        Message m = ReportViews.root(incident(), CTX);
        golden(info, m);
        assertThat(allText(json(m))).contains("*Live root*\n`/var/lib/docker`").contains("`/srv/docker`: 14 containers")
                .contains("`/var/lib/docker` *(live)*").contains("*Changed since the last good check*");
        assertThat(buttons(json(m))).extracting(b -> b.get("action_id").getAsString()).contains("restore-data-root")
                .doesNotContain("hold-docker-packages");
    }

    @Test
    void logsView(TestInfo info) throws Exception {
        Message m = ReportViews.logs(incident(), CTX, "24h");
        golden(info, m);
        assertThat(allText(json(m))).contains("Timeline on build-01 (24h)").contains("06:20:02  apt-daily-upgrade started")
                .contains("Read 4 files, 18342 lines in 412 ms");
    }

    @Test
    void composeView(TestInfo info) throws Exception {
        Message m = ReportViews.compose(incident(), CTX);
        golden(info, m);
        assertThat(allText(json(m))).contains(":red_circle: *gitlab*: 0 of 3 running; web, db, redis missing  `/srv/gitlab/docker-compose.yml`")
                .contains("Do not run `docker compose up` until the data root is right");
    }

    @Test
    void planView(TestInfo info) throws Exception {
        Message m = ReportViews.plan(incident(), CTX);
        golden(info, m);
        assertThat(allText(json(m))).contains("1. Point Docker back at /srv/docker").contains("4. Stop all automatic upgrades");
    }

    @Test
    void stepPreviewForSomeoneWhoMayNotRunSteps(TestInfo info) throws Exception {
        Diagnosis d = incident();
        Message m = StepViews.stepPreview(d, d.plan().get(0), CTX, "U0STRANGER");
        golden(info, m);
        assertThat(allText(json(m))).contains("`/etc/docker/daemon.json`: `data-root` _absent_ → `/srv/docker`")
                .contains("```systemctl restart docker```").contains("you are not in DOCTOR_ADMINS")
                .contains("Only you can see this");
    }

    @Test
    void helpView(TestInfo info) throws Exception {
        Message m = ReportViews.help("I don't know `rooot`.");
        golden(info, m);
        assertThat(allText(json(m))).contains("`/docker-status logs [window]`").contains("I don't know `rooot`.");
    }

    @Test
    void shouldEscapeWhatComesFromTheHost() {
        String text = mrkdwnText(json(ReportViews.compose(huge(), CTX)));
        assertThat(text).doesNotContain("<!channel>").contains("&lt;!channel&gt;").contains("&amp;");
        String report = mrkdwnText(json(ReportViews.report(huge(), CTX)));
        assertThat(report).doesNotContain("<@U123>").contains("&lt;@U123&gt;");
    }

    @Test
    void shouldKeepTheStructureOfAHugeHostAndSayWhatItLeftOut() {
        Diagnosis d = huge();
        JsonObject j = json(ReportViews.report(d, CTX));
        assertThat(BlockKitLimits.violations(j)).isEmpty();
        String text = allText(j);
        assertThat(text).contains("more findings").contains("earlier events").contains("Checked 06:27:14 UTC");
        assertThat(buttons(j)).extracting(b -> b.get("action_id").getAsString()).contains("restore-data-root", "ui:refresh");
        assertThat(j.getAsJsonArray("blocks").get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("header");
        assertThat(allText(json(ReportViews.compose(d, CTX)))).contains("more projects");
        assertThat(allText(json(ReportViews.root(d, CTX)))).contains("more roots");
    }

    @Test
    void shouldOfferEveryModelButtonWithAnIdAndALabel() {
        for (Part.Button b : ReportViews.report(incident(), CTX).buttons()) {
            assertThat(b.id()).isNotBlank();
            assertThat(b.label()).isNotBlank();
        }
    }
}
