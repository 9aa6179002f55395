package dev.dockerdoctor.parse.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.parse.compose.ComposeParser.Dialect;
import dev.dockerdoctor.parse.compose.ComposeParser.Request;
import dev.dockerdoctor.parse.compose.ComposeParser.Result;
import dev.dockerdoctor.testing.Command;
import dev.dockerdoctor.testing.ModernDocker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compose v2 is the reference loader: the modern engine's {@code docker compose config --format json} (v2.40) and
 * the project's parser read every corpus file, valid and invalid, and must agree on whether it loads at all and, when
 * it does, on services, images, profiles, depends_on and the named volumes. A disagreement fails with both readings.
 * Needs the modern engine's compose plugin (no daemon): skips without it, fails with DOCTOR_REQUIRE_DOCKER=1.
 */
class ComposeV2ReferenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** v2's reading of each corpus file: its JSON, or null with the refusal in {@link #REFUSALS}. */
    private static final Map<Path, JsonNode> READINGS = new ConcurrentHashMap<>();
    private static final Map<Path, String> REFUSALS = new ConcurrentHashMap<>();

    @BeforeAll
    static void askComposeV2(@TempDir Path tmp) throws InterruptedException, IOException {
        assumeTrue(ComposeCorpusTest.CORPUS != null, "corpus ../shared/corpus/compose not found: corpus tests skipped");
        Path docker = ModernDocker.bin().resolve("docker");
        Path config = ModernDocker.prefix().resolve("config");
        Map<Path, Path> copies = layOut(tmp);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (Path f : cases().toList()) {
            pool.submit(() -> {
                Map<String, String> env = new HashMap<>(ComposeCorpusTest.env(f.getFileName().toString()));
                env.put("DOCKER_CONFIG", config.toString());
                Path file = copies.getOrDefault(f, f);
                // '*' enables every profile, so that services behind one are compared too
                List<String> argv = List.of(docker.toString(), "compose", "-f", file.toString(), "--profile", "*",
                        "config", "--format", "json");
                Command.Result r = Command.run(argv, file.getParent(), env, Duration.ofSeconds(60));
                // an env file the corpus does not hold is there on the host it came from: an empty one stands in
                Set<Path> made = new HashSet<>();
                for (Path missing; !r.ok() && (missing = missingEnvFile(r.stderr(), file.getParent())) != null
                        && made.add(missing); ) {
                    synchronized (READINGS) {
                        if (!Files.exists(missing)) Files.createFile(missing); // another file may have needed it too
                    }
                    r = Command.run(argv, file.getParent(), env, Duration.ofSeconds(60));
                }
                if (r.ok()) {
                    READINGS.put(f, JSON.readTree(r.stdout()));
                } else {
                    REFUSALS.put(f, r.stderr().lines().filter(l -> !l.contains("level=warning"))
                            .collect(Collectors.joining(" ")).strip());
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("compose v2 answered for every file").isTrue();
        assertThat(READINGS.size() + REFUSALS.size()).as("a reading for each file").isEqualTo(cases().count());
    }

    @TestFactory
    Stream<DynamicTest> theParserAgreesWithComposeV2() {
        return cases().map(f -> DynamicTest.dynamicTest(label(f), () -> compare(f)));
    }

    /**
     * The corpus is flat: v2 reads copies in folders of the same names, where a compose-go fixture is also under
     * the name its neighbours include or extend it by (as the parser's reader finds it). Own cases are read in place.
     */
    private static Map<Path, Path> layOut(Path tmp) throws IOException {
        Map<Path, Path> copies = new HashMap<>();
        for (Path f : corpusFiles()) {
            Path dir = Files.createDirectories(tmp.resolve(ComposeCorpusTest.CORPUS.getParent().relativize(f.getParent())));
            Path copy = Files.copy(f, dir.resolve(f.getFileName()));
            copies.put(f, copy);
            String n = f.getFileName().toString();
            if (n.startsWith(FIXTURE_PREFIX)) {
                Path alias = dir.resolve(n.substring(FIXTURE_PREFIX.length()).replaceAll("\\.yml$", ".yaml"));
                if (!Files.exists(alias)) Files.copy(f, alias);
            }
        }
        return copies;
    }

    private static final String FIXTURE_PREFIX = "compose-go__loader-testdata-";
    private static final Pattern MISSING_ENV = Pattern.compile("env file (\\S+) not found");

    private static Path missingEnvFile(String stderr, Path dir) {
        Matcher m = MISSING_ENV.matcher(stderr);
        if (!m.find()) return null;
        Path p = Path.of(m.group(1)).normalize();
        return p.startsWith(dir) ? p : null;
    }

    private static void compare(Path f) {
        String name = label(f);
        Request req = ComposeCorpusTest.request(f, ComposeCorpusTest.env(f.getFileName().toString()), Dialect.V2);
        Result ours = new ComposeParser().parse(req);
        JsonNode v2 = READINGS.get(f);
        String refusal = REFUSALS.get(f);
        if (v2 == null) {
            assertThat(ours.valid()).as(name + ": compose v2 refuses it (" + refusal + "), the parser accepted it")
                    .isFalse();
            return;
        }
        assertThat(ours.problems()).as(name + ": compose v2 loads it, the parser refused it").isEmpty();
        ComposeProject p = ours.project();
        assertThat(p.name()).as(name + " project name").isEqualTo(v2.path("name").asText());
        assertThat(services(p)).as(name + " services, images, profiles, depends_on").isEqualTo(services(v2));
        assertThat(new TreeSet<>(p.namedVolumes())).as(name + " named volumes").isEqualTo(volumes(v2, false));
        assertThat(new TreeSet<>(p.externalVolumes())).as(name + " external volumes").isEqualTo(volumes(v2, true));
    }

    /** service -> "image | profiles | depends_on", the facts both sides must share. */
    private static Map<String, String> services(ComposeProject p) {
        Map<String, String> m = new TreeMap<>();
        for (ComposeService s : p.services()) {
            m.put(s.name(), facts(s.image(), new TreeSet<>(s.profiles()), new TreeSet<>(s.dependsOn())));
        }
        return m;
    }

    private static Map<String, String> services(JsonNode v2) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v2.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            TreeSet<String> profiles = new TreeSet<>();
            s.path("profiles").forEach(x -> profiles.add(x.asText()));
            TreeSet<String> needs = new TreeSet<>();
            s.path("depends_on").fieldNames().forEachRemaining(needs::add);
            m.put(e.getKey(), facts(s.hasNonNull("image") ? s.get("image").asText() : null, profiles, needs));
        }
        return m;
    }

    private static String facts(String image, TreeSet<String> profiles, TreeSet<String> needs) {
        return "image " + image + " | profiles " + profiles + " | depends_on " + needs;
    }

    /** The daemon's names of the declared volumes, external or not. */
    private static TreeSet<String> volumes(JsonNode v2, boolean external) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v2.path("volumes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("external").asBoolean(false) == external) {
                names.add(e.getValue().path("name").asText(e.getKey()));
            }
        }
        return names;
    }

    private static List<Path> corpusFiles() {
        List<Path> all = new ArrayList<>(ComposeCorpusTest.files(ComposeCorpusTest.CORPUS).toList());
        all.addAll(ComposeCorpusTest.files(ComposeCorpusTest.CORPUS.resolve("invalid")).toList());
        return all;
    }

    /** The corpus, then the project's own cases: one folder each under src/test/resources/compose-v2. */
    private static Stream<Path> cases() {
        List<Path> all = new ArrayList<>(corpusFiles());
        try (Stream<Path> own = Files.list(OWN_CASES)) {
            own.sorted().map(d -> d.resolve("compose.yaml")).forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.stream();
    }

    private static final Path OWN_CASES = Path.of("src/test/resources/compose-v2").toAbsolutePath();

    private static String label(Path f) {
        return f.startsWith(OWN_CASES) ? OWN_CASES.relativize(f.getParent()).toString()
                : ComposeCorpusTest.CORPUS.relativize(f).toString();
    }
}
