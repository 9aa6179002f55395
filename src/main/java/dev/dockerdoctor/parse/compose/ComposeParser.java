package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.parse.compose.YNode.YMap;
import dev.dockerdoctor.parse.compose.YNode.YScalar;
import dev.dockerdoctor.parse.compose.YNode.YSeq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a compose project the way docker compose does: the files ({@code -f} list: main file then overrides), the
 * project's {@code .env}, interpolation, YAML merge keys, {@code include}, {@code extends}, {@code !reset} and
 * {@code !override}; then the checks compose makes before running anything. Pure: every file comes through the
 * {@link SourceReader} the caller gives, and bad input comes back as {@link ComposeProblem}s, never as an exception.
 */
public final class ComposeParser {

    /** Which compose reads the files: v2 ({@code docker compose}) or v1 ({@code docker-compose} 1.x). */
    public enum Dialect {
        /** The Compose Specification: services under {@code services:}. */
        V2,
        /** docker-compose 1.x, which still reads the version 1 format (services at the top level). */
        V1
    }

    /** What a caller found when it looked for a file. */
    public record SourceFile(boolean present, String text, String problem) {
        public static SourceFile absent() { return new SourceFile(false, null, null); }

        public static SourceFile of(String text) { return new SourceFile(true, text, null); }

        public static SourceFile unreadable(String why) { return new SourceFile(true, null, why); }
    }

    /** The parser's only window on files (host paths in, text out). */
    @FunctionalInterface
    public interface SourceReader {
        SourceFile read(String hostPath);

        static SourceReader none() { return p -> SourceFile.absent(); }
    }

    /**
     * @param workingDir  the project folder (host path): relative paths and {@code .env} are taken from here
     * @param files       the compose files (host paths), main file first, overrides after
     * @param environment variables of the environment; they win over the project's {@code .env}
     * @param projectName the name the project runs under when known (from the containers' labels), else null
     * @param checkReferences whether to refuse what compose refuses across the file: a dependency, volume or network
     *                    that is not defined, a dependency cycle (compose-go's tests turn the first three off)
     */
    public record Request(String workingDir, List<String> files, Map<String, String> environment,
                          SourceReader reader, Dialect dialect, String projectName, boolean checkReferences) {
        public Request {
            files = List.copyOf(files);
            environment = environment == null ? Map.of() : environment;
            reader = reader == null ? SourceReader.none() : reader;
            dialect = dialect == null ? Dialect.V2 : dialect;
        }

        public Request(String workingDir, List<String> files, Map<String, String> environment, SourceReader reader,
                       Dialect dialect, String projectName) {
            this(workingDir, files, environment, reader, dialect, projectName, true);
        }

        public Request withoutReferenceChecks() {
            return new Request(workingDir, files, environment, reader, dialect, projectName, false);
        }
    }

    /**
     * The outcome. {@code project} is null only when no file could be read as a compose file; it can be set while
     * {@code problems} is not empty (compose would refuse the files, yet what they declare is still known).
     * {@code warnings} never stop compose (unset variables, an unreadable .env); a missing file named by include or
     * extends is a problem, as compose v2 refuses it. {@code includedFiles} are the files pulled in by {@code include:}
     * (host paths): each of them is part of this project, not one of its own.
     */
    public record Result(ComposeProject project, List<ComposeProblem> problems, List<String> warnings,
                         boolean legacyFormat, List<String> includedFiles) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            includedFiles = includedFiles == null ? List.of() : List.copyOf(includedFiles);
        }

        public Result(ComposeProject project, List<ComposeProblem> problems, List<String> warnings, boolean legacyFormat) {
            this(project, problems, warnings, legacyFormat, List.of());
        }

        /** Compose would run these files. */
        public boolean valid() { return project != null && problems.isEmpty(); }
    }

    private static final int MAX_FILES = 64;
    private static final String PROJECT_NAME_VARIABLE = "COMPOSE_PROJECT_NAME";
    private static final int MAX_INCLUDE_DEPTH = 10;
    private static final int MAX_EXTENDS_DEPTH = 20;

    private final YamlReader yaml;

    public ComposeParser() {
        this(YamlReader.Limits.defaults());
    }

    public ComposeParser(YamlReader.Limits limits) {
        this.yaml = new YamlReader(limits);
    }

    /** One file given as text, no other files (for tests and quick checks). */
    public Result parseText(String path, String text, Map<String, String> environment, Dialect dialect) {
        String dir = PosixPaths.parent(path);
        SourceReader reader = p -> PosixPaths.normalize(p).equals(PosixPaths.normalize(path)) ? SourceFile.of(text) : SourceFile.absent();
        return parse(new Request(dir, List.of(path), environment, reader, dialect, null));
    }

    public Result parse(Request req) {
        Run run = new Run(req);
        try {
            return run.go();
        } catch (RuntimeException | StackOverflowError e) {
            // a last line of defence: whatever went wrong is a problem with the file, never a crash of the caller
            String file = req.files().isEmpty() ? req.workingDir() : req.files().get(0);
            run.problems.add(new ComposeProblem(file, null, "could not be read (" + e.getClass().getSimpleName() + ")"));
            return new Result(null, run.problems, run.warnings, false);
        }
    }

    /** Compose's normalisation of a folder name into a project name (lower case, [a-z0-9_-], no leading - or _). */
    public static String normalizeProjectName(String s) {
        return ProjectModel.normalizeProjectName(s);
    }

    /** One parse: its variables, the files it read, what it found wrong. */
    private final class Run {
        final Request req;
        final List<ComposeProblem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Map<String, String> vars = new HashMap<>();
        final Set<String> unset = new LinkedHashSet<>();
        final Map<String, Optional<YMap>> otherFiles = new HashMap<>();
        final Map<String, SourceFile> reads = new HashMap<>();
        final List<String> included = new ArrayList<>();
        int filesRead;
        boolean legacy;

        Run(Request req) {
            this.req = req;
        }

        Result go() {
            loadDotEnv(req.workingDir(), req.environment());
            // compose v2 sets COMPOSE_PROJECT_NAME to the project's name for the files' own ${...}
            boolean impliedName = !vars.containsKey(PROJECT_NAME_VARIABLE);
            if (impliedName) vars.put(PROJECT_NAME_VARIABLE, presetProjectName());
            YMap merged = null;
            for (String file : req.files()) {
                Optional<YMap> tree = loadFile(PosixPaths.normalize(file), new ArrayDeque<>(), true);
                if (tree.isEmpty()) continue;
                merged = merged == null ? tree.get() : ComposeMerge.mergeTop(merged, tree.get());
            }
            for (String v : unset) warnings.add("variable " + v + " is not set: a blank string is used");
            if (merged == null) return new Result(null, problems, warnings, legacy);
            if (impliedName) vars.remove(PROJECT_NAME_VARIABLE); // the model names the project by its own rules
            merged = (YMap) ComposeMerge.dropResets(merged);
            String main = req.files().isEmpty() ? req.workingDir() : req.files().get(0);
            ProjectModel model = new ProjectModel(req.workingDir(), req.files(), req.projectName(), vars, legacy,
                    req.checkReferences(), problems, warnings);
            model.check(merged, main);
            return new Result(model.build(merged, main), problems, warnings, legacy, included);
        }

        /** The name before interpolation: asked for, else the main file's name: (lower case), else the folder's. */
        private String presetProjectName() {
            if (req.projectName() != null && !req.projectName().isBlank()) return req.projectName();
            if (!req.files().isEmpty()) {
                SourceFile f = read(PosixPaths.normalize(req.files().get(0)));
                if (f.present() && f.text() != null) {
                    try {
                        List<YNode> docs = yaml.read(f.text());
                        if (!docs.isEmpty() && docs.get(0) instanceof YMap m && YNode.text(m.get("name")) != null) {
                            String declared = new Interpolator(vars).apply(YNode.text(m.get("name")));
                            if (!declared.isBlank()) return declared.toLowerCase(java.util.Locale.ROOT);
                        }
                    } catch (YamlReader.Problem | Interpolator.Failure e) {
                        // loading the file says what is wrong with it
                    }
                }
            }
            return ProjectModel.normalizeProjectName(PosixPaths.fileName(req.workingDir()));
        }

        private SourceFile read(String path) {
            return reads.computeIfAbsent(path, p -> req.reader().read(p));
        }

        private void loadDotEnv(String dir, Map<String, String> env) {
            String path = PosixPaths.resolve(dir, ".env");
            SourceFile f = req.reader().read(path);
            Map<String, String> fromFile = Map.of();
            if (f.present() && f.text() == null) {
                warnings.add(path + " " + f.problem());
            } else if (f.present()) {
                DotEnv.Result r = DotEnv.parse(f.text(), env);
                if (r.problem() != null) problems.add(new ComposeProblem(path, r.problemLine(), r.problem()));
                fromFile = r.vars();
            }
            vars.putAll(fromFile);
            vars.putAll(env);
        }

        /** A file read, interpolated, checked, with its includes and extends resolved; empty when unusable. */
        private Optional<YMap> loadFile(String path, Deque<String> includeChain, boolean isProjectFile) {
            if (++filesRead > MAX_FILES) {
                problems.add(new ComposeProblem(path, null, "more than " + MAX_FILES + " files through include and extends"));
                return Optional.empty();
            }
            SourceFile f = read(path);
            if (!f.present()) {
                problems.add(new ComposeProblem(path, null, "file not found"));
                return Optional.empty();
            }
            if (f.text() == null) {
                problems.add(new ComposeProblem(path, null, f.problem()));
                return Optional.empty();
            }
            Optional<YMap> top = readTop(path, f.text());
            if (top.isEmpty()) return top;
            YMap tree = top.get();
            String dir = PosixPaths.parent(path);

            YMap legacyServices = null;
            if (isLegacy(tree)) {
                legacy = true;
                legacyServices = servicesOfLegacy(tree);
                if (req.dialect() == Dialect.V2) {
                    String first = tree.entries().keySet().stream().filter(k -> !k.startsWith("x-")).findFirst().orElse("?");
                    problems.add(new ComposeProblem(path, tree.get(first).line(), "(root) additional properties '" + first
                            + "' not allowed: this is the version 1 format (services at the top level), which docker compose v2"
                            + " refuses; put the services under a top-level services: key (docker-compose v1 still reads it)"));
                }
                Map<String, YNode> t = new LinkedHashMap<>();
                t.put("services", legacyServices);
                tree = new YMap(t, tree.tag(), tree.line());
            }
            for (ComposeValidator.Issue i : ComposeValidator.checkFile(tree, legacyServices, req.dialect() == Dialect.V1)) {
                problems.add(new ComposeProblem(path, i.line() == 0 ? null : i.line(), i.message()));
            }
            if (!isProjectFile) tree = VolumeSpecs.rebaseTree(tree, dir);
            tree = includes(tree, path, dir, includeChain);
            tree = resolveExtends(tree, path, dir);
            return Optional.of(tree);
        }

        /** YAML text to one top-level mapping, interpolated. Multiple documents merge in order. */
        private Optional<YMap> readTop(String path, String text) {
            List<YNode> docs;
            try {
                docs = yaml.read(text);
            } catch (YamlReader.Problem p) {
                problems.add(new ComposeProblem(path, p.line(), p.getMessage()));
                return Optional.empty();
            }
            docs = docs.stream().filter(d -> !YNode.isNull(d)).toList();
            if (docs.isEmpty()) {
                problems.add(new ComposeProblem(path, null, "empty compose file"));
                return Optional.empty();
            }
            YMap top = null;
            for (YNode d : docs) {
                if (!(d instanceof YMap m)) {
                    problems.add(new ComposeProblem(path, d.line(), "Top-level object must be a mapping"));
                    return Optional.empty();
                }
                top = top == null ? m : ComposeMerge.mergeTop(top, m);
            }
            try {
                return Optional.of((YMap) interpolate(top, ""));
            } catch (Located l) {
                problems.add(new ComposeProblem(path, l.line, l.getMessage()));
                return Optional.empty();
            }
        }

        private YNode interpolate(YNode n, String where) {
            if (n instanceof YScalar s) {
                if (s.kind() != YNode.Kind.STR || s.text().indexOf('$') < 0) return s;
                Interpolator in = new Interpolator(vars);
                try {
                    String v = in.apply(s.text());
                    unset.addAll(in.unsetVariables());
                    return new YScalar(v, YNode.Kind.STR, s.tag(), s.line());
                } catch (Interpolator.Failure f) {
                    throw new Located(s.line(), (where.isEmpty() ? "" : where + ": ") + f.getMessage());
                }
            }
            if (n instanceof YSeq q) {
                List<YNode> items = new ArrayList<>(q.items().size());
                for (int i = 0; i < q.items().size(); i++) items.add(interpolate(q.items().get(i), where + "[" + i + "]"));
                return new YSeq(items, q.tag(), q.line());
            }
            YMap m = (YMap) n;
            Map<String, YNode> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, interpolate(v, where.isEmpty() ? k : where + "." + k)));
            return new YMap(out, m.tag(), m.line());
        }

        private boolean isLegacy(YMap top) {
            if (top.has("services") || top.has("version")) return false;
            return top.entries().keySet().stream()
                    .anyMatch(k -> !k.startsWith("x-") && !ComposeValidator.TOP_LEVEL.contains(k));
        }

        private YMap servicesOfLegacy(YMap top) {
            Map<String, YNode> s = new LinkedHashMap<>();
            top.entries().forEach((k, v) -> {
                if (!k.startsWith("x-")) s.put(k, v);
            });
            return new YMap(s, null, top.line());
        }

        // ---- include ----

        private YMap includes(YMap tree, String path, String dir, Deque<String> chain) {
            YNode inc = tree.get("include");
            if (!(inc instanceof YSeq list)) return tree;
            chain.addLast(path);
            YMap out = tree;
            try {
                for (YNode item : list.items()) {
                    List<String> paths = new ArrayList<>();
                    if (item instanceof YScalar s && !s.isNull()) paths.add(s.text());
                    else if (item instanceof YMap m) {
                        YNode p = m.get("path");
                        if (p instanceof YScalar ps && !ps.isNull()) paths.add(ps.text());
                        else if (p instanceof YSeq pl) pl.items().forEach(x -> {
                            if (YNode.text(x) != null) paths.add(YNode.text(x));
                        });
                    }
                    for (String rel : paths) {
                        String target = PosixPaths.resolve(dir, rel);
                        if (chain.contains(target)) {
                            List<String> cyc = new ArrayList<>(chain);
                            cyc.add(target);
                            problems.add(new ComposeProblem(path, item.line(), "include cycle detected: " + String.join(" -> ", cyc)));
                            continue;
                        }
                        if (chain.size() >= MAX_INCLUDE_DEPTH) {
                            problems.add(new ComposeProblem(path, item.line(), "includes nested more than " + MAX_INCLUDE_DEPTH + " deep"));
                            continue;
                        }
                        if (!read(target).present()) {
                            problems.add(new ComposeProblem(path, item.line(), "included file " + target
                                    + " not found; its services are not known"));
                            continue;
                        }
                        included.add(target);
                        Optional<YMap> sub = loadFile(target, chain, false);
                        if (sub.isPresent()) out = addIncluded(out, sub.get(), path, item.line());
                    }
                }
            } finally {
                chain.removeLast();
            }
            Map<String, YNode> withoutInclude = new LinkedHashMap<>(out.entries());
            withoutInclude.remove("include");
            return new YMap(withoutInclude, out.tag(), out.line());
        }

        private YMap addIncluded(YMap tree, YMap sub, String path, int line) {
            Map<String, YNode> out = new LinkedHashMap<>(tree.entries());
            for (String kind : List.of("services", "volumes", "networks", "secrets", "configs")) {
                if (!(sub.get(kind) instanceof YMap subDefs)) continue;
                Map<String, YNode> defs = new LinkedHashMap<>();
                if (out.get(kind) instanceof YMap mine) defs.putAll(mine.entries());
                for (Map.Entry<String, YNode> e : subDefs.entries().entrySet()) {
                    if (defs.containsKey(e.getKey())) {
                        problems.add(new ComposeProblem(path, line, kind + "." + e.getKey() + " conflicts with imported resource"));
                    } else {
                        defs.put(e.getKey(), e.getValue());
                    }
                }
                out.put(kind, new YMap(defs, null, tree.line()));
            }
            return new YMap(out, tree.tag(), tree.line());
        }

        // ---- extends ----

        private YMap resolveExtends(YMap tree, String path, String dir) {
            if (!(tree.get("services") instanceof YMap services)) return tree;
            if (services.entries().values().stream().noneMatch(s -> s instanceof YMap m && m.has("extends"))) return tree;
            Map<String, YNode> out = new LinkedHashMap<>();
            services.entries().forEach((name, svc) -> out.put(name,
                    svc instanceof YMap m && m.has("extends") ? extend(name, m, services, path, dir, new ArrayList<>()) : svc));
            Map<String, YNode> t = new LinkedHashMap<>(tree.entries());
            t.put("services", new YMap(out, services.tag(), services.line()));
            return new YMap(t, tree.tag(), tree.line());
        }

        private YMap extend(String name, YMap svc, YMap services, String path, String dir, List<String> chain) {
            YNode ext = svc.get("extends");
            Map<String, YNode> own = new LinkedHashMap<>(svc.entries());
            own.remove("extends");
            YMap self = new YMap(own, svc.tag(), svc.line());
            String baseName;
            String file = null;
            if (ext instanceof YScalar s && !s.isNull()) {
                baseName = s.text();
            } else if (ext instanceof YMap m && YNode.text(m.get("service")) != null) {
                baseName = YNode.text(m.get("service"));
                file = YNode.text(m.get("file"));
            } else {
                return self; // the validator has said what is wrong with it
            }
            String key = path + "#" + name;
            if (chain.contains(key) || chain.size() > MAX_EXTENDS_DEPTH) {
                List<String> cyc = new ArrayList<>(chain);
                cyc.add(key);
                problems.add(new ComposeProblem(path, ext.line(), "circular extends: " + String.join(" -> ", cyc)));
                return self;
            }
            List<String> next = new ArrayList<>(chain);
            next.add(key);
            YMap baseServices = services;
            String basePath = path;
            String baseDir = dir;
            if (file != null) {
                basePath = PosixPaths.resolve(dir, file);
                baseDir = PosixPaths.parent(basePath);
                Optional<YMap> other = otherFile(basePath);
                if (other.isEmpty()) {
                    problems.add(new ComposeProblem(path, ext.line(), "service " + name + " extends " + baseName
                            + " in " + basePath + ", which is not there; it is taken without what it would inherit"));
                    return self;
                }
                if (!(other.get().get("services") instanceof YMap os)) {
                    problems.add(new ComposeProblem(path, ext.line(), "cannot extend service \"" + baseName + "\": " + basePath + " has no services"));
                    return self;
                }
                baseServices = os;
            }
            YNode base = baseServices.get(baseName);
            if (base == null) {
                problems.add(new ComposeProblem(path, ext.line(), "cannot extend service \"" + name + "\": service \""
                        + baseName + "\" not found" + (file == null ? "" : " in " + basePath)));
                return self;
            }
            YMap baseMap = base instanceof YMap bm ? bm : new YMap(Map.of(), null, base.line());
            if (baseMap.has("extends")) baseMap = extend(baseName, baseMap, baseServices, basePath, baseDir, next);
            if (file != null) baseMap = VolumeSpecs.rebaseService(baseMap, baseDir);
            return ComposeMerge.mergeService(baseMap, self);
        }

        /** Another file named by extends: read once, interpolated, top level as services when legacy. */
        private Optional<YMap> otherFile(String path) {
            return otherFiles.computeIfAbsent(path, p -> {
                if (++filesRead > MAX_FILES) return Optional.empty();
                SourceFile f = read(p);
                if (!f.present() || f.text() == null) return Optional.empty();
                Optional<YMap> top = readTop(p, f.text());
                if (top.isPresent() && isLegacy(top.get())) {
                    Map<String, YNode> t = new LinkedHashMap<>();
                    t.put("services", servicesOfLegacy(top.get()));
                    return Optional.of(new YMap(t, null, top.get().line()));
                }
                return top;
            });
        }
    }

    /** Wraps a problem with the line where it was found while walking a tree. */
    private static final class Located extends RuntimeException {
        final Integer line;

        Located(int line, String message) {
            super(message, null, false, false);
            this.line = line == 0 ? null : line;
        }
    }
}
