package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.ComposeLabels;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.ContainerInfo;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.DiskContainer;
import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.parse.compose.ComposeParser;
import dev.dockerdoctor.parse.compose.ComposeParser.SourceFile;
import dev.dockerdoctor.parse.compose.DotEnv;
import dev.dockerdoctor.parse.compose.PosixPaths;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the compose projects of the host and holds them against the daemon. Projects come from three places:
 * {@code DOCTOR_COMPOSE_PATHS} (folders or files), common places ({@code /srv}, {@code /opt}, {@code /home/*},
 * {@code /root}, a few levels deep, never into a Docker data root or a hidden folder), and the compose labels
 * ({@code working_dir}, {@code config_files}) of containers, live or on disk in any data root: that is how the
 * compose file of a GitLab the daemon has forgotten is found. Files are read through {@link HostFiles} only.
 */
public final class ComposeProbe {
    /** Where compose projects usually live, looked at besides DOCTOR_COMPOSE_PATHS. */
    public static final List<String> COMMON_PLACES = List.of("/srv", "/opt", "/home/*", "/root");
    /** Compose v2's names, in its order of preference. */
    static final List<String> FILE_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");
    /** docker-compose v1 looks for its own names first. */
    static final List<String> FILE_NAMES_V1 = List.of("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml");
    private static final Set<String> SKIP = Set.of("proc", "sys", "dev", "run", "tmp", "lost+found", "node_modules",
            "vendor", "snap", "containers", "overlay2", "volumes", "image");
    private static final long MAX_FILE_BYTES = 2L << 20;
    private static final int MAX_DIRS_VISITED = 5_000;
    private static final int MAX_PROJECTS = 200;
    private static final Pattern SECRET_ENV = Pattern.compile("^(SLACK_|DOCTOR_).*");

    /** What was found: the projects (with service states when the daemon answers) and the files compose would refuse. */
    public record Found(List<ComposeProject> projects, List<ComposeProblem> problems) {
        public Found {
            projects = List.copyOf(projects);
            problems = List.copyOf(problems);
        }
    }

    private final HostFiles files;
    private final Map<String, String> env;
    private final List<String> configuredPaths;
    private final List<String> commonPlaces;
    private final ComposeCommand command;
    private final int maxDepth;

    /**
     * @param env             the environment compose would see (interpolation, HOME for {@code ~}, COMPOSE_PROFILES);
     *                        the bot's own SLACK_* and DOCTOR_* settings are dropped so no secret lands in a report
     * @param configuredPaths DOCTOR_COMPOSE_PATHS: folders (searched like the common places) or compose files
     * @param command         the host's compose, for the dialect it reads files in
     */
    public ComposeProbe(HostFiles files, Map<String, String> env, List<String> configuredPaths, ComposeCommand command) {
        this(files, env, configuredPaths, COMMON_PLACES, command, 3);
    }

    public ComposeProbe(HostFiles files, Map<String, String> env, List<String> configuredPaths, List<String> commonPlaces,
                        ComposeCommand command, int maxDepth) {
        this.files = files;
        Map<String, String> e = new HashMap<>();
        env.forEach((k, v) -> {
            if (!SECRET_ENV.matcher(k).matches()) e.put(k, v);
        });
        this.env = Map.copyOf(e);
        this.configuredPaths = List.copyOf(configuredPaths);
        this.commonPlaces = List.copyOf(commonPlaces);
        this.command = command;
        this.maxDepth = maxDepth;
    }

    /** One place a project was found, before it is parsed. */
    private static final class Candidate {
        final String mainFile;
        String workingDir;
        List<String> files;
        String name;
        final Set<String> foundBy = new LinkedHashSet<>();
        final Map<String, String> labelServices = new LinkedHashMap<>(); // service -> image, from containers

        Candidate(String mainFile, String workingDir, List<String> files) {
            this.mainFile = mainFile;
            this.workingDir = workingDir;
            this.files = files;
        }
    }

    public Found probe(DaemonState daemon, List<DataRoot> roots) {
        Map<String, Candidate> byMain = new LinkedHashMap<>();
        List<ComposeProblem> problems = new ArrayList<>();
        Set<String> rootPaths = new LinkedHashSet<>();
        roots.forEach(r -> rootPaths.add(PosixPaths.normalize(r.path())));
        if (daemon.reachable() && daemon.dockerRootDir() != null) rootPaths.add(PosixPaths.normalize(daemon.dockerRootDir()));

        fromLabels(daemon, roots, byMain, problems);
        for (String p : configuredPaths) {
            String path = PosixPaths.normalize(p.strip());
            if (path == null || path.isEmpty()) continue;
            if (files.exists(path) && !files.isDirectory(path)) {
                add(byMain, PosixPaths.parent(path), path, "DOCTOR_COMPOSE_PATHS");
            } else if (files.isDirectory(path)) {
                search(path, 0, byMain, rootPaths, "DOCTOR_COMPOSE_PATHS", new int[]{MAX_DIRS_VISITED});
            } else {
                problems.add(new ComposeProblem(path, null, "named in DOCTOR_COMPOSE_PATHS but not found"));
            }
        }
        int[] budget = {MAX_DIRS_VISITED};
        for (String place : commonPlaces) {
            for (String dir : expand(place)) search(dir, 0, byMain, rootPaths, "search of " + place, budget);
        }

        ComposeParser parser = new ComposeParser();
        Map<Candidate, ComposeParser.Result> parsed = new LinkedHashMap<>();
        Set<String> included = new LinkedHashSet<>();
        for (Candidate c : byMain.values()) {
            if (parsed.size() >= MAX_PROJECTS) break;
            ComposeParser.Result r = c.files.isEmpty() ? null : parser.parse(new ComposeParser.Request(c.workingDir,
                    c.files, env, this::read, command.dialect(), c.name));
            parsed.put(c, r);
            if (r != null) included.addAll(r.includedFiles());
        }
        List<ComposeProject> projects = new ArrayList<>();
        parsed.forEach((c, r) -> {
            // a file another project includes is part of that project: up on its own it would start a second copy
            // of its services (a new, empty database volume), so it is no project, unless containers say it ran so
            if (included.contains(c.mainFile) && !foundByLabels(c)) return;
            ComposeProject p;
            if (r == null) {
                p = skeleton(c);
            } else {
                problems.addAll(r.problems());
                if (r.project() == null) return;
                p = withBindSourcesChecked(r.project());
            }
            projects.add(ComposeStates.apply(p.withFoundBy(String.join("; ", c.foundBy)), daemon));
        });
        return new Found(projects, problems);
    }

    private static boolean foundByLabels(Candidate c) {
        return c.foundBy.stream().anyMatch(how -> how.startsWith("labels of"));
    }

    // ---- labels of containers, live and on disk ----

    private void fromLabels(DaemonState daemon, List<DataRoot> roots, Map<String, Candidate> byMain,
                            List<ComposeProblem> problems) {
        Map<String, List<Labelled>> groups = new LinkedHashMap<>();
        for (ContainerInfo c : daemon.containerList()) {
            if (c.composeProject() != null) {
                groups.computeIfAbsent(groupKey(c.labels()), k -> new ArrayList<>())
                        .add(new Labelled(c.name(), c.image(), c.labels(), "labels of container " + c.name() + " (on the daemon)"));
            }
        }
        for (DataRoot r : roots) {
            if (r.active() && daemon.reachable()) continue; // the daemon already told us about these
            for (DiskContainer c : r.containerRecords()) {
                if (c.composeProject() != null) {
                    groups.computeIfAbsent(groupKey(c.labels()), k -> new ArrayList<>())
                            .add(new Labelled(c.name(), c.image(), c.labels(), "labels of container " + c.name() + " in " + r.path()));
                }
            }
        }
        for (List<Labelled> group : groups.values()) {
            Labelled first = group.get(0);
            String project = first.labels.get(ComposeLabels.PROJECT);
            String wd = first.labels.get(ComposeLabels.WORKING_DIR);
            List<String> named = new ArrayList<>();
            String cf = first.labels.get(ComposeLabels.CONFIG_FILES);
            if (cf != null) {
                for (String f : cf.split(",")) {
                    if (f.isBlank()) continue;
                    named.add(wd == null ? PosixPaths.normalize(f.strip()) : PosixPaths.resolve(wd, f.strip()));
                }
            }
            if (named.isEmpty() && wd != null) {
                String main = mainFileIn(wd);
                if (main != null) named.add(main);
            }
            if (wd == null && named.isEmpty()) continue;
            String dir = wd != null ? PosixPaths.normalize(wd) : PosixPaths.parent(named.get(0));
            List<String> present = named.stream().filter(f -> files.exists(f) && !files.isDirectory(f)).toList();
            Candidate c;
            if (present.isEmpty() || !present.get(0).equals(named.get(0))) {
                String missing = named.isEmpty() ? dir + "/" + FILE_NAMES.get(0) : named.get(0);
                problems.add(new ComposeProblem(missing, null, "compose file of project " + project + ", named by the "
                        + first.how + ", is not on this host (on a disk that is not mounted? deleted?)"));
                c = new Candidate(missing, dir, List.of());
                byMain.putIfAbsent(key(c), c);
                c = byMain.get(key(c));
                for (Labelled l : group) {
                    String svc = l.labels.get(ComposeLabels.SERVICE);
                    if (svc != null) c.labelServices.putIfAbsent(svc, l.image);
                }
            } else {
                c = add(byMain, dir, present, first.how);
            }
            c.name = project;
            c.workingDir = dir;
            c.foundBy.add(first.how);
        }
    }

    private record Labelled(String name, String image, Map<String, String> labels, String how) {
    }

    private static String groupKey(Map<String, String> labels) {
        return labels.get(ComposeLabels.PROJECT) + "\n" + labels.getOrDefault(ComposeLabels.WORKING_DIR, "")
                + "\n" + labels.getOrDefault(ComposeLabels.CONFIG_FILES, "");
    }

    /** A project known only from its containers' labels: its services and images, no file to run. */
    private ComposeProject skeleton(Candidate c) {
        List<ComposeService> services = new ArrayList<>();
        c.labelServices.forEach((svc, image) -> services.add(new ComposeService(svc, image, null, List.of(), List.of(),
                List.of(), null)));
        return new ComposeProject(c.name, c.workingDir, List.of(c.mainFile), services, List.of(), List.of(), List.of(),
                List.of(), null, List.of("the compose file is missing: what is shown comes from the containers' labels"));
    }

    // ---- searching folders ----

    private Candidate add(Map<String, Candidate> byMain, String dir, String mainFile, String how) {
        return add(byMain, dir, withOverride(mainFile), how);
    }

    private Candidate add(Map<String, Candidate> byMain, String dir, List<String> fileList, String how) {
        Candidate c = new Candidate(PosixPaths.normalize(fileList.get(0)), PosixPaths.normalize(dir), fileList);
        Candidate existing = byMain.putIfAbsent(key(c), c);
        Candidate kept = existing == null ? c : existing;
        kept.foundBy.add(how);
        return kept;
    }

    private static String key(Candidate c) {
        return c.mainFile;
    }

    /** The main file and, when there is one, its override ({@code compose.override.yaml} beside {@code compose.yaml}). */
    private List<String> withOverride(String mainFile) {
        String dir = PosixPaths.parent(mainFile);
        String name = PosixPaths.fileName(mainFile);
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        List<String> out = new ArrayList<>();
        out.add(mainFile);
        if (!stem.equals("compose") && !stem.equals("docker-compose")) return out;
        for (String ext : List.of(".yaml", ".yml")) {
            String o = dir + "/" + stem + ".override" + ext;
            if (files.exists(o) && !files.isDirectory(o)) {
                out.add(o);
                break;
            }
        }
        return out;
    }

    /**
     * The files COMPOSE_FILE names in the folder's .env, as `docker compose` run there would take them (separated by
     * COMPOSE_PATH_SEPARATOR, ':' by default, relative to the folder); empty when the .env names none. The bot's own
     * environment is not asked: it was not set for any one project.
     */
    private List<String> composeFileFromDotEnv(String dir) {
        String path = PosixPaths.resolve(dir, ".env");
        if (!files.exists(path) || files.isDirectory(path)) return List.of();
        HostFiles.TextFile t = files.readTextAsOwnerOf(path, dir, MAX_FILE_BYTES);
        if (!t.ok()) return List.of(); // the parser says what is wrong with it when it reads the project
        Map<String, String> vars = DotEnv.parse(t.text(), env).vars();
        String listed = vars.get("COMPOSE_FILE");
        if (listed == null || listed.isBlank()) return List.of();
        String separator = vars.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
        List<String> out = new ArrayList<>();
        for (String f : listed.split(java.util.regex.Pattern.quote(separator.isEmpty() ? ":" : separator))) {
            if (!f.isBlank()) out.add(PosixPaths.resolve(dir, f.strip()));
        }
        return out;
    }

    private String mainFileIn(String dir) {
        List<String> names = command.dialect() == ComposeParser.Dialect.V1 ? FILE_NAMES_V1 : FILE_NAMES;
        for (String n : names) {
            String p = PosixPaths.resolve(dir, n);
            if (files.exists(p) && !files.isDirectory(p)) return p;
        }
        return null;
    }

    private void search(String dir, int depth, Map<String, Candidate> byMain, Set<String> rootPaths, String how,
                        int[] budget) {
        if (budget[0]-- <= 0 || byMain.size() >= MAX_PROJECTS) return;
        if (rootPaths.contains(PosixPaths.normalize(dir))) return;
        Path real = files.resolve(dir);
        if (DataRootScanner.isDataRoot(real)) return;
        List<String> listed = composeFileFromDotEnv(dir);
        String main = listed.isEmpty() ? mainFileIn(dir) : null;
        if (!listed.isEmpty()) add(byMain, dir, listed, how + " (COMPOSE_FILE in its .env)");
        else if (main != null) add(byMain, dir, main, how);
        if (depth >= maxDepth) return;
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(real)) {
            for (Path c : ds) {
                String name = c.getFileName().toString();
                if (name.startsWith(".") || SKIP.contains(name) || !Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) continue;
                children.add(files.hostPath(c));
            }
        } catch (IOException | RuntimeException e) {
            return; // unreadable: nothing to find there
        }
        children.sort(null);
        for (String c : children) search(c, depth + 1, byMain, rootPaths, how, budget);
    }

    /** {@code /home/*} to the folders in /home; other places as they are, when they exist. */
    private List<String> expand(String place) {
        String p = PosixPaths.normalize(place);
        if (!p.endsWith("/*")) return files.isDirectory(p) ? List.of(p) : List.of();
        List<String> out = new ArrayList<>();
        for (String e : files.list(PosixPaths.parent(p))) {
            if (files.isDirectory(e) && !PosixPaths.fileName(e).startsWith(".")) out.add(e);
        }
        return out;
    }

    // ---- reading and checking files ----

    /** A project's file, as the owner of its folder could read it (any local user may have put it there). */
    private SourceFile read(String hostPath) {
        HostFiles.TextFile t = files.readTextAsOwnerOf(hostPath, PosixPaths.parent(hostPath), MAX_FILE_BYTES);
        if (!t.present()) return SourceFile.absent();
        if (t.text() == null) return SourceFile.unreadable(t.problem());
        return SourceFile.of(t.text());
    }

    /** Marks each bind mount whose source is not on the host: compose up would make it an empty folder. */
    private ComposeProject withBindSourcesChecked(ComposeProject p) {
        List<ComposeService> out = new ArrayList<>();
        for (ComposeService s : p.services()) {
            List<VolumeMount> vols = new ArrayList<>();
            for (VolumeMount v : s.volumes()) {
                vols.add(v.isBind() && v.source() != null && v.source().startsWith("/")
                        ? v.withSourceExists(files.exists(v.source())) : v);
            }
            out.add(s.withVolumes(vols));
        }
        return p.withServices(out);
    }
}
