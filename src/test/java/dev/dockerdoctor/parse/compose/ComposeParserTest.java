package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.parse.compose.ComposeParser.Dialect;
import dev.dockerdoctor.parse.compose.ComposeParser.Request;
import dev.dockerdoctor.parse.compose.ComposeParser.Result;
import dev.dockerdoctor.parse.compose.ComposeParser.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeParserTest {

    /** A named fake file system: host path to text. */
    private final Map<String, String> files = new HashMap<>();

    private Result parse(String dir, List<String> names, Map<String, String> env) {
        return new ComposeParser().parse(new Request(dir, names.stream().map(n -> dir + "/" + n).toList(), env,
                p -> files.containsKey(p) ? SourceFile.of(files.get(p)) : SourceFile.absent(), Dialect.V2, null));
    }

    private Result parse(String yaml) {
        files.put("/srv/app/compose.yaml", yaml);
        return parse("/srv/app", List.of("compose.yaml"), Map.of("HOME", "/home/ops"));
    }

    private static ComposeService service(Result r, String name) {
        return r.project().service(name).orElseThrow();
    }

    @Test
    void shouldReadServicesImagesPortsRestartAndNameTheProjectAfterItsFolder() {
        Result r = parse("""
                services:
                  web:
                    image: gitlab/gitlab-ce:16.0
                    container_name: gitlab
                    restart: always
                    ports: ["80:80", 2222]
                  db:
                    image: postgres
                    restart: no
                    ports:
                      - target: 5432
                        published: 15432
                        protocol: tcp
                """);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        ComposeProject p = r.project();
        assertThat(p.name()).isEqualTo("app");
        assertThat(p.workingDir()).isEqualTo("/srv/app");
        assertThat(p.files()).containsExactly("/srv/app/compose.yaml");
        assertThat(p.services()).extracting(ComposeService::name).containsExactly("web", "db");
        ComposeService web = service(r, "web");
        assertThat(web.image()).isEqualTo("gitlab/gitlab-ce:16.0");
        assertThat(web.containerName()).isEqualTo("gitlab");
        assertThat(web.restart()).isEqualTo("always");
        assertThat(web.ports()).containsExactly("80:80", "2222");
        assertThat(web.networks()).containsExactly("default");
        assertThat(service(r, "db").restart()).isEqualTo("no");
        assertThat(service(r, "db").ports()).containsExactly("15432:5432/tcp");
        assertThat(p.networks()).containsExactly("app_default");
    }

    @Test
    void shouldNormaliseTheFolderNameLikeCompose() {
        files.put("/home/ops/My Stack.v2/compose.yaml", "services: {a: {image: x}}");
        assertThat(parse("/home/ops/My Stack.v2", List.of("compose.yaml"), Map.of()).project().name()).isEqualTo("mystackv2");
        assertThat(ComposeParser.normalizeProjectName("__GitLab-CE_")).isEqualTo("gitlab-ce_");
    }

    @Test
    void shouldTakeTheNameFromTheFileThenFromTheEnvironmentThenFromTheLabels() {
        String yaml = "name: gitlab\nservices: {web: {image: x}}\n";
        assertThat(parse(yaml).project().name()).isEqualTo("gitlab");
        files.put("/srv/app/compose.yaml", yaml);
        assertThat(parse("/srv/app", List.of("compose.yaml"), Map.of("COMPOSE_PROJECT_NAME", "fromenv")).project().name())
                .isEqualTo("fromenv");
        Result labelled = new ComposeParser().parse(new Request("/srv/app", List.of("/srv/app/compose.yaml"), Map.of(),
                p -> files.containsKey(p) ? SourceFile.of(files.get(p)) : SourceFile.absent(), Dialect.V2, "from-labels"));
        assertThat(labelled.project().name()).isEqualTo("from-labels");
        assertThat(parse("name: Not Valid\nservices: {a: {image: x}}").problems()).extracting(ComposeProblem::message)
                .anyMatch(m -> m.contains("invalid project name"));
    }

    @Test
    void shouldResolveVolumesShortAndLongBindNamedAnonymousAndTmpfs() {
        Result r = parse("""
                services:
                  web:
                    image: x
                    volumes:
                      - ./config:/etc/gitlab
                      - ../shared/logs:/var/log/gitlab:ro
                      - /srv/gitlab/data:/var/opt/gitlab:rw,z
                      - ~/backups:/backups
                      - ~:/root-of-home
                      - data:/data
                      - /anonymous
                      - type: bind
                        source: ./certs
                        target: /certs/
                        read_only: true
                      - type: volume
                        source: cache
                        target: /cache
                      - type: tmpfs
                        target: /tmp
                volumes:
                  data:
                  cache:
                    name: shared-cache
                """);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(service(r, "web").volumes()).containsExactly(
                new VolumeMount("bind", "/srv/app/config", "/etc/gitlab", false, null),
                new VolumeMount("bind", "/srv/shared/logs", "/var/log/gitlab", true, null),
                new VolumeMount("bind", "/srv/gitlab/data", "/var/opt/gitlab", false, null),
                new VolumeMount("bind", "/home/ops/backups", "/backups", false, null),
                new VolumeMount("bind", "/home/ops", "/root-of-home", false, null),
                new VolumeMount("volume", "data", "/data", false, null),
                new VolumeMount("volume", null, "/anonymous", false, null),
                new VolumeMount("bind", "/srv/app/certs", "/certs", true, null),
                new VolumeMount("volume", "cache", "/cache", false, null),
                new VolumeMount("tmpfs", null, "/tmp", false, null));
        assertThat(r.project().namedVolumes()).containsExactly("app_data", "shared-cache");
    }

    @Test
    void shouldKeepExternalVolumesApartSinceUpNeverCreatesThem() {
        Result r = parse("""
                services:
                  db: {image: postgres, volumes: ["pg:/var/lib/postgresql/data", "old:/old", "named:/n"]}
                volumes:
                  pg: {}
                  old: {external: true}
                  named: {external: {name: legacy_named}}
                """);
        assertThat(r.project().namedVolumes()).containsExactly("app_pg");
        assertThat(r.project().externalVolumes()).containsExactly("old", "legacy_named");
    }

    @Test
    void shouldRefuseAServiceUsingAnUndeclaredVolumeOrNetworkOrDependency() {
        Result r = parse("""
                services:
                  web:
                    image: x
                    volumes: ["data:/data"]
                    networks: [front]
                    depends_on: [db]
                """);
        assertThat(r.problems()).extracting(ComposeProblem::message).containsExactlyInAnyOrder(
                "service \"web\" refers to undefined volume data",
                "service \"web\" refers to undefined network front",
                "service \"web\" depends on undefined service \"db\"");
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.line()).isNotNull());
    }

    @Test
    void shouldReadDependsOnAsListOrMapAndMarkOneShotDependencies() {
        Result r = parse("""
                services:
                  web:
                    image: x
                    depends_on:
                      db: {condition: service_healthy}
                      migrate: {condition: service_completed_successfully}
                      cache: {condition: service_started, required: false}
                  worker: {image: x, depends_on: [db]}
                  db: {image: postgres}
                  migrate: {image: x}
                """);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(service(r, "web").dependsOn()).containsExactly("db", "migrate", "cache");
        assertThat(service(r, "web").completedDependencies()).containsExactly("migrate");
        assertThat(service(r, "worker").dependsOn()).containsExactly("db");
    }

    @Test
    void shouldRefuseADependencyCycleNamingIt() {
        Result r = parse("services: {a: {image: x, depends_on: [b]}, b: {image: x, depends_on: [a]}}");
        assertThat(r.problems()).extracting(ComposeProblem::message).containsExactly("dependency cycle detected: a -> b -> a");
        assertThat(r.project()).as("the services are still known").isNotNull();
    }

    @Test
    void shouldReadProfilesAndWhichAreActive() {
        files.put("/srv/app/.env", "COMPOSE_PROFILES=debug, tools\n");
        Result r = parse("services: {web: {image: x}, adminer: {image: a, profiles: [debug]}}");
        assertThat(service(r, "adminer").profiles()).containsExactly("debug");
        assertThat(r.project().activeProfiles()).containsExactly("debug", "tools");
    }

    @Test
    void shouldInterpolateFromDotEnvWithTheEnvironmentWinning() {
        files.put("/srv/app/.env", "TAG=16.0\nDATA=/mnt/big/gitlab\nPORT=8080\n");
        files.put("/srv/app/compose.yaml", """
                services:
                  web:
                    image: "gitlab/gitlab-ce:${TAG:-latest}"
                    ports: ["${PORT}:80"]
                    volumes: ["${DATA}/data:/var/opt/gitlab", "$${NOT_A_VAR}:/x"]
                    environment:
                      GREETING: ${UNSET_THING}
                """);
        Result r = parse("/srv/app", List.of("compose.yaml"), Map.of("PORT", "9090"));
        ComposeService web = service(r, "web");
        assertThat(web.image()).isEqualTo("gitlab/gitlab-ce:16.0");
        assertThat(web.ports()).containsExactly("9090:80");
        assertThat(web.volumes()).extracting(VolumeMount::source).containsExactly("/mnt/big/gitlab/data", "${NOT_A_VAR}");
        assertThat(r.warnings()).containsExactly("variable UNSET_THING is not set: a blank string is used");
    }

    @Test
    void shouldReportARequiredVariableAndABadDotEnvWithFileAndLine() {
        Result r = parse("services:\n  web:\n    image: ${IMAGE:?set IMAGE in .env}\n");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("/srv/app/compose.yaml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("required variable IMAGE is missing a value: set IMAGE in .env");
        });
        files.put("/srv/app/.env", "OK=1\nBROKEN=\"no end\n");
        Result bad = parse("services: {web: {image: x}}");
        assertThat(bad.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("/srv/app/.env");
            assertThat(p.line()).isEqualTo(2);
        });
    }

    @Test
    void shouldMergeAnOverrideFileWithResetAndOverride() {
        files.put("/srv/app/docker-compose.yml", """
                services:
                  web:
                    image: x:1
                    ports: ["80:80"]
                    volumes: ["./a:/a", "./b:/b"]
                    environment: {A: "1", B: "2"}
                    command: ["run", "all"]
                  db: {image: postgres}
                """);
        files.put("/srv/app/docker-compose.override.yml", """
                services:
                  web:
                    image: x:2
                    ports: ["443:443"]
                    volumes: ["./other:/b"]
                    environment: {B: "3"}
                    command: ["run"]
                  db:
                    ports: !override ["5432:5432"]
                  extra: {image: y}
                """);
        Result r = parse("/srv/app", List.of("docker-compose.yml", "docker-compose.override.yml"), Map.of());
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        ComposeService web = service(r, "web");
        assertThat(web.image()).isEqualTo("x:2");
        assertThat(web.ports()).containsExactly("80:80", "443:443");
        assertThat(web.volumes()).extracting(VolumeMount::source).containsExactly("/srv/app/a", "/srv/app/other");
        assertThat(r.project().services()).extracting(ComposeService::name).containsExactly("web", "db", "extra");
        assertThat(service(r, "db").ports()).containsExactly("5432:5432");

        files.put("/srv/app/docker-compose.override.yml", "services:\n  web:\n    ports: !reset []\n    volumes: !reset\n");
        ComposeService reset = service(parse("/srv/app", List.of("docker-compose.yml", "docker-compose.override.yml"), Map.of()), "web");
        assertThat(reset.ports()).isEmpty();
        assertThat(reset.volumes()).isEmpty();
        assertThat(reset.image()).isEqualTo("x:1");
    }

    @Test
    void shouldResolveExtendsInTheSameFileAndAnotherFileRelativeToIt() {
        files.put("/srv/common/base.yml", """
                services:
                  app:
                    image: base:1
                    restart: unless-stopped
                    volumes: ["./shared:/shared"]
                """);
        Result r = parse("""
                services:
                  base: {image: local, restart: always}
                  one:
                    extends: base
                    container_name: one
                  two:
                    extends: {file: ../common/base.yml, service: app}
                    volumes: ["./mine:/mine"]
                  three:
                    extends: {service: one}
                    command: !reset
                """);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(service(r, "one").image()).isEqualTo("local");
        assertThat(service(r, "one").restart()).isEqualTo("always");
        assertThat(service(r, "three").containerName()).isEqualTo("one");
        ComposeService two = service(r, "two");
        assertThat(two.image()).isEqualTo("base:1");
        assertThat(two.volumes()).extracting(VolumeMount::source).containsExactly("/srv/common/shared", "/srv/app/mine");
    }

    @Test
    void shouldRefuseAMissingExtendedOrIncludedFileYetKnowTheServicesAndRefuseCircularExtends() {
        // compose v2: "open .../gone.yml: no such file or directory"
        Result missing = parse("services: {a: {image: x, extends: {file: gone.yml, service: b}}}");
        assertThat(missing.valid()).isFalse();
        assertThat(missing.problems()).extracting(ComposeProblem::message).anyMatch(m -> m.contains("gone.yml"));
        assertThat(missing.project().services()).extracting(ComposeService::name).containsExactly("a");
        Result notIncluded = parse("include: [db/gone.yaml]\nservices: {web: {image: x}}\n");
        assertThat(notIncluded.problems()).extracting(ComposeProblem::message)
                .containsExactly("included file /srv/app/db/gone.yaml not found; its services are not known");
        assertThat(notIncluded.project().services()).extracting(ComposeService::name).containsExactly("web");
        Result circular = parse("services: {a: {extends: b, image: x}, b: {extends: a}}");
        assertThat(circular.problems()).extracting(ComposeProblem::message).anyMatch(m -> m.contains("circular extends"));
        Result unknown = parse("services: {a: {extends: nope, image: x}}");
        assertThat(unknown.problems()).extracting(ComposeProblem::message).anyMatch(m -> m.contains("\"nope\" not found"));
    }

    @Test
    void shouldIncludeOtherFilesWithTheirOwnFolderAndDetectIncludeCycles() {
        files.put("/srv/app/db/compose.yaml", """
                services:
                  db: {image: postgres, volumes: ["./pgdata:/var/lib/postgresql/data", "pg:/x"]}
                volumes:
                  pg:
                """);
        Result r = parse("include: [db/compose.yaml]\nservices: {web: {image: x, depends_on: [db]}}\n");
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(r.includedFiles()).containsExactly("/srv/app/db/compose.yaml");
        assertThat(r.project().services()).extracting(ComposeService::name).containsExactlyInAnyOrder("web", "db");
        assertThat(service(r, "db").volumes()).extracting(VolumeMount::source).containsExactly("/srv/app/db/pgdata", "pg");
        assertThat(r.project().namedVolumes()).containsExactly("app_pg");

        files.put("/srv/app/loop.yaml", "include: [compose.yaml]\nservices: {l: {image: x}}\n");
        Result cycle = parse("include: [loop.yaml]\nservices: {web: {image: x}}\n");
        assertThat(cycle.problems()).extracting(ComposeProblem::message).anyMatch(m -> m.startsWith("include cycle detected"));

        Result conflict = parse("include: [db/compose.yaml]\nservices: {db: {image: mine}}\n");
        assertThat(conflict.problems()).extracting(ComposeProblem::message).anyMatch(m -> m.contains("conflicts with imported"));
    }

    @Test
    void shouldReadTheLegacyFormatInTheV1DialectWithVolumeNamesAsWritten() {
        files.put("/srv/gitlab/docker-compose.yml", """
                web:
                  image: gitlab/gitlab-ce
                  volumes: ["/srv/gitlab/data:/var/opt/gitlab", "logs:/var/log/gitlab"]
                """);
        Result r = new ComposeParser().parse(new Request("/srv/gitlab", List.of("/srv/gitlab/docker-compose.yml"), Map.of(),
                p -> files.containsKey(p) ? SourceFile.of(files.get(p)) : SourceFile.absent(), Dialect.V1, null));
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(r.legacyFormat()).isTrue();
        assertThat(r.project().namedVolumes()).containsExactly("logs");
        assertThat(r.project().networks()).isEmpty();
    }

    @Test
    void shouldSayEmptyAndNotAMappingAndMissingFile() {
        assertThat(parse("# nothing\n").problems()).extracting(ComposeProblem::message).containsExactly("empty compose file");
        assertThat(parse("- a\n- b\n").problems()).extracting(ComposeProblem::message)
                .containsExactly("Top-level object must be a mapping");
        Result none = parse("/srv/none", List.of("compose.yaml"), Map.of());
        assertThat(none.project()).isNull();
        assertThat(none.problems()).extracting(ComposeProblem::message).containsExactly("file not found");
    }

    @Test
    void shouldRefuseAnAliasBombInAComposeFileQuickly() {
        long t0 = System.nanoTime();
        Result r = parse(YamlReaderTest.billionLaughs(9, 9) + "services: {a: {image: x}}\n");
        assertThat(System.nanoTime() - t0).isLessThan(1_000_000_000L);
        assertThat(r.project()).isNull();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("alias bomb"));
    }

    @Test
    void shouldNeverThrowOnRandomisedGarbage() {
        Random rnd = new Random(42);
        String alphabet = "ab:-[]{}&*!<>|'\"#$\t\n ${}%@`,?.0123456789~\\";
        for (int i = 0; i < 600; i++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(200);
            for (int j = 0; j < len; j++) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            Result r = parse(b.toString());
            assertThat(r.project() != null || !r.problems().isEmpty()).as("input %s", b).isTrue();
            assertThat(r.problems()).as("no internal error on %s", b).noneMatch(p -> p.message().startsWith("could not be read ("));
        }
    }

    @Test
    void shouldNeverThrowOnMutationsOfARealFile() {
        String base = """
                x-common: &common
                  restart: always
                services:
                  web:
                    <<: *common
                    image: ${IMAGE:-x}
                    depends_on: {db: {condition: service_healthy}}
                    volumes: ["./a:/a", {type: bind, source: ./b, target: /b}]
                    ports: ["80:80"]
                  db: {image: postgres, volumes: ["pg:/var/lib/postgresql/data"], profiles: [p]}
                volumes: {pg: {}}
                networks: {front: {external: true}}
                """;
        Random rnd = new Random(7);
        for (int i = 0; i < 600; i++) {
            StringBuilder b = new StringBuilder(base);
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                int at = rnd.nextInt(b.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, "[]{}:-*&!$\t\n ".charAt(rnd.nextInt(13)));
                    default -> b.setCharAt(at, " :-\n{".charAt(rnd.nextInt(5)));
                }
            }
            Result r = parse(b.toString());
            assertThat(r.project() != null || !r.problems().isEmpty()).isTrue();
            assertThat(r.problems()).as("no internal error on %s", b).noneMatch(p -> p.message().startsWith("could not be read ("));
        }
    }
}
