package dev.dockerdoctor.slack;

import dev.dockerdoctor.diagnosis.Doctor;
import dev.dockerdoctor.diagnosis.plan.PlanContext;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.Step;
import dev.dockerdoctor.model.StepId;
import dev.dockerdoctor.slack.message.Message;
import dev.dockerdoctor.slack.message.Part;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.slack.render.BlockKitLimits;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message the bot can send, for every kind of host (the huge one has 300 containers and 40 compose projects)
 * and every kind of audience, passes Slack's Block Kit limits, and every mutating step asks before it counts.
 */
class EveryMessageFitsSlackTest {

    static Stream<Arguments> hosts() {
        List<String> manyAdmins = IntStream.range(0, 40).mapToObj(i -> "U0ADMIN" + i).toList();
        List<ViewContext> contexts = List.of(
                new ViewContext("build-01", "r-20241127-062714-3f2a", List.of(), null),
                new ViewContext("build-01", "r-20241127-062714-3f2a", List.of("U0ALICE"), null),
                new ViewContext("h".repeat(300), "r-" + "9".repeat(60), manyAdmins, null));
        Map<String, Diagnosis> diagnoses = Map.of(
                "incident", TestDiagnoses.incident(),
                "healthy", TestDiagnoses.healthy(),
                "unreachable", TestDiagnoses.unreachable(),
                "huge host (300 containers, 40 projects)", TestDiagnoses.huge(),
                "huge host through the real doctor", Doctor.standard(PlanContext.defaults()).diagnose(TestDiagnoses.huge().snapshot()),
                "incident through the real doctor", Doctor.standard(PlanContext.defaults()).diagnose(TestDiagnoses.incident().snapshot()));
        List<Arguments> out = new ArrayList<>();
        diagnoses.forEach((name, d) -> contexts.forEach(c -> out.add(Arguments.of(name + ", " + c.admins().size() + " admins", d, c))));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void everyMessagePassesTheBlockKitLimits(String name, Diagnosis d, ViewContext c) {
        for (Map.Entry<String, Message> e : EveryMessage.of(d, c).entrySet()) {
            assertThat(BlockKitLimits.violations(BlockKitRenderer.render(e.getValue())))
                    .as("%s: %s", name, e.getKey()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void everyMutatingStepButtonAsksFirst(String name, Diagnosis d, ViewContext c) {
        for (Map.Entry<String, Message> e : EveryMessage.of(d, c).entrySet()) {
            for (Part.Button b : e.getValue().buttons()) {
                if (b.id().startsWith("ui:")) {
                    assertThat(b.confirm()).as("ui buttons change nothing").isNull();
                    continue;
                }
                Step step = d.plan().stream().filter(s -> StepId.actionId(s.id()).equals(b.id())).findFirst().orElseThrow();
                if (step.mutating()) assertThat(b.confirm()).as("%s: %s: %s", name, e.getKey(), b.id()).isNotNull();
            }
        }
    }
}
