package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.parse.compose.YNode.Kind;
import dev.dockerdoctor.parse.compose.YNode.YMap;
import dev.dockerdoctor.parse.compose.YNode.YScalar;
import dev.dockerdoctor.parse.compose.YNode.YSeq;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads untrusted YAML safely into {@link YNode}s. SnakeYAML (the engine under jackson-dataformat-yaml) composes the
 * node graph with limits on aliases, nesting and size, and never constructs Java objects from tags. We resolve
 * aliases and merge keys ({@code <<}) ourselves while counting every node we produce, so an alias bomb that stays
 * under the alias limit still stops at {@link Limits#maxNodes} instead of expanding exponentially.
 * (Jackson's own YAML parser hands an alias back as the anchor's name and does not merge {@code <<}, so it cannot
 * read compose files as compose does.)
 */
public final class YamlReader {

    /** Bounds on what one file may cost. */
    public record Limits(int maxAliasesForCollections, int maxDepth, int maxCodePoints, int maxNodes) {
        /**
         * 300 aliases: real files lean on anchors (sentry's has over 130); the node budget is what stops a bomb.
         * 250,000 nodes: two orders of magnitude above the biggest real compose file we know.
         */
        public static Limits defaults() { return new Limits(300, 50, 2 * 1024 * 1024, 250_000); }
    }

    /** Why a file could not be read as YAML; {@code line} is 1-based or null. */
    public static final class Problem extends RuntimeException {
        private final Integer line;

        Problem(Integer line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        public Integer line() { return line; }
    }

    private final Limits limits;

    public YamlReader(Limits limits) {
        this.limits = limits;
    }

    /**
     * The documents of a YAML text (usually one). An empty text gives an empty list.
     *
     * @throws Problem when the text is not YAML, breaks a limit, or has keys compose cannot use
     */
    public List<YNode> read(String text) {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(limits.maxAliasesForCollections());
        opts.setNestingDepthLimit(limits.maxDepth());
        opts.setCodePointLimit(limits.maxCodePoints());
        opts.setAllowDuplicateKeys(false);
        opts.setAllowRecursiveKeys(false);
        opts.setProcessComments(false);
        if (text.length() > limits.maxCodePoints()) {
            throw new Problem(null, "the file is over the limit of " + limits.maxCodePoints() + " characters");
        }
        List<YNode> docs = new ArrayList<>();
        try {
            Converter conv = new Converter();
            for (Node n : new Yaml(opts).composeAll(new StringReader(text))) {
                if (n != null) docs.add(conv.convert(n, "", 0));
            }
        } catch (Problem p) {
            throw p;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String ctx = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new Problem(m == null ? null : m.getLine() + 1, clean(what + ctx));
        } catch (YAMLException e) {
            throw new Problem(null, clean(e.getMessage() == null ? "invalid YAML" : e.getMessage()));
        } catch (StackOverflowError e) {
            throw new Problem(null, "the YAML is nested too deeply");
        }
        return docs;
    }

    private static String clean(String s) {
        return s.replace("\n", " ").replaceAll("\\s+", " ").trim();
    }

    private final class Converter {
        private int produced;

        YNode convert(Node n, String path, int depth) {
            if (++produced > limits.maxNodes()) {
                throw new Problem(line(n), "the YAML expands to more than " + limits.maxNodes()
                        + " values (an alias bomb?)");
            }
            if (depth > limits.maxDepth()) {
                throw new Problem(line(n), "the YAML is nested more than " + limits.maxDepth() + " levels deep"
                        + " (a recursive alias?)");
            }
            String tag = customTag(n.getTag());
            if (n instanceof ScalarNode s) {
                return new YScalar(s.getValue(), kind(s), tag, line(n));
            }
            if (n instanceof SequenceNode seq) {
                List<YNode> items = new ArrayList<>();
                int i = 0;
                for (Node c : seq.getValue()) {
                    items.add(convert(c, path + "[" + i + "]", depth + 1));
                    i++;
                }
                return new YSeq(items, tag, line(n));
            }
            MappingNode map = (MappingNode) n;
            Map<String, YNode> explicit = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            List<Node> merges = new ArrayList<>();
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                if (k instanceof ScalarNode ks && Tag.MERGE.equals(ks.getTag())) {
                    merges.add(t.getValueNode());
                    continue;
                }
                String key = key(k, path);
                Integer seen = keyLines.put(key, line(k));
                if (seen != null) {
                    throw new Problem(line(k), "mapping key \"" + key + "\" already defined at line " + seen
                            + (path.isEmpty() ? "" : " (in " + path + ")"));
                }
                explicit.put(key, convert(t.getValueNode(), path.isEmpty() ? key : path + "." + key, depth + 1));
            }
            Map<String, YNode> out = new LinkedHashMap<>(explicit);
            for (Node m : merges) {
                List<Node> sources = m instanceof SequenceNode sq ? sq.getValue() : List.of(m);
                for (Node src : sources) {
                    if (!(src instanceof MappingNode)) {
                        throw new Problem(line(src), "map merge (<<) requires a mapping or a list of mappings"
                                + (path.isEmpty() ? "" : " (in " + path + ")"));
                    }
                    // a mapping that merges itself through an alias stops at the depth limit
                    YMap merged = (YMap) convert(src, path, depth + 1);
                    // explicit keys win, and of several merged mappings the earlier one wins
                    merged.entries().forEach(out::putIfAbsent);
                }
            }
            return new YMap(out, tag, line(n));
        }

        private String key(Node k, String path) {
            String where = path.isEmpty() ? "at top level" : "in " + path;
            if (!(k instanceof ScalarNode ks)) {
                throw new Problem(line(k), "non-string key " + where + ": a " + (k instanceof MappingNode ? "mapping" : "list"));
            }
            Tag t = ks.getTag();
            if (Tag.INT.equals(t) || Tag.FLOAT.equals(t) || Tag.NULL.equals(t)) {
                throw new Problem(line(k), "non-string key " + where + ": " + ks.getValue());
            }
            return ks.getValue();
        }
    }

    private static Kind kind(ScalarNode s) {
        Tag t = s.getTag();
        if (Tag.INT.equals(t)) return Kind.INT;
        if (Tag.FLOAT.equals(t)) return Kind.FLOAT;
        if (Tag.BOOL.equals(t)) return Kind.BOOL;
        if (Tag.NULL.equals(t)) return Kind.NULL;
        return Kind.STR;
    }

    private static String customTag(Tag t) {
        if (t == null || Tag.standardTags.contains(t) || t.getValue().startsWith(Tag.PREFIX)) return null;
        return t.getValue();
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
