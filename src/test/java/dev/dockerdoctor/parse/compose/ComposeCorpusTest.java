package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.parse.compose.ComposeParser.Dialect;
import dev.dockerdoctor.parse.compose.ComposeParser.Request;
import dev.dockerdoctor.parse.compose.ComposeParser.Result;
import dev.dockerdoctor.parse.compose.ComposeParser.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared corpus of real compose files (../shared/corpus/compose, MANIFEST.md there): every valid file parses,
 * where docker-compose v1's own {@code config} output lies beside a file the services, images and resolved volume
 * sources agree, and every file in invalid/ is rejected with a message. Skips (saying so) when the corpus is absent.
 */
class ComposeCorpusTest {

    static final Path CORPUS = locate();

    /**
     * Known, explained differences from "parses without a problem":
     * <ul>
     *   <li>the dependency-cycle fixture in the valid folder is byte for byte the invalid cycle fixture (compose-go's
     *       test of it selects services so that no cycle is loaded); a cycle is a cycle, so it is refused here;</li>
     *   <li>two compose-go fixtures reference services, volumes and networks they never define; compose-go's own
     *       tests load them with {@code SkipConsistencyCheck}, and so do we (compose up would refuse them).</li>
     * </ul>
     */
    static final String CYCLE_TWIN = "compose-go__loader-testdata-compose-depends-on-profile-no-cycle.yml";
    static final Set<String> LOADED_WITHOUT_CONSISTENCY = Set.of("compose-go__loader-full-example.yml",
            "compose-go__schema-using-variables.yml");
    /**
     * Refused on their own by compose v2 as by the parser ({@code ComposeV2ReferenceIT} holds both to it), because
     * what they need is not in the corpus; what they declare is still known.
     */
    static final Map<String, String> REFUSED_ALONE = Map.of(
            "compose-go__loader-testdata-combined-compose.yml", "includes dir/included.yaml",
            "compose-go__loader-testdata-compose-include.yml", "includes subdir/compose-test-extends-imported.yaml",
            "compose-go__loader-testdata-compose-test-extends.yml", "extends subdir/compose-test-extends-imported.yaml",
            "compose-go__loader-testdata-extends-base.yml", "extends sibling.yaml; a null service",
            "compose-go__loader-testdata-include-compose.yml", "includes included.yaml",
            "compose-go__schema-using-variables.yml", "every value is ${VARIABLE}, unset: compose-go checks only its schema",
            "immich__docker-docker-compose.yml", "UPLOAD_LOCATION and DB_DATA_LOCATION come from its .env",
            "sentry-self-hosted__docker-compose.yml", "HEALTHCHECK_RETRIES and the others come from its .env",
            "mailcow__helper-scripts-docker-compose.override.yml.d-EXTERNAL_MYSQL_SOCKET-docker-compose.override.yml",
            "an override: its services' images are in mailcow's main file",
            "mailcow__helper-scripts-docker-compose.override.yml.d-HAPROXY-docker-compose.override.yml",
            "an override: its services' images are in mailcow's main file");

    /** Written in the version 1 format, which only docker-compose v1 reads (MANIFEST: "legacy v1 format"). */
    static final Set<String> LEGACY_V1 = Set.of("omnibus-gitlab__docker-docker-compose.yml");

    private static Path locate() {
        for (Path p : List.of(Path.of("../shared/corpus/compose"), Path.of("../../shared/corpus/compose"),
                Path.of("/work/shared/corpus/compose"))) {
            if (Files.isDirectory(p)) return p.toAbsolutePath().normalize();
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> everyValidFileParses() {
        assumeTrue(CORPUS != null, "corpus ../shared/corpus/compose not found: corpus tests skipped");
        return files(CORPUS).map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString();
            Dialect dialect = LEGACY_V1.contains(name) ? Dialect.V1 : Dialect.V2;
            Request req = request(f, env(name), dialect);
            if (LOADED_WITHOUT_CONSISTENCY.contains(name)) req = req.withoutReferenceChecks();
            Result r = new ComposeParser().parse(req);
            if (name.equals(CYCLE_TWIN)) {
                assertThat(r.problems()).extracting(ComposeProblem::message)
                        .containsExactly("dependency cycle detected: service1 -> service2 -> service3 -> service1");
                return;
            }
            if (REFUSED_ALONE.containsKey(name)) {
                assertThat(r.problems()).as(name + " alone: " + REFUSED_ALONE.get(name)).isNotEmpty();
                assertThat(r.project()).as("project of " + name).isNotNull();
                if (!Files.readString(f).startsWith("include:")) {
                    assertThat(r.project().services()).as("services of " + name).isNotEmpty();
                }
                return;
            }
            assertThat(r.problems()).as("problems of " + name).isEmpty();
            assertThat(r.project()).isNotNull();
            // a file that only includes others (absent from the corpus) declares no service of its own
            if (!Files.readString(f).startsWith("include:")) {
                assertThat(r.project().services()).as("services of " + name).isNotEmpty();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> legacyFormatIsReadByV1AndRefusedByV2() {
        assumeTrue(CORPUS != null, "corpus ../shared/corpus/compose not found: corpus tests skipped");
        return LEGACY_V1.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Result v2 = new ComposeParser().parse(request(CORPUS.resolve(name), Map.of(), Dialect.V2));
            assertThat(v2.valid()).isFalse();
            assertThat(v2.problems().get(0).message()).contains("version 1 format");
            // the services are still known, so a vanished GitLab can be named even on a v2 host
            assertThat(v2.project().services()).extracting(ComposeService::name).containsExactly("web");
        }));
    }

    @TestFactory
    Stream<DynamicTest> agreesWithDockerComposeConfigOutput() {
        assumeTrue(CORPUS != null, "corpus ../shared/corpus/compose not found: corpus tests skipped");
        return files(CORPUS).filter(f -> Files.exists(configOf(f))).map(f -> DynamicTest.dynamicTest(
                f.getFileName().toString(), () -> compareWithConfig(f)));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidFileIsRejectedWithAMessage() {
        assumeTrue(CORPUS != null, "corpus ../shared/corpus/compose not found: corpus tests skipped");
        return files(CORPUS.resolve("invalid")).map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            long t0 = System.nanoTime();
            Result r = new ComposeParser().parse(request(f, Map.of(), Dialect.V2));
            assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
            assertThat(r.valid()).as(f.getFileName() + " must be rejected").isFalse();
            assertThat(r.problems()).isNotEmpty();
            assertThat(r.problems()).allSatisfy(p -> {
                assertThat(p.message()).isNotBlank();
                assertThat(p.file()).isNotBlank();
            });
        }));
    }

    // ---- comparison with `docker-compose config` ----

    @SuppressWarnings("unchecked")
    private void compareWithConfig(Path f) throws IOException {
        String name = f.getFileName().toString();
        Map<String, Object> config = new Yaml().load(Files.readString(configOf(f)));
        Map<String, Object> expected = (Map<String, Object>) config.get("services");
        Result r = new ComposeParser().parse(request(f, env(name), Dialect.V1));
        assertThat(r.project()).as("project of " + name).isNotNull();
        Map<String, ComposeService> actual = new LinkedHashMap<>();
        r.project().services().forEach(s -> actual.put(s.name(), s));

        assertThat(actual.keySet()).as("services of " + name).containsExactlyInAnyOrderElementsOf(expected.keySet());
        Set<String> runFolders = new java.util.HashSet<>();
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            ComposeService act = actual.get(e.getKey());
            String what = name + " " + e.getKey();
            assertThat(act.image()).as(what + " image").isEqualTo(exp.get("image"));
            Map<String, String[]> want = new LinkedHashMap<>();
            for (Object v : (List<Object>) exp.getOrDefault("volumes", List.of())) {
                String[] m = expectedMount(v);
                want.put(m[2], m);
            }
            Map<String, VolumeMount> got = new LinkedHashMap<>();
            act.volumes().forEach(m -> got.put(m.target(), m));
            assertThat(got.keySet()).as(what + " volume targets").containsExactlyInAnyOrderElementsOf(want.keySet());
            for (VolumeMount m : got.values()) {
                String[] w = want.get(m.target());
                assertThat(m.type()).as(what + " " + m.target() + " type").isEqualTo(w[0]);
                String src = m.source() == null ? "" : m.source();
                String dir = f.getParent().toString();
                if (w[1].startsWith("/corpus/") && (src.equals(dir) || src.startsWith(dir + "/"))) {
                    // v1 ran in /corpus/<its folder>: the part after the project folder must agree
                    String rel = src.substring(dir.length());
                    assertThat(w[1]).as(what + " " + m.target() + " source").endsWith(rel);
                    runFolders.add(w[1].substring(0, w[1].length() - rel.length()));
                } else {
                    assertThat(src).as(what + " " + m.target() + " source").isEqualTo(w[1]);
                }
            }
        }
        assertThat(runFolders).as(name + ": one folder v1 ran in").hasSizeLessThanOrEqualTo(1);
    }

    /** type, source ("" for none), target of one volume of v1's config output. */
    private static String[] expectedMount(Object v) {
        if (v instanceof String s) {
            String[] parts = s.split(":");
            if (parts.length == 1) return new String[]{"volume", "", parts[0]};
            return new String[]{parts[0].startsWith("/") ? "bind" : "volume", parts[0], parts[1]};
        }
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) v;
        return new String[]{String.valueOf(m.get("type")), m.get("source") == null ? "" : String.valueOf(m.get("source")),
                String.valueOf(m.get("target"))};
    }

    // ---- helpers ----

    /**
     * Variables v1 ran with: GITLAB_HOME as V1_RESULTS.md says, HOME as root's (v1 expanded `~` there), and the one
     * value an original's .env gave that the corpus does not hold (awesome-compose/plex/.env, visible in the output).
     */
    static Map<String, String> env(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", "/root");
        if (name.startsWith("gitlab-docs__")) env.put("GITLAB_HOME", "/srv/gitlab");
        if (name.equals("awesome-compose__plex-compose.yml")) env.put("PLEX_MEDIA_PATH", "/media/your/plex/path");
        return env;
    }

    static Request request(Path f, Map<String, String> env, Dialect dialect) {
        String path = f.toString();
        return new Request(f.getParent().toString(), List.of(path), env, ComposeCorpusTest::readOriginalLayout,
                dialect, null);
    }

    /**
     * Reads corpus files; a compose-go fixture that names another fixture by its original path
     * ({@code loader/testdata/x.yaml}, same folder) is found under its corpus name, so an include of itself is the
     * cycle it was written to be.
     */
    private static SourceFile readOriginalLayout(String hostPath) {
        Path p = Path.of(hostPath);
        try {
            if (Files.isRegularFile(p)) return SourceFile.of(Files.readString(p));
            if (CORPUS != null && p.getParent() != null && Files.isDirectory(p.getParent())
                    && p.getParent().startsWith(CORPUS.getParent())) {
                String base = p.getFileName().toString().replaceAll("\\.yaml$", ".yml");
                try (Stream<Path> s = Files.list(p.getParent())) {
                    for (Path cand : s.toList()) {
                        String n = cand.getFileName().toString();
                        if (n.equals("compose-go__loader-testdata-" + base)) {
                            return SourceFile.of(Files.readString(cand));
                        }
                    }
                }
            }
            return SourceFile.absent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path configOf(Path f) {
        return f.resolveSibling(f.getFileName() + ".config.txt");
    }

    static Stream<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
