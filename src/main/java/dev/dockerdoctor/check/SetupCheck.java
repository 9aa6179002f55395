package dev.dockerdoctor.check;

/**
 * One line of {@code check}: what was looked at ({@code name}, stable, for --json), how it went, what was seen, and
 * what to do about it when it is not {@code ok} (empty then).
 */
public record SetupCheck(String name, Status status, String seen, String todo) {

    /** {@code fail} makes check exit 1; {@code warn} is worth knowing but works; {@code skip} was not looked at. */
    public enum Status {
        OK, WARN, FAIL, SKIP;

        public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public SetupCheck {
        if (todo == null) todo = "";
    }

    static SetupCheck ok(String name, String seen) { return new SetupCheck(name, Status.OK, seen, ""); }

    static SetupCheck warn(String name, String seen, String todo) { return new SetupCheck(name, Status.WARN, seen, todo); }

    static SetupCheck fail(String name, String seen, String todo) { return new SetupCheck(name, Status.FAIL, seen, todo); }

    static SetupCheck skip(String name, String seen) { return new SetupCheck(name, Status.SKIP, seen, ""); }
}
