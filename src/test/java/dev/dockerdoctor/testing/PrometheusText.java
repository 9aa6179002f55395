package dev.dockerdoctor.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Prometheus' text exposition format (version 0.0.4) by its rules, failing on any line that breaks them:
 * HELP and TYPE at most once per family and before its samples, a family's samples together, metric and label names
 * of the allowed characters, label values with only the three escapes, values that are numbers, counters ending
 * in _total. Gives each series (its name and labels as written) and its value.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern META = Pattern.compile("# (HELP|TYPE) (" + NAME.pattern() + ") (.*)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME.pattern() + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusText() {
    }

    /** Series to value, in the order written; throws AssertionError naming the first broken line. */
    public static Map<String, Double> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) throw new AssertionError("the exposition must end with a newline");
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> finished = new HashSet<>();
        String current = null;
        Map<String, Double> out = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) continue;
            Matcher meta = META.matcher(line);
            if (meta.matches()) {
                String family = meta.group(2);
                if (finished.contains(family) || family.equals(current) && out.keySet().stream().anyMatch(k -> k.startsWith(family))) {
                    throw new AssertionError("line " + n + ": " + meta.group(1) + " after samples of " + family);
                }
                if (meta.group(1).equals("TYPE")) {
                    if (!TYPES.contains(meta.group(3))) throw new AssertionError("line " + n + ": unknown type " + meta.group(3));
                    if (types.put(family, meta.group(3)) != null) throw new AssertionError("line " + n + ": second TYPE for " + family);
                } else if (!helped.add(family)) {
                    throw new AssertionError("line " + n + ": second HELP for " + family);
                }
                if (current != null && !current.equals(family)) finished.add(current);
                current = family;
                continue;
            }
            if (line.startsWith("#")) continue; // a comment
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) throw new AssertionError("line " + n + " is no sample: " + line);
            String name = m.group(1);
            String family = familyOf(name, types);
            if (finished.contains(family)) throw new AssertionError("line " + n + ": samples of " + family + " are not together");
            if (current != null && !current.equals(family)) finished.add(current);
            current = family;
            if ("counter".equals(types.get(family)) && !name.endsWith("_total") && !name.endsWith("_created")) {
                throw new AssertionError("line " + n + ": counter sample " + name + " does not end in _total");
            }
            List<String> labels = new ArrayList<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int at = 0;
                while (at < m.group(3).length()) {
                    if (!l.find(at) || l.start() != at) throw new AssertionError("line " + n + ": bad labels " + m.group(3));
                    labels.add(l.group(1));
                    at = l.end();
                }
                if (new HashSet<>(labels).size() != labels.size()) throw new AssertionError("line " + n + ": a label twice");
            }
            String series = name + (m.group(2) == null ? "" : m.group(2));
            if (out.put(series, value(m.group(4), n)) != null) throw new AssertionError("line " + n + ": series twice: " + series);
        }
        return out;
    }

    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) return sample;
        for (String suffix : List.of("_total", "_created", "_bucket", "_count", "_sum")) {
            if (sample.endsWith(suffix)) {
                String f = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(f)) return f;
            }
        }
        return sample;
    }

    private static double value(String v, int line) {
        switch (v) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + line + ": value " + v + " is no number");
                }
        }
    }
}
