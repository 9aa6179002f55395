package dev.dockerdoctor.app;

import dev.dockerdoctor.model.Secrets;
import dev.dockerdoctor.parse.Since;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All settings, read once from an environment map (tests pass their own map; nothing else calls System.getenv).
 * Command-line flags win over the environment: {@code diagnose} applies them with the {@code with*} methods.
 * Command settings are split on white space into an argv: no shell, no quoting.
 */
public record Settings(
        String slackBotToken, String slackSigningSecret, String slackAppToken, String slackApiUrl,
        int port, String channel, Map<String, URI> watch, Duration watchInterval, Duration remind, List<String> oncall,
        Set<String> admins,
        Path stateDir, Path hostRoot, String dockerHost, List<String> dockerRestart, List<String> dockerStart,
        List<String> composePaths, List<String> dataRootSearch) {

    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_DATA_ROOT_SEARCH = "/var/lib/docker,/srv,/data*,/opt,/mnt/*,/media/*,/home/*";
    public static final Path DEFAULT_SERVE_STATE_DIR = Path.of("/var/lib/docker-doctor");

    public Settings {
        watch = Map.copyOf(watch);
        admins = Set.copyOf(admins);
        oncall = List.copyOf(oncall);
        dockerRestart = List.copyOf(dockerRestart);
        dockerStart = List.copyOf(dockerStart);
        composePaths = List.copyOf(composePaths);
        dataRootSearch = List.copyOf(dataRootSearch);
    }

    /** Reads every setting; throws {@link SettingsException} naming the first malformed one. */
    public static Settings fromEnv(Map<String, String> env) {
        String apiUrl = blankToNull(env.get(Env.SLACK_API_URL));
        if (apiUrl == null) apiUrl = DEFAULT_SLACK_API_URL;
        if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
            throw new SettingsException(Env.SLACK_API_URL + " must be an http(s) URL such as " + DEFAULT_SLACK_API_URL
                    + ", got '" + apiUrl + "'");
        }
        if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/";
        String state = blankToNull(env.get(Env.DOCTOR_STATE_DIR));
        return new Settings(
                blankToNull(env.get(Env.SLACK_BOT_TOKEN)),
                blankToNull(env.get(Env.SLACK_SIGNING_SECRET)),
                blankToNull(env.get(Env.SLACK_APP_TOKEN)),
                apiUrl,
                intSetting(env, Env.DOCTOR_PORT, 3000, 1, 65535),
                blankToNull(env.get(Env.DOCTOR_CHANNEL)),
                watchSetting(env.get(Env.DOCTOR_WATCH)),
                Duration.ofSeconds(intSetting(env, Env.DOCTOR_WATCH_INTERVAL, 15, 1, 86_400)),
                remindSetting(env.get(Env.DOCTOR_REMIND)),
                oncallSetting(env.get(Env.DOCTOR_ONCALL)),
                Set.copyOf(list(env.get(Env.DOCTOR_ADMINS))),
                state == null ? null : Path.of(state),
                Path.of(orDefault(env.get(Env.DOCTOR_HOST_ROOT), "/")),
                orDefault(env.get(Env.DOCKER_HOST), DEFAULT_DOCKER_HOST),
                argv(env, Env.DOCTOR_DOCKER_RESTART, "systemctl restart docker"),
                argv(env, Env.DOCTOR_DOCKER_START, "systemctl start docker"),
                list(env.get(Env.DOCTOR_COMPOSE_PATHS)),
                list(orDefault(env.get(Env.DOCTOR_DATA_ROOT_SEARCH), DEFAULT_DATA_ROOT_SEARCH)));
    }

    public boolean socketMode() { return slackAppToken != null; }

    /** The bot's own secrets, masked in whatever it posts or writes. */
    public Secrets secrets() {
        return Secrets.of(Arrays.asList(slackBotToken, slackSigningSecret, slackAppToken));
    }

    /** The state folder {@code serve} uses: the setting, else /var/lib/docker-doctor. */
    public Path serveStateDir() { return stateDir != null ? stateDir : DEFAULT_SERVE_STATE_DIR; }

    public Settings withHostRoot(Path p) {
        return new Settings(slackBotToken, slackSigningSecret, slackAppToken, slackApiUrl, port, channel, watch,
                watchInterval, remind, oncall, admins, stateDir, p, dockerHost, dockerRestart, dockerStart, composePaths, dataRootSearch);
    }

    public Settings withDockerHost(String h) {
        return new Settings(slackBotToken, slackSigningSecret, slackAppToken, slackApiUrl, port, channel, watch,
                watchInterval, remind, oncall, admins, stateDir, hostRoot, h, dockerRestart, dockerStart, composePaths, dataRootSearch);
    }

    public Settings withStateDir(Path p) {
        return new Settings(slackBotToken, slackSigningSecret, slackAppToken, slackApiUrl, port, channel, watch,
                watchInterval, remind, oncall, admins, p, hostRoot, dockerHost, dockerRestart, dockerStart, composePaths, dataRootSearch);
    }

    /**
     * What {@code serve} cannot start without: the bot token, and the signing secret in HTTP mode (Socket Mode
     * needs no public endpoint, so nothing to verify signatures of).
     */
    public void requireForServe() {
        if (slackBotToken == null) throw new SettingsException(Env.SLACK_BOT_TOKEN + " is required for serve (xoxb-...)");
        if (!socketMode() && slackSigningSecret == null) {
            throw new SettingsException(Env.SLACK_SIGNING_SECRET + " is required for serve in HTTP mode"
                    + " (or set " + Env.SLACK_APP_TOKEN + " for Socket Mode)");
        }
        if (socketMode() && !slackAppToken.startsWith("xapp-")) {
            throw new SettingsException(Env.SLACK_APP_TOKEN + " must be an app-level token starting with xapp-");
        }
    }

    /** Optional settings left out, each said once at start-up, so nobody wonders why nothing is posted. */
    public List<String> notesForServe() {
        List<String> notes = new ArrayList<>();
        if (channel == null) notes.add(Env.DOCTOR_CHANNEL + " is not set: no incident threads will be posted");
        if (watch.isEmpty()) notes.add(Env.DOCTOR_WATCH + " is not set: no URLs are watched");
        if (admins.isEmpty()) notes.add(Env.DOCTOR_ADMINS + " is empty: buttons only show what a step would do (read-only)");
        return notes;
    }

    private static Map<String, URI> watchSetting(String raw) {
        Map<String, URI> out = new LinkedHashMap<>();
        for (String item : list(raw)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new SettingsException(Env.DOCTOR_WATCH + " must look like name=url,name=url; got '" + item + "'");
            }
            String name = item.substring(0, eq).trim();
            String url = item.substring(eq + 1).trim();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(Env.DOCTOR_WATCH + ": '" + url + "' is not a valid URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new SettingsException(Env.DOCTOR_WATCH + ": '" + url + "' must be an http:// or https:// URL");
            }
            out.put(name, uri);
        }
        return out;
    }

    // the same durations as --since (30m, 2h, 1d); at least a minute: a reminder every few seconds is noise
    private static Duration remindSetting(String raw) {
        String v = blankToNull(raw);
        if (v == null || v.equals("off")) return null;
        Duration d = Since.duration(v).orElseThrow(() -> new SettingsException(
                Env.DOCTOR_REMIND + " must be a duration such as 30m, 2h or 1d (or off), got '" + v + "'"));
        if (d.compareTo(Duration.ofMinutes(1)) < 0) throw new SettingsException(Env.DOCTOR_REMIND + " must be at least 1m, got '" + v + "'");
        return d;
    }

    private static List<String> oncallSetting(String raw) {
        List<String> ids = list(raw);
        for (String id : ids) {
            if (!id.matches("[UWS][A-Z0-9]{2,}")) {
                throw new SettingsException(Env.DOCTOR_ONCALL + " takes Slack user ids (U...) and user group ids (S...),"
                        + " comma-separated; got '" + id + "'");
            }
        }
        return ids;
    }

    private static int intSetting(Map<String, String> env, String name, int dflt, int min, int max) {
        String raw = blankToNull(env.get(name));
        if (raw == null) return dflt;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new SettingsException(name + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
        }
    }

    private static List<String> argv(Map<String, String> env, String name, String dflt) {
        String raw = orDefault(env.get(name), dflt);
        List<String> argv = Arrays.stream(raw.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (argv.isEmpty()) throw new SettingsException(name + " must name a command, e.g. '" + dflt + "'");
        return argv;
    }

    static List<String> list(String raw) {
        if (raw == null || raw.isBlank()) return List.of();
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String orDefault(String v, String dflt) {
        String b = blankToNull(v);
        return b == null ? dflt : b;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
