package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.RootlessDaemon;
import dev.dockerdoctor.parse.DaemonJsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the users' rootless Docker installs from their files: an account of /etc/passwd (a real user, uid 1000 and
 * up, as rootless Docker needs subordinate ids) whose home holds the user unit {@code dockerd-rootless-setuptool.sh}
 * writes, with its daemon.json, its root and whether systemd keeps the user's manager running without a session.
 */
final class RootlessProbe {
    static final String USER_UNIT = ".config/systemd/user/docker.service";
    static final String USER_DAEMON_JSON = ".config/docker/daemon.json";
    static final String USER_DATA_ROOT = ".local/share/docker";
    static final String LINGER_DIR = "/var/lib/systemd/linger";
    private static final int FIRST_USER_UID = 1000;
    private static final int MAX_USERS = 500;

    private final HostFiles files;

    RootlessProbe(HostFiles files) {
        this.files = files;
    }

    List<RootlessDaemon> find() {
        HostFiles.TextFile passwd = files.readText("/etc/passwd", 4L << 20);
        if (!passwd.ok()) return List.of();
        List<RootlessDaemon> out = new ArrayList<>();
        int seen = 0;
        for (String line : passwd.text().split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 7 || ++seen > MAX_USERS) continue;
            int uid;
            try {
                uid = Integer.parseInt(f[2]);
            } catch (NumberFormatException e) {
                continue;
            }
            String user = f[0];
            String home = f[5];
            if (uid < FIRST_USER_UID || uid == 65534 || !home.startsWith("/") || !user.matches("[a-z_][a-z0-9_.-]*")) continue;
            String unit = home + "/" + USER_UNIT;
            if (!files.exists(unit)) continue;
            String daemonJson = home + "/" + USER_DAEMON_JSON;
            String root = home + "/" + USER_DATA_ROOT;
            HostFiles.TextFile dj = files.readText(daemonJson, 1 << 20);
            if (dj.ok()) {
                String configured = DaemonJsonParser.string(DaemonJsonParser.parse(dj.text()).keys(), "data-root");
                if (configured != null && configured.startsWith("/")) root = configured;
            }
            out.add(new RootlessDaemon(user, uid, home, unit, daemonJson, root, files.exists(LINGER_DIR + "/" + user)));
        }
        return out;
    }
}
