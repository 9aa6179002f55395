package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ComposeLabels;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.DiskContainer;
import dev.dockerdoctor.model.ServiceState;
import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.parse.compose.ComposeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeProbeTest {
    @TempDir
    Path hostRoot;

    private static final ComposeCommand V2 = ComposeCommand.assumedV2("test");
    private static final String GITLAB = """
            services:
              web:
                image: gitlab/gitlab-ce:${TAG:-latest}
                volumes: ["/srv/gitlab/config:/etc/gitlab", "data:/var/opt/gitlab"]
            volumes:
              data:
            """;

    private void write(String hostPath, String text) throws IOException {
        Path p = hostRoot.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private ComposeProbe probe(List<String> configured) {
        return new ComposeProbe(new HostFiles(hostRoot), Map.of("HOME", "/root"), configured, V2);
    }

    private static DaemonState daemon(ContainerInfo... cs) {
        return new DaemonState(true, "/var/lib/docker", "overlay2", "20.10", cs.length, 0, 0, false, null, List.of(cs));
    }

    private static ContainerInfo container(String name, String project, String service, String state, String workingDir,
                                           String configFiles) {
        Map<String, String> labels = new java.util.HashMap<>();
        labels.put(ComposeLabels.PROJECT, project);
        labels.put(ComposeLabels.SERVICE, service);
        if (workingDir != null) labels.put(ComposeLabels.WORKING_DIR, workingDir);
        if (configFiles != null) labels.put(ComposeLabels.CONFIG_FILES, configFiles);
        return ContainerInfo.basic(name, name, "img", state, labels);
    }

    @Test
    void shouldFindProjectsInCommonPlacesWithTheirOverrideAndDotEnv() throws IOException {
        write("/srv/gitlab/docker-compose.yml", GITLAB);
        write("/srv/gitlab/docker-compose.override.yml", "services: {web: {restart: always}}\n");
        write("/srv/gitlab/.env", "TAG=16.1\n");
        write("/srv/gitlab/config/gitlab.rb", "x");
        write("/home/bob/stacks/wiki/compose.yaml", "services: {wiki: {image: wiki}}\n");
        write("/opt/deep/a/b/c/d/compose.yaml", "services: {too: {image: deep}}\n");

        ComposeProbe.Found f = probe(List.of()).probe(daemon(), List.of());
        assertThat(f.problems()).isEmpty();
        assertThat(f.projects()).extracting(ComposeProject::name).containsExactlyInAnyOrder("gitlab", "wiki");
        ComposeProject gitlab = f.projects().stream().filter(p -> p.name().equals("gitlab")).findFirst().orElseThrow();
        assertThat(gitlab.files()).containsExactly("/srv/gitlab/docker-compose.yml", "/srv/gitlab/docker-compose.override.yml");
        assertThat(gitlab.foundBy()).isEqualTo("search of /srv");
        ComposeService web = gitlab.services().get(0);
        assertThat(web.image()).isEqualTo("gitlab/gitlab-ce:16.1");
        assertThat(web.restart()).isEqualTo("always");
        assertThat(web.state()).isEqualTo(ServiceState.MISSING);
        assertThat(web.volumes()).contains(new VolumeMount("bind", "/srv/gitlab/config", "/etc/gitlab", false, true));
        assertThat(gitlab.namedVolumes()).containsExactly("gitlab_data");
    }

    @Test
    void shouldTakeTheFilesComposeFileNamesInAFoldersDotEnv() throws IOException {
        write("/srv/shop/.env", "COMPOSE_FILE=compose/base.yml:compose/prod.yml\nTAG=2.0\n");
        write("/srv/shop/compose/base.yml", "services: {shop: {image: \"shop:${TAG}\"}}\n");
        write("/srv/shop/compose/prod.yml", "services: {shop: {restart: always}, db: {image: postgres:16}}\n");
        write("/srv/blog/docker-compose.yml", "services: {blog: {image: ghost}}\n");
        write("/srv/blog/prod.yml", "services: {blog: {restart: always}}\n");
        write("/srv/blog/.env", "COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=docker-compose.yml;prod.yml\n");

        ComposeProbe.Found f = probe(List.of()).probe(daemon(), List.of());
        assertThat(f.problems()).isEmpty();
        ComposeProject shop = f.projects().stream().filter(p -> p.name().equals("shop")).findFirst().orElseThrow();
        assertThat(shop.files()).containsExactly("/srv/shop/compose/base.yml", "/srv/shop/compose/prod.yml");
        assertThat(shop.services()).extracting(ComposeService::name).containsExactlyInAnyOrder("shop", "db");
        ComposeService s = shop.services().stream().filter(x -> x.name().equals("shop")).findFirst().orElseThrow();
        assertThat(s.image()).isEqualTo("shop:2.0");
        assertThat(s.restart()).isEqualTo("always");
        assertThat(shop.foundBy()).contains("COMPOSE_FILE");
        ComposeProject blog = f.projects().stream().filter(p -> p.name().equals("blog")).findFirst().orElseThrow();
        assertThat(blog.files()).containsExactly("/srv/blog/docker-compose.yml", "/srv/blog/prod.yml");
        assertThat(blog.services().get(0).restart()).isEqualTo("always");
    }

    @Test
    void shouldNotTakeAFileAnotherProjectIncludesForAProjectOfItsOwn() throws IOException {
        // up in db/ alone would start a second database on a new, empty volume: it must never look down
        write("/srv/app/compose.yaml", "include: [db/compose.yaml]\nservices: {web: {image: web, depends_on: [db]}}\n");
        write("/srv/app/db/compose.yaml", "services: {db: {image: postgres, volumes: [pg:/var/lib/postgresql/data]}}\n"
                + "volumes: {pg: {}}\n");

        ComposeProbe.Found f = probe(List.of()).probe(daemon(), List.of());
        assertThat(f.problems()).isEmpty();
        assertThat(f.projects()).extracting(ComposeProject::name).containsExactly("app");
        assertThat(f.projects().get(0).services()).extracting(ComposeService::name).containsExactlyInAnyOrder("web", "db");
    }

    @Test
    void shouldMarkMissingBindSources() throws IOException {
        write("/srv/gitlab/compose.yaml", GITLAB);
        ComposeProject p = probe(List.of()).probe(daemon(), List.of()).projects().get(0);
        assertThat(p.services().get(0).volumes()).filteredOn(VolumeMount::isBind)
                .singleElement().satisfies(v -> assertThat(v.isMissingBind()).isTrue());
    }

    @Test
    void shouldFindTheFileOfAVanishedProjectThroughTheLabelsOfContainersInAnOrphanedRoot() throws IOException {
        // not in a common place: only the labels of containers on the big disk lead to it
        write("/data/stacks/gitlab-main/docker-compose.yml", GITLAB);
        DiskContainer old = new DiskContainer("a".repeat(64), "gitlab-web-1", "gitlab/gitlab-ce", true, Map.of(
                ComposeLabels.PROJECT, "gitlab", ComposeLabels.SERVICE, "web",
                ComposeLabels.WORKING_DIR, "/data/stacks/gitlab-main",
                ComposeLabels.CONFIG_FILES, "/data/stacks/gitlab-main/docker-compose.yml"));
        DataRoot orphan = new DataRoot("/mnt/big/docker", false, 1, 1, 1, List.of("gitlab"), null, null, Map.of(),
                List.of(old));
        ComposeProbe.Found f = probe(List.of()).probe(daemon(), List.of(orphan));
        assertThat(f.projects()).singleElement().satisfies(p -> {
            assertThat(p.name()).as("the label's name, not the folder's").isEqualTo("gitlab");
            assertThat(p.workingDir()).isEqualTo("/data/stacks/gitlab-main");
            assertThat(p.foundBy()).contains("labels of container gitlab-web-1 in /mnt/big/docker");
            assertThat(p.services()).extracting(ComposeService::state).containsExactly(ServiceState.MISSING);
            assertThat(p.namedVolumes()).containsExactly("gitlab_data");
        });
    }

    @Test
    void shouldSayWhenLabelsNameAFileThatIsGoneAndStillKnowTheServices() {
        ContainerInfo web = container("gitlab_web_1", "gitlab", "web", "exited", "/mnt/big/gitlab", "docker-compose.yml");
        ComposeProbe.Found f = probe(List.of()).probe(daemon(web), List.of());
        assertThat(f.problems()).singleElement().satisfies(pr -> {
            assertThat(pr.file()).isEqualTo("/mnt/big/gitlab/docker-compose.yml");
            assertThat(pr.message()).contains("not on this host", "gitlab_web_1");
        });
        assertThat(f.projects()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("gitlab");
            assertThat(p.services()).extracting(ComposeService::name, ComposeService::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("web", ServiceState.STOPPED));
        });
    }

    @Test
    void shouldMatchContainersByLabelsWhateverTheirNamingScheme() throws IOException {
        write("/srv/app/compose.yaml", """
                services:
                  web: {image: x}
                  worker: {image: x}
                  db: {image: x}
                  debug: {image: x, profiles: [debug]}
                """);
        DaemonState d = daemon(
                container("app_web_1", "app", "web", "running", "/srv/app", "/srv/app/compose.yaml"),
                container("app-worker-1", "app", "worker", "exited", "/srv/app", "/srv/app/compose.yaml"),
                container("something-else", "other", "db", "running", "/srv/other", null));
        ComposeProject p = probe(List.of()).probe(d, List.of()).projects().stream()
                .filter(x -> x.name().equals("app")).findFirst().orElseThrow();
        assertThat(p.services()).extracting(ComposeService::name, ComposeService::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web", ServiceState.RUNNING),
                org.assertj.core.groups.Tuple.tuple("worker", ServiceState.STOPPED),
                org.assertj.core.groups.Tuple.tuple("db", ServiceState.MISSING),
                org.assertj.core.groups.Tuple.tuple("debug", ServiceState.INACTIVE));
    }

    @Test
    void shouldTakeConfiguredFilesAndFoldersAndSayWhenOneIsNotThere() throws IOException {
        write("/work/x/my-stack.yml", "services: {a: {image: x}}\n");
        write("/work/y/z/compose.yml", "services: {b: {image: y}}\n");
        ComposeProbe.Found f = new ComposeProbe(new HostFiles(hostRoot), Map.of(), List.of("/work/x/my-stack.yml", "/work/y",
                "/nowhere"), List.of(), V2, 3).probe(daemon(), List.of());
        assertThat(f.projects()).extracting(ComposeProject::name).containsExactlyInAnyOrder("x", "z");
        assertThat(f.projects()).allSatisfy(p -> assertThat(p.foundBy()).isEqualTo("DOCTOR_COMPOSE_PATHS"));
        assertThat(f.problems()).extracting(ComposeProblem::file).containsExactly("/nowhere");
    }

    @Test
    void shouldReportABadFileAndNeverDescendIntoADataRootOrHiddenFolder() throws IOException {
        write("/srv/broken/compose.yaml", "services:\n  web:\n\timage: x\n");
        write("/srv/docker/containers/x", "");
        write("/srv/docker/image/overlay2/repositories.json", "{}");
        write("/srv/docker/volumes/v/_data/compose.yaml", "services: {inside: {image: x}}\n");
        write("/srv/.hidden/compose.yaml", "services: {hidden: {image: x}}\n");
        ComposeProbe.Found f = probe(List.of()).probe(daemon(), List.of());
        assertThat(f.projects()).extracting(ComposeProject::name).doesNotContain("_data", "hidden");
        assertThat(f.problems()).singleElement().satisfies(pr -> {
            assertThat(pr.file()).isEqualTo("/srv/broken/compose.yaml");
            assertThat(pr.line()).isEqualTo(3);
        });
    }

    @Test
    void shouldNotLetTheBotsSecretsIntoInterpolation() throws IOException {
        write("/srv/app/compose.yaml", "services: {web: {image: \"x:${SLACK_BOT_TOKEN:-none}\"}}\n");
        ComposeProject p = new ComposeProbe(new HostFiles(hostRoot), Map.of("SLACK_BOT_TOKEN", "xoxb-secret"),
                List.of(), V2).probe(daemon(), List.of()).projects().get(0);
        assertThat(p.services().get(0).image()).isEqualTo("x:none");
    }

    @Test
    void shouldLeaveStatesUnknownWhenTheDaemonDoesNotAnswer() throws IOException {
        write("/srv/app/compose.yaml", "services: {web: {image: x}}\n");
        ComposeProject p = probe(List.of()).probe(DaemonState.unreachable("down"), List.of()).projects().get(0);
        assertThat(p.services().get(0).state()).isNull();
    }

    @Test
    void shouldReadTheLegacyFormatWhenTheHostHasComposeV1() throws IOException {
        write("/srv/gitlab/docker-compose.yml", "web:\n  image: gitlab/gitlab-ce\n");
        ComposeCommand v1 = new ComposeCommand(List.of("docker-compose"), ComposeParser.Dialect.V1, "test");
        ComposeProbe.Found f = new ComposeProbe(new HostFiles(hostRoot), Map.of(), List.of(), v1).probe(daemon(), List.of());
        assertThat(f.problems()).isEmpty();
        assertThat(f.projects().get(0).services()).extracting(ComposeService::name).containsExactly("web");
        ComposeProbe.Found v2 = probe(List.of()).probe(daemon(), List.of());
        assertThat(v2.problems()).singleElement().satisfies(pr -> assertThat(pr.message()).contains("version 1 format"));
    }
}
