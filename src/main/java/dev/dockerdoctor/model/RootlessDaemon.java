package dev.dockerdoctor.model;

/**
 * A rootless Docker of one user ({@code dockerd-rootless-setuptool.sh install}): a user unit, its own daemon.json
 * and root under the user's home, its socket in {@code /run/user/UID}. Without lingering ({@code loginctl
 * enable-linger}) systemd stops the user's units, Docker among them, when the user's last session ends, and starts
 * them only at the next login, not at boot.
 *
 * @param unit      the user unit file ({@code ~/.config/systemd/user/docker.service})
 * @param dataRoot  the root it uses: daemon.json's data-root, else {@code ~/.local/share/docker}
 * @param lingering whether {@code /var/lib/systemd/linger/USER} exists
 */
public record RootlessDaemon(String user, int uid, String home, String unit, String daemonJson, String dataRoot,
                             boolean lingering) {
    /** The socket a client of this daemon talks to. */
    public String socket() { return "/run/user/" + uid + "/docker.sock"; }
}
