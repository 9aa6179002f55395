package dev.dockerdoctor.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * daemon.json as dockerd reads it, pure: the options it knows on Linux with the JSON type each must have, and what
 * it refuses ({@link #refusals}): a key it does not know ("the following directives don't match any configuration
 * option"), a value of the wrong type ("cannot unmarshal string into Go struct field Config.live-restore of type
 * bool"), a setting given both here and as a flag on dockerd's command line ("the following directives are
 * specified both as a flag and in the configuration file"). The list follows Docker's reference of Engine 20.10 to
 * 29; keys of one version only (graph, cluster-store: gone in 23) are kept, so an older daemon's file is no typo.
 */
public final class DaemonJsonKeys {
    public enum Type { BOOL, INT, STRING, ARRAY, OBJECT, ANY }

    /** One refusal, as a person fixes it: the key, what is wrong, and the key meant when it looks like a typo. */
    public record Refusal(String key, Kind kind, String words, String meant) {
        public enum Kind { UNKNOWN, WRONG_TYPE, ALSO_A_FLAG }
    }

    private static final Map<String, Type> KEYS = new LinkedHashMap<>();

    static {
        for (String k : List.of("api-cors-header", "bip", "bip6", "bridge", "cgroup-parent", "containerd",
                "containerd-namespace", "containerd-plugin-namespace", "data-root", "default-cgroupns-mode",
                "default-gateway", "default-gateway-v6", "default-ipc-mode", "default-runtime", "default-shm-size",
                "exec-root", "fixed-cidr", "fixed-cidr-v6", "group", "host-gateway-ip", "init-path", "ip", "log-driver",
                "log-format", "log-level", "metrics-addr", "pidfile", "seccomp-profile", "storage-driver",
                "swarm-default-advertise-addr", "tlscacert", "tlscert", "tlskey", "userland-proxy-path", "userns-remap",
                "graph", "cluster-store", "cluster-advertise", "firewall-backend", "bridge-accept-fwmark",
                "http-proxy", "https-proxy", "no-proxy", "min-api-version", "deprecated-key-path")) {
            KEYS.put(k, Type.STRING);
        }
        for (String k : List.of("debug", "experimental", "icc", "init", "ip-forward", "ip-forward-no-drop", "ip-masq",
                "iptables", "ip6tables", "ipv6", "live-restore", "no-new-privileges", "raw-logs", "selinux-enabled",
                "tls", "tlsverify", "userland-proxy", "cri-containerd", "allow-direct-routing", "disable-legacy-registry")) {
            KEYS.put(k, Type.BOOL);
        }
        for (String k : List.of("max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts", "mtu",
                "oom-score-adjust", "shutdown-timeout", "network-control-plane-mtu", "cpu-rt-period", "cpu-rt-runtime",
                "swarm-raft-heartbeat-tick", "swarm-raft-election-tick")) {
            KEYS.put(k, Type.INT);
        }
        for (String k : List.of("allow-nondistributable-artifacts", "authorization-plugins", "cdi-spec-dirs",
                "default-address-pools", "dns", "dns-opts", "dns-search", "exec-opts", "hosts", "host-gateway-ips",
                "insecure-registries", "labels", "node-generic-resources", "registry-mirrors", "storage-opts")) {
            KEYS.put(k, Type.ARRAY);
        }
        for (String k : List.of("builder", "cluster-store-opts", "default-network-opts", "default-ulimits", "features",
                "log-opts", "proxies", "runtimes")) {
            KEYS.put(k, Type.OBJECT);
        }
    }

    /** Flags that set a key under another name than {@code --<key>}. */
    private static final Map<String, String> FLAG_ALIASES = Map.of("-H", "hosts", "--host", "hosts", "-D", "debug",
            "-s", "storage-driver", "-l", "log-level", "-G", "group", "-b", "bridge", "-p", "pidfile",
            "--insecure-registry", "insecure-registries", "--add-runtime", "runtimes");

    private DaemonJsonKeys() {
    }

    public static Optional<Type> type(String key) {
        return Optional.ofNullable(KEYS.get(key));
    }

    /**
     * What dockerd would refuse in this file, given the command line it starts with ({@code dockerdArgv} may be empty).
     * data-root given both ways is left to the data-root rules, which say more about it.
     */
    public static List<Refusal> refusals(Map<String, Object> json, List<String> dockerdArgv) {
        List<Refusal> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            String key = e.getKey();
            Type t = KEYS.get(key);
            if (t == null) {
                String meant = closest(key);
                out.add(new Refusal(key, Refusal.Kind.UNKNOWN, "\"" + key + "\" is not a daemon.json option"
                        + (meant == null ? "" : " (did you mean \"" + meant + "\"?)"), meant));
                continue;
            }
            String wrong = wrongType(t, e.getValue());
            if (wrong != null) {
                out.add(new Refusal(key, Refusal.Kind.WRONG_TYPE, "\"" + key + "\": " + wrong, null));
            }
        }
        for (String key : flagKeys(dockerdArgv)) {
            if (!json.containsKey(key) || key.equals("data-root") || key.equals("graph")) continue;
            out.add(new Refusal(key, Refusal.Kind.ALSO_A_FLAG, "\"" + key + "\" is set in daemon.json and as a flag of"
                    + " dockerd's command line (" + String.join(" ", dockerdArgv.stream().limit(6).toList()) + ")", null));
        }
        return out;
    }

    private static String wrongType(Type t, Object v) {
        String is = v == null ? "null" : v instanceof Boolean ? "a boolean" : v instanceof Number ? "a number"
                : v instanceof String ? "a string" : v instanceof List ? "a list" : v instanceof Map ? "an object" : "something else";
        return switch (t) {
            case BOOL -> v instanceof Boolean ? null : show(v) + " is " + is + "; dockerd wants true or false";
            case INT -> v instanceof Integer || v instanceof Long ? null : show(v) + " is " + is + "; dockerd wants a whole number";
            case STRING -> v instanceof String ? null : show(v) + " is " + is + "; dockerd wants a string in quotes";
            case ARRAY -> v instanceof List ? null : show(v) + " is " + is + "; dockerd wants a list [ ... ]";
            case OBJECT -> v instanceof Map ? null : show(v) + " is " + is + "; dockerd wants an object { ... }";
            case ANY -> null;
        };
    }

    private static String show(Object v) {
        String s = v instanceof String str ? "\"" + str + "\"" : String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** The keys the command line sets: {@code --live-restore}, {@code --log-level=debug}, {@code -H fd://}. */
    static List<String> flagKeys(List<String> argv) {
        List<String> keys = new ArrayList<>();
        for (String a : argv) {
            if (!a.startsWith("-")) continue;
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String key = FLAG_ALIASES.getOrDefault(name, name.startsWith("--") ? name.substring(2) : null);
            if (key == null) continue;
            // repeatable flags are singular, their keys plural: --label -> labels, --log-opt -> log-opts
            if (!KEYS.containsKey(key) && KEYS.containsKey(key + "s")) key = key + "s";
            if (KEYS.containsKey(key) && !keys.contains(key)) keys.add(key);
        }
        return keys;
    }

    /** The known key a typo was meant to be: the same with '-' for '_' or case, or within two edits. */
    static String closest(String key) {
        String norm = key.toLowerCase(Locale.ROOT).replace('_', '-');
        if (KEYS.containsKey(norm)) return norm;
        String best = null;
        int bestDistance = 3;
        for (String k : KEYS.keySet()) {
            int d = distance(norm, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
