package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.parse.compose.ComposeParser.Dialect;
import dev.dockerdoctor.parse.compose.ComposeParser.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own cases under src/test/resources/compose-v2, where the parser once disagreed with compose v2
 * (ComposeV2ReferenceIT compares them with the real v2; this test pins the parser's side without it).
 */
class ComposeV2CasesTest {
    private static final Path CASES = Path.of("src/test/resources/compose-v2");

    private static Result parse(String name) throws IOException {
        Path f = CASES.resolve(name).resolve("compose.yaml").toAbsolutePath();
        return new ComposeParser().parseText(f.toString(), Files.readString(f), Map.of("HOME", "/root"), Dialect.V2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "null-service               | services.web must be a mapping",
            "neither-image-nor-build    | service \"web\" has neither an image nor a build context specified",
            "network-mode-with-networks | service web declares mutually exclusive `network_mode` and `networks`",
            "port-not-a-number          | invalid containerPort: abc",
            "port-too-many-colons       | invalid ip address 80:80",
            "healthcheck-retries-blank  | services.a.healthcheck.retries must be an integer, not \"\"",
            "volume-source-blank        | invalid spec: :/data: empty section between colons"})
    void refusesWhatComposeV2Refuses(String name, String why) throws IOException {
        Result r = parse(name);
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).extracting(ComposeProblem::message).anyMatch(m -> m.contains(why));
    }

    @Test
    void runsAnUpperCaseNameLowerCasedAsComposeV2Does() throws IOException {
        Result r = parse("upper-case-name");
        assertThat(r.problems()).isEmpty();
        assertThat(r.project().name()).isEqualTo("myproject");
    }

    @Test
    void givesTheFilesTheProjectNameAsComposeProjectName() throws IOException {
        Result r = parse("compose-project-name-variable");
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.project().services()).extracting(ComposeService::image).containsExactly("registry.local/compose-project-name-variable-web:1");
    }

    @Test
    void dependsOnWhatLinksVolumesFromAndServiceModesName() throws IOException {
        Result r = parse("implied-dependencies");
        assertThat(r.problems()).isEmpty();
        Map<String, List<String>> deps = new TreeMap<>();
        r.project().services().forEach(s -> deps.put(s.name(), s.dependsOn()));
        assertThat(deps).containsEntry("a", List.of("b", "c")).containsEntry("b", List.of("d", "e"))
                .containsEntry("c", List.of("d")).containsEntry("d", List.of()).containsEntry("e", List.of());
    }
}
