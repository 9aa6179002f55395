package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.VolumeMount;
import dev.dockerdoctor.parse.compose.YNode.YMap;
import dev.dockerdoctor.parse.compose.YNode.YScalar;
import dev.dockerdoctor.parse.compose.YNode.YSeq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The last stage of a parse: the merged tree of every file (includes, extends and resets done) checked across the
 * whole project as compose checks it, then read into the {@link ComposeProject} model. Pure; problems and warnings
 * go to the lists of the parse it belongs to.
 */
final class ProjectModel {
    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final String ENV_PROJECT_NAME = "COMPOSE_PROJECT_NAME";
    private static final String ENV_PROFILES = "COMPOSE_PROFILES";

    private final String workingDir;
    private final List<String> files;
    private final String requestedName;
    private final Map<String, String> vars;
    private final boolean legacy;
    private final boolean checkReferences;
    private final List<ComposeProblem> problems;
    private final List<String> warnings;

    ProjectModel(String workingDir, List<String> files, String requestedName, Map<String, String> vars, boolean legacy,
                 boolean checkReferences, List<ComposeProblem> problems, List<String> warnings) {
        this.workingDir = workingDir;
        this.files = files;
        this.requestedName = requestedName;
        this.vars = vars;
        this.legacy = legacy;
        this.checkReferences = checkReferences;
        this.problems = problems;
        this.warnings = warnings;
    }

    /** The checks compose makes across the whole project, before it runs anything. */
    void check(YMap top, String main) {
        if (!(top.get("services") instanceof YMap services)) return;
        Map<String, List<String>> deps = new LinkedHashMap<>();
        Set<String> volumes = keys(top.get("volumes"));
        Set<String> networks = keys(top.get("networks"));
        services.entries().forEach((name, node) -> {
            YMap svc = node instanceof YMap m ? m : null;
            deps.put(name, svc == null ? List.of() : dependsOn(svc).keySet().stream().toList());
            if (svc == null) return;
            checkService(name, svc, main);
            if (!checkReferences) return;
            if (!svc.has("image") && !svc.has("build")) {
                problems.add(new ComposeProblem(main, lineOf(node), "service \"" + name
                        + "\" has neither an image nor a build context specified"));
            }
            if (svc.has("network_mode") && svc.has("networks")) {
                problems.add(new ComposeProblem(main, lineOf(svc.get("networks")), "service " + name
                        + " declares mutually exclusive `network_mode` and `networks`"));
            }
            dependsOn(svc).forEach((dep, opts) -> {
                boolean optional = opts instanceof YMap om && "false".equalsIgnoreCase(YNode.text(om.get("required")));
                if (!services.has(dep) && !optional) {
                    problems.add(new ComposeProblem(main, lineOf(svc.get("depends_on")), "service \"" + name
                            + "\" depends on undefined service \"" + dep + "\""));
                }
            });
            if (legacy) return;
            if (svc.get("volumes") instanceof YSeq vols) {
                for (YNode v : vols.items()) {
                    VolumeSpecs.Parsed p = volume(v, workingDir, "/");
                    if (p.mount() != null && p.mount().isNamed() && !volumes.contains(p.mount().source())) {
                        problems.add(new ComposeProblem(main, lineOf(v), "service \"" + name + "\" refers to undefined volume "
                                + p.mount().source()));
                    }
                }
            }
            for (String net : serviceNetworks(svc)) {
                if (!net.equals("default") && !networks.contains(net)) {
                    problems.add(new ComposeProblem(main, lineOf(svc.get("networks")), "service \"" + name
                            + "\" refers to undefined network " + net));
                }
            }
        });
        DependencyOrder.findCycle(deps).ifPresent(c -> problems.add(new ComposeProblem(main,
                lineOf(services.get(c.get(0))), "dependency cycle detected: " + String.join(" -> ", c))));
    }

    /**
     * What compose refuses in one service once the files are merged and interpolated: a volume or port it cannot
     * read, a value that must be a number or a boolean and is not (an unset variable gives "").
     */
    private void checkService(String name, YMap svc, String main) {
        if (svc.get("volumes") instanceof YSeq vols) {
            for (YNode v : vols.items()) {
                VolumeSpecs.Parsed p = volume(v, workingDir, "/");
                if (p.mount() == null) problems.add(new ComposeProblem(main, lineOf(v), "service \"" + name + "\": " + p.warning()));
            }
        }
        if (svc.get("ports") instanceof YSeq ports) {
            for (YNode p : ports.items()) {
                if (!(p instanceof YScalar sc) || sc.isNull()) continue;
                PortSpecs.problem(sc.text()).ifPresent(why -> problems.add(new ComposeProblem(main, lineOf(p),
                        "service \"" + name + "\": " + why)));
            }
        }
        TYPED.forEach((path, type) -> {
            YNode v = svc;
            for (String k : path.split("\\.")) v = v instanceof YMap m ? m.get(k) : null;
            if (v instanceof YScalar sc && sc.kind() == YNode.Kind.STR && !type.test(sc.text().strip())) {
                problems.add(new ComposeProblem(main, lineOf(v), "services." + name + "." + path + " must be "
                        + (type == IS_INT ? "an integer" : "a boolean") + ", not \"" + sc.text() + "\""));
            }
        });
    }

    private static final Predicate<String> IS_INT = t -> t.matches("[+-]?[0-9]+");
    private static final Predicate<String> IS_BOOL =
            t -> t.matches("(?i)true|false|yes|no|on|off|y|n|1|0");
    /** The service fields compose casts after interpolation (compose-go's interpolation types), by dotted path. */
    private static final Map<String, Predicate<String>> TYPED = Map.ofEntries(
            Map.entry("healthcheck.retries", IS_INT), Map.entry("healthcheck.disable", IS_BOOL),
            Map.entry("deploy.replicas", IS_INT), Map.entry("deploy.restart_policy.max_attempts", IS_INT),
            Map.entry("scale", IS_INT), Map.entry("pids_limit", IS_INT), Map.entry("oom_score_adj", IS_INT),
            Map.entry("cpu_shares", IS_INT), Map.entry("init", IS_BOOL), Map.entry("privileged", IS_BOOL),
            Map.entry("read_only", IS_BOOL), Map.entry("stdin_open", IS_BOOL), Map.entry("tty", IS_BOOL),
            Map.entry("oom_kill_disable", IS_BOOL));

    /** The project as compose would run it. */
    ComposeProject build(YMap top, String main) {
        String name = projectName(top, main);
        String home = vars.getOrDefault("HOME", "/root");
        YMap services = top.get("services") instanceof YMap m ? m : new YMap(Map.of(), null, 0);
        Map<String, YMap> volumeDefs = defs(top.get("volumes"));
        Map<String, YMap> networkDefs = defs(top.get("networks"));

        List<ComposeService> out = new ArrayList<>();
        Set<String> usedVolumes = new LinkedHashSet<>();
        Set<String> usedNetworks = new LinkedHashSet<>();
        for (Map.Entry<String, YNode> e : services.entries().entrySet()) {
            YMap svc = e.getValue() instanceof YMap m ? m : new YMap(Map.of(), null, e.getValue().line());
            List<VolumeMount> mounts = new ArrayList<>();
            if (svc.get("volumes") instanceof YSeq vols) {
                for (YNode v : vols.items()) {
                    VolumeSpecs.Parsed p = volume(v, workingDir, home);
                    if (p.mount() == null) continue; // check() has refused it
                    mounts.add(p.mount());
                    if (p.mount().isNamed()) usedVolumes.add(p.mount().source());
                }
            }
            List<String> nets = serviceNetworks(svc);
            if (nets.isEmpty() && !svc.has("network_mode")) nets = List.of("default");
            usedNetworks.addAll(nets);
            Map<String, YNode> deps = dependsOn(svc);
            List<String> completed = new ArrayList<>();
            deps.forEach((d, opts) -> {
                if (opts instanceof YMap om && "service_completed_successfully".equals(YNode.text(om.get("condition")))) completed.add(d);
            });
            out.add(new ComposeService(e.getKey(), YNode.text(svc.get("image")), YNode.text(svc.get("container_name")),
                    strings(svc.get("profiles")), new ArrayList<>(deps.keySet()), mounts, null,
                    YNode.text(svc.get("restart")), ports(svc.get("ports")), nets, completed));
        }

        List<String> named = new ArrayList<>();
        List<String> external = new ArrayList<>();
        for (String v : usedVolumes) {
            YMap def = volumeDefs.get(v);
            if (legacy || def == null) {
                if (legacy) named.add(v);
                continue;
            }
            (isExternal(def) ? external : named).add(daemonName(name, v, def));
        }
        List<String> networks = new ArrayList<>();
        if (!legacy) {
            for (String n : usedNetworks) {
                YMap def = networkDefs.get(n);
                if (def == null && !n.equals("default")) continue;
                if (def != null && isExternal(def)) continue;
                networks.add(daemonName(name, n, def));
            }
        }
        List<String> profiles = new ArrayList<>();
        String active = vars.get(ENV_PROFILES);
        if (active != null) {
            for (String p : active.split(",")) if (!p.isBlank()) profiles.add(p.strip());
        }
        return new ComposeProject(name, workingDir, files, out, named, external, networks, profiles,
                null, warnings);
    }

    private String projectName(YMap top, String main) {
        if (requestedName != null && !requestedName.isBlank()) return requestedName;
        String fromEnv = vars.get(ENV_PROJECT_NAME);
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
        String declared = YNode.text(top.get("name"));
        if (declared != null) declared = declared.toLowerCase(Locale.ROOT); // compose runs MyProject as myproject
        if (declared != null && !declared.isBlank()) {
            if (!PROJECT_NAME.matcher(declared).matches()) {
                problems.add(new ComposeProblem(main, lineOf(top.get("name")), "invalid project name \"" + declared
                        + "\": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well"
                        + " as start with a letter or number"));
                return normalizeProjectName(declared);
            }
            return declared;
        }
        String folder = normalizeProjectName(PosixPaths.fileName(workingDir));
        if (folder.isEmpty()) {
            problems.add(new ComposeProblem(main, null, "project name must not be empty (the folder name has no usable"
                    + " character): set name: in the file"));
            return "default";
        }
        return folder;
    }

    /** Compose's normalisation of a folder name into a project name (lower case, [a-z0-9_-], no leading - or _). */
    static String normalizeProjectName(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') b.append(c);
        }
        int i = 0;
        while (i < b.length() && (b.charAt(i) == '_' || b.charAt(i) == '-')) i++;
        return b.substring(i);
    }

    static VolumeSpecs.Parsed volume(YNode v, String baseDir, String home) {
        if (v instanceof YScalar s && !s.isNull()) return VolumeSpecs.shortSyntax(s.text(), baseDir, home);
        if (v instanceof YMap m) return VolumeSpecs.longSyntax(m, baseDir, home);
        return VolumeSpecs.Parsed.bad("volume entry is neither a string nor a mapping");
    }

    /**
     * depends_on in either form, as dependency name to its options (null in the list form), then the dependencies
     * compose v2 adds on its own: services named by {@code links}, {@code volumes_from} and a {@code service:}
     * network_mode, ipc or pid (it starts them first and refuses the file when they are not defined).
     */
    static Map<String, YNode> dependsOn(YMap svc) {
        Map<String, YNode> out = new LinkedHashMap<>();
        YNode d = svc.get("depends_on");
        if (d instanceof YSeq s) {
            for (YNode i : s.items()) if (YNode.text(i) != null) out.put(YNode.text(i), null);
        } else if (d instanceof YMap m) {
            out.putAll(m.entries());
        }
        for (String link : strings(svc.get("links"))) out.putIfAbsent(link.split(":", 2)[0], null);
        for (String from : strings(svc.get("volumes_from"))) {
            if (!from.startsWith("container:")) out.putIfAbsent(from.split(":", 2)[0], null);
        }
        for (String key : List.of("network_mode", "ipc", "pid")) {
            String v = YNode.text(svc.get(key));
            if (v != null && v.startsWith("service:") && v.length() > 8) out.putIfAbsent(v.substring(8), null);
        }
        return out;
    }

    static List<String> serviceNetworks(YMap svc) {
        YNode n = svc.get("networks");
        if (n instanceof YSeq s) return strings(s);
        if (n instanceof YMap m) return new ArrayList<>(m.entries().keySet());
        return new ArrayList<>();
    }

    static List<String> strings(YNode n) {
        List<String> out = new ArrayList<>();
        if (n instanceof YSeq s) for (YNode i : s.items()) if (YNode.text(i) != null) out.add(YNode.text(i));
        return out;
    }

    static List<String> ports(YNode n) {
        List<String> out = new ArrayList<>();
        if (!(n instanceof YSeq s)) return out;
        for (YNode p : s.items()) {
            if (p instanceof YScalar sc && !sc.isNull()) {
                out.add(sc.text());
            } else if (p instanceof YMap m) {
                String target = YNode.text(m.get("target"));
                String published = YNode.text(m.get("published"));
                String hostIp = YNode.text(m.get("host_ip"));
                String proto = YNode.text(m.get("protocol"));
                StringBuilder b = new StringBuilder();
                if (hostIp != null) b.append(hostIp).append(':');
                if (published != null) b.append(published).append(':');
                b.append(target == null ? "?" : target);
                if (proto != null) b.append('/').append(proto);
                out.add(b.toString());
            }
        }
        return out;
    }

    static Set<String> keys(YNode n) {
        return n instanceof YMap m ? m.entries().keySet() : Set.of();
    }

    static Map<String, YMap> defs(YNode n) {
        Map<String, YMap> out = new LinkedHashMap<>();
        if (n instanceof YMap m) m.entries().forEach((k, v) -> out.put(k, v instanceof YMap d ? d : new YMap(Map.of(), null, v.line())));
        return out;
    }

    static boolean isExternal(YMap def) {
        YNode ext = def.get("external");
        return ext instanceof YMap || "true".equalsIgnoreCase(YNode.text(ext));
    }

    /** How the daemon names a volume or network: name: when given, the external name, else project_key. */
    static String daemonName(String project, String key, YMap def) {
        if (def != null) {
            String explicit = YNode.text(def.get("name"));
            if (explicit != null && !explicit.isBlank()) return explicit;
            if (def.get("external") instanceof YMap ext && YNode.text(ext.get("name")) != null) return YNode.text(ext.get("name"));
            if (isExternal(def)) return key;
        }
        return project + "_" + key;
    }

    static Integer lineOf(YNode n) {
        return n == null || n.line() == 0 ? null : n.line();
    }
}
