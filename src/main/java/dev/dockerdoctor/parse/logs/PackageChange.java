package dev.dockerdoctor.parse.logs;

/**
 * One package an apt run or dpkg changed. {@code action} as apt writes it ({@code Install}, {@code Upgrade},
 * {@code Downgrade}, {@code Remove}, {@code Purge}, {@code Reinstall}); {@code from} is null for an install,
 * {@code to} null for a removal. Versions are kept whole, epoch included ({@code 5:19.03.3~3-0~ubuntu-xenial}).
 */
public record PackageChange(String action, String name, String arch, String from, String to, boolean automatic) {
}
