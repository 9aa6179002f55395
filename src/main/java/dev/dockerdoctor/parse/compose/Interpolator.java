package dev.dockerdoctor.parse.compose;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Variable substitution exactly as docker compose does it in compose files: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset), {@code ${VAR:?error}},
 * {@code ${VAR?error}}, {@code ${VAR:+replacement}}, {@code ${VAR+replacement}}, and {@code $$} for a literal dollar.
 * Defaults may themselves hold substitutions ({@code ${A:-${B}}}, as compose v2 allows). An unset variable without a
 * default becomes the empty string and is reported; a lone {@code $} is an error, as in compose.
 */
public final class Interpolator {
    private static final int MAX_NESTING = 16;

    private final Map<String, String> vars;
    private final boolean lenient;
    private final Set<String> unset = new LinkedHashSet<>();

    /** @param vars the variables in effect (environment over the project's .env); null values count as unset */
    public Interpolator(Map<String, String> vars) {
        this(vars, false);
    }

    /**
     * @param lenient keep a lone {@code $} or an unclosed {@code ${} as written instead of failing (how compose reads
     *                values in .env files)
     */
    public Interpolator(Map<String, String> vars, boolean lenient) {
        this.vars = vars;
        this.lenient = lenient;
    }

    /** A substitution that compose would refuse: a malformed template or a required variable without value. */
    public static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** Variables that were used without a value and without a default, in order of first use. */
    public Set<String> unsetVariables() { return unset; }

    /**
     * Substitutes every variable in {@code text}.
     *
     * @throws Failure with compose's wording when the text is malformed or a required variable has no value
     */
    public String apply(String text) {
        if (text.indexOf('$') < 0) return text;
        return apply(text, 0);
    }

    private String apply(String s, int nesting) {
        if (nesting > MAX_NESTING) throw new Failure("invalid interpolation format: nested too deeply in \"" + s + "\"");
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                if (!lenient) throw invalid(s);
                out.append(c);
                break;
            }
            char d = s.charAt(i + 1);
            if (d == '$') {
                out.append('$');
                i += 2;
            } else if (d == '{') {
                int close = matchingBrace(s, i + 2);
                if (close < 0 && lenient) {
                    out.append(s, i, n);
                    break;
                }
                if (close < 0) throw invalid(s);
                out.append(braced(s.substring(i + 2, close), s, nesting));
                i = close + 1;
            } else if (isNameStart(d)) {
                int j = i + 1;
                while (j < n && isNameChar(s.charAt(j))) j++;
                out.append(lookupOrBlank(s.substring(i + 1, j)));
                i = j;
            } else if (lenient) {
                out.append(c);
                i++;
            } else {
                throw invalid(s);
            }
        }
        return out.toString();
    }

    /** The index of the brace closing a {@code ${} whose body starts at {@code from}, or -1. */
    private static int matchingBrace(String s, int from) {
        int depth = 1;
        int j = from;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '$' && j + 1 < s.length()) {
                char d = s.charAt(j + 1);
                if (d == '$') {
                    j += 2;
                    continue;
                }
                if (d == '{') {
                    depth++;
                    j += 2;
                    continue;
                }
            }
            if (c == '}' && --depth == 0) return j;
            j++;
        }
        return -1;
    }

    private String braced(String body, String whole, int nesting) {
        int j = 0;
        if (body.isEmpty() || !isNameStart(body.charAt(0))) throw invalid(whole);
        while (j < body.length() && isNameChar(body.charAt(j))) j++;
        String name = body.substring(0, j);
        String rest = body.substring(j);
        if (rest.isEmpty()) return lookupOrBlank(name);
        String value = vars.get(name);
        boolean set = value != null;
        boolean setNonEmpty = set && !value.isEmpty();
        String op;
        String arg;
        if (rest.startsWith(":-") || rest.startsWith(":?") || rest.startsWith(":+")) {
            op = rest.substring(0, 2);
            arg = rest.substring(2);
        } else if (rest.startsWith("-") || rest.startsWith("?") || rest.startsWith("+")) {
            op = rest.substring(0, 1);
            arg = rest.substring(1);
        } else {
            throw invalid(whole);
        }
        return switch (op) {
            case ":-" -> setNonEmpty ? value : apply(arg, nesting + 1);
            case "-" -> set ? value : apply(arg, nesting + 1);
            case ":+" -> setNonEmpty ? apply(arg, nesting + 1) : "";
            case "+" -> set ? apply(arg, nesting + 1) : "";
            case ":?" -> {
                if (!setNonEmpty) throw required(name, apply(arg, nesting + 1));
                yield value;
            }
            case "?" -> {
                if (!set) throw required(name, apply(arg, nesting + 1));
                yield value;
            }
            default -> throw invalid(whole);
        };
    }

    private String lookupOrBlank(String name) {
        String v = vars.get(name);
        if (v == null) {
            unset.add(name);
            return "";
        }
        return v;
    }

    private static Failure required(String name, String message) {
        return new Failure("required variable " + name + " is missing a value" + (message.isEmpty() ? "" : ": " + message));
    }

    private static Failure invalid(String s) {
        return new Failure("invalid interpolation format for \"" + s + "\" (write a literal $ as $$)");
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
