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
import java.util.LinkedHashMap;
import java.util.List;

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
         * 100,000 values: twenty times what sentry's self-hosted file (the biggest in the corpus, under 5,000 once its
         * aliases are expanded) needs, and small enough that a bomb is stopped in milliseconds.
         */
        public static Limits defaults() { return new Limits(300, 50, 2 * 1024 * 1024, 100_000); }
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
                if (n != null) docs.add(conv.convert(n, null, 0));
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

        /** Counts values and mapping entries made, so that what the tree costs in memory stays bounded. */
        private void spend(Node n, int amount) {
            produced += amount;
            if (produced > limits.maxNodes()) {
                throw new Problem(line(n), "the YAML expands to more than " + limits.maxNodes()
                        + " values (an alias bomb?)");
            }
        }

        YNode convert(Node n, Where path, int depth) {
            spend(n, 1);
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
                    items.add(convert(c, new Where(path, null, i), depth + 1));
                    i++;
                }
                return new YSeq(items, tag, line(n));
            }
            MappingNode map = (MappingNode) n;
            LinkedHashMap<String, YNode> out = new LinkedHashMap<>();
            List<Node> merges = List.of();
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                if (k instanceof ScalarNode ks && Tag.MERGE.equals(ks.getTag())) {
                    if (merges.isEmpty()) merges = new ArrayList<>();
                    merges.add(t.getValueNode());
                    continue;
                }
                String key = key(k, path);
                if (out.containsKey(key)) {
                    throw new Problem(line(k), "mapping key \"" + key + "\" already defined at line " + firstLine(map, key)
                            + (path == null ? "" : " (in " + path + ")"));
                }
                out.put(key, convert(t.getValueNode(), new Where(path, key, -1), depth + 1));
            }
            for (Node m : merges) {
                List<Node> sources = m instanceof SequenceNode sq ? sq.getValue() : List.of(m);
                for (Node src : sources) {
                    if (!(src instanceof MappingNode)) {
                        throw new Problem(line(src), "map merge (<<) requires a mapping or a list of mappings"
                                + (path == null ? "" : " (in " + path + ")"));
                    }
                    // a mapping that merges itself through an alias stops at the depth limit
                    YMap merged = (YMap) convert(src, path, depth + 1);
                    spend(src, merged.entries().size());
                    // explicit keys win, and of several merged mappings the earlier one wins
                    merged.entries().forEach(out::putIfAbsent);
                }
            }
            return YMap.owning(out, tag, line(n));
        }

        private static int firstLine(MappingNode map, String key) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode ks && key.equals(ks.getValue())) return line(ks);
            }
            return 0;
        }

        private String key(Node k, Where path) {
            if (!(k instanceof ScalarNode ks)) {
                throw new Problem(line(k), "non-string key " + where(path) + ": a "
                        + (k instanceof MappingNode ? "mapping" : "list"));
            }
            Tag t = ks.getTag();
            if (Tag.INT.equals(t) || Tag.FLOAT.equals(t) || Tag.NULL.equals(t)) {
                throw new Problem(line(k), "non-string key " + where(path) + ": " + ks.getValue());
            }
            return ks.getValue();
        }

        private static String where(Where path) {
            return path == null ? "at top level" : "in " + path;
        }
    }

    /** Where a node sits (services.web.ports[0]), built only when a message needs it. */
    private record Where(Where parent, String key, int index) {
        @Override
        public String toString() {
            String head = parent == null ? "" : parent.toString();
            if (key == null) return head + "[" + index + "]";
            return head.isEmpty() ? key : head + "." + key;
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
