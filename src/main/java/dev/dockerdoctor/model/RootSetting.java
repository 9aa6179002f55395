package dev.dockerdoctor.model;

/**
 * One place that sets Docker's data root: which kind of place, the file (host path, or "pid N" for a process),
 * the key or flag that sets it ({@code data-root}, {@code graph}, {@code --data-root}, {@code -g}...) and its value.
 * {@code effective} says whether dockerd would actually honour it on its next start (for example
 * /etc/default/docker is ignored under systemd, and a vendor unit's ExecStart is replaced by a full override).
 */
public record RootSetting(Kind kind, String file, String key, String value, boolean effective) {

    public enum Kind {
        DAEMON_JSON("daemon.json"),
        VENDOR_UNIT("vendor unit"),
        OVERRIDE_UNIT("unit override in /etc"),
        DROP_IN("unit drop-in"),
        ETC_DEFAULT("/etc/default/docker"),
        SNAP("snap daemon.json"),
        PROCESS("running dockerd");

        private final String label;

        Kind(String label) { this.label = label; }

        public String label() { return label; }

        /** A flag on dockerd's command line, as opposed to a key in a configuration file. */
        public boolean isFlagSource() {
            return this == VENDOR_UNIT || this == OVERRIDE_UNIT || this == DROP_IN || this == ETC_DEFAULT;
        }
    }
}
