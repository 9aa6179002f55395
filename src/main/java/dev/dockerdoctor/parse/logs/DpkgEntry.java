package dev.dockerdoctor.parse.logs;

import java.time.LocalDateTime;

/**
 * One line of {@code /var/log/dpkg.log} (local time). {@code action} is the word after the time: {@code upgrade},
 * {@code install}, {@code remove}, {@code purge}, {@code configure}, {@code trigproc}, {@code status},
 * {@code startup}, {@code conffile}. For package actions {@code from} and {@code to} are the old and new versions
 * ({@code <none>} becomes null); for {@code status} lines {@code status} is the state and {@code to} the version.
 */
public record DpkgEntry(LocalDateTime time, String action, String name, String arch, String from, String to,
                        String status) {

    public boolean isUpgrade() { return "upgrade".equals(action) && from != null && to != null; }

    public boolean isInstall() { return "install".equals(action); }

    public boolean isRemoval() { return "remove".equals(action) || "purge".equals(action); }
}
