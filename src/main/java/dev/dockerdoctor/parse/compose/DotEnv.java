package dev.dockerdoctor.parse.compose;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project's {@code .env} file as compose v2 reads it: {@code KEY=value} lines, optional {@code export}, comments,
 * single quotes (literal), double quotes (escapes, may span lines), unquoted values with {@code " #"} comments, and
 * {@code ${VAR}} substitution from earlier lines and the environment. A line with only {@code KEY} takes the value
 * from the environment.
 */
public final class DotEnv {

    /** The variables, and the first problem met (null when none; parsing stops there, as compose does). */
    public record Result(Map<String, String> vars, Integer problemLine, String problem) {
        public Result {
            vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        }
    }

    private DotEnv() {
    }

    public static Result parse(String text, Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            i++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("export ") || line.startsWith("export\t")) line = line.substring(7).strip();
            int eq = line.indexOf('=');
            if (eq < 0) {
                String key = line.strip();
                if (!validKey(key)) return new Result(out, lineNo, "unexpected character in variable name \"" + key + "\"");
                String inherited = environment.get(key);
                if (inherited != null) out.put(key, inherited);
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!validKey(key)) return new Result(out, lineNo, "unexpected character in variable name \"" + key + "\"");
            String raw = line.substring(eq + 1).stripLeading();
            String value;
            try {
                if (raw.startsWith("'") || raw.startsWith("\"")) {
                    char q = raw.charAt(0);
                    StringBuilder body = new StringBuilder();
                    String rest = raw.substring(1);
                    int close = closingQuote(rest, q);
                    while (close < 0 && i < lines.length) {
                        body.append(rest).append('\n');
                        rest = lines[i];
                        i++;
                        close = closingQuote(rest, q);
                    }
                    if (close < 0) return new Result(out, lineNo, "unterminated quoted value for " + key);
                    body.append(rest, 0, close);
                    value = q == '\'' ? body.toString() : expand(unescape(body.toString()), out, environment);
                } else {
                    value = expand(stripComment(raw).strip(), out, environment);
                }
            } catch (Interpolator.Failure f) {
                return new Result(out, lineNo, f.getMessage());
            }
            out.put(key, value);
        }
        return new Result(out, null, null);
    }

    private static boolean validKey(String key) {
        if (key.isEmpty()) return false;
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) return false;
        }
        return true;
    }

    private static int closingQuote(String s, char q) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (q == '"' && c == '\\') {
                k++;
                continue;
            }
            if (c == q) return k;
        }
        return -1;
    }

    private static String stripComment(String s) {
        for (int k = 1; k < s.length(); k++) {
            if (s.charAt(k) == '#' && Character.isWhitespace(s.charAt(k - 1))) return s.substring(0, k);
        }
        return s;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\' && k + 1 < s.length()) {
                char d = s.charAt(++k);
                switch (d) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case '$' -> b.append("$$");
                    default -> b.append(d);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String expand(String value, Map<String, String> earlier, Map<String, String> environment) {
        if (value.indexOf('$') < 0) return value;
        Map<String, String> scope = new HashMap<>(environment);
        scope.putAll(earlier);
        return new Interpolator(scope, true).apply(value);
    }
}
