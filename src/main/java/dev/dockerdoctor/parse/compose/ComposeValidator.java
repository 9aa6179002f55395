package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.parse.compose.YNode.Kind;
import dev.dockerdoctor.parse.compose.YNode.YMap;
import dev.dockerdoctor.parse.compose.YNode.YScalar;
import dev.dockerdoctor.parse.compose.YNode.YSeq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks compose makes before it will use a file: the shape of the Compose Specification (which keys exist where,
 * mapping or list, string or not) and the conflicts compose-go refuses (external with driver, name with external.name,
 * device count with device ids). Messages follow compose's wording: {@code services.web.image must be a string}.
 * Not a full JSON-schema validator: it checks what keeps compose from running a file, and what a restore needs.
 */
final class ComposeValidator {

    /** One reason a file would be refused; {@code line} 1-based, 0 when unknown. */
    record Issue(int line, String message) {
    }

    static final Set<String> TOP_LEVEL = Set.of("version", "name", "include", "services", "networks", "volumes",
            "secrets", "configs", "models");

    static final Set<String> SERVICE_KEYS = Set.of("develop", "deploy", "annotations", "attach", "build",
            "blkio_config", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs", "container_name",
            "cpu_count", "cpu_percent", "cpu_shares", "cpu_quota", "cpu_period", "cpu_rt_period", "cpu_rt_runtime",
            "cpus", "cpuset", "credential_spec", "depends_on", "device_cgroup_rules", "devices", "dns", "dns_opt",
            "dns_search", "domainname", "entrypoint", "env_file", "label_file", "environment", "expose", "extends",
            "provider", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck", "hostname", "image",
            "init", "ipc", "isolation", "labels", "links", "logging", "mac_address", "mem_limit", "mem_reservation",
            "mem_swappiness", "memswap_limit", "network_mode", "models", "networks", "oom_kill_disable",
            "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged",
            "profiles", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale",
            "security_opt", "shm_size", "secrets", "sysctls", "stdin_open", "stop_grace_period", "stop_signal",
            "storage_opt", "tmpfs", "tty", "ulimits", "use_api_socket", "user", "uts", "userns_mode", "volumes",
            "volumes_from", "working_dir");

    /** Keys of the old file formats that docker-compose v1 still reads. */
    static final Set<String> LEGACY_SERVICE_KEYS = Set.of("net", "log_driver", "log_opt", "dockerfile",
            "volume_driver", "cpu_shares", "mem_limit", "memswap_limit", "external_links");

    private static final Set<String> VOLUME_MOUNT_KEYS = Set.of("type", "source", "target", "read_only",
            "consistency", "bind", "volume", "tmpfs", "image");
    private static final Set<String> VOLUME_TYPES = Set.of("bind", "volume", "tmpfs", "cluster", "npipe", "image");
    private static final Set<String> BIND_KEYS = Set.of("propagation", "create_host_path", "recursive", "selinux");
    private static final Set<String> VOLUME_OPTS_KEYS = Set.of("labels", "nocopy", "subpath");
    private static final Set<String> TMPFS_KEYS = Set.of("size", "mode");
    private static final Set<String> PORT_KEYS = Set.of("name", "mode", "host_ip", "target", "published", "protocol",
            "app_protocol");
    private static final Set<String> DEPLOY_KEYS = Set.of("mode", "endpoint_mode", "replicas", "labels",
            "rollback_config", "update_config", "resources", "restart_policy", "placement");
    private static final Set<String> RESOURCES_KEYS = Set.of("limits", "reservations");
    private static final Set<String> LIMITS_KEYS = Set.of("cpus", "memory", "pids");
    private static final Set<String> RESERVATIONS_KEYS = Set.of("cpus", "memory", "generic_resources", "devices");
    private static final Set<String> DEVICE_KEYS = Set.of("capabilities", "count", "device_ids", "driver", "options");
    private static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile", "dockerfile_inline", "entitlements",
            "args", "ssh", "labels", "cache_from", "cache_to", "no_cache", "additional_contexts", "network",
            "provenance", "sbom", "pull", "target", "shm_size", "extra_hosts", "isolation", "privileged", "secrets",
            "tags", "ulimits", "platforms");
    private static final Set<String> DEPENDS_KEYS = Set.of("restart", "required", "condition");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
            "service_completed_successfully");
    private static final Set<String> VOLUME_DEF_KEYS = Set.of("name", "driver", "driver_opts", "external", "labels");
    private static final Set<String> NETWORK_DEF_KEYS = Set.of("name", "driver", "driver_opts", "ipam", "external",
            "internal", "enable_ipv4", "enable_ipv6", "attachable", "labels");
    private static final Set<String> INCLUDE_KEYS = Set.of("path", "env_file", "project_directory");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    private final List<Issue> issues = new ArrayList<>();
    private final boolean legacyKeysAllowed;

    private ComposeValidator(boolean legacyKeysAllowed) {
        this.legacyKeysAllowed = legacyKeysAllowed;
    }

    /**
     * Checks one file's top level (after interpolation). In a legacy (version 1) file the services are the top level:
     * pass them as {@code legacyServices} and the top level is not checked.
     */
    static List<Issue> checkFile(YMap top, YMap legacyServices, boolean legacyKeysAllowed) {
        ComposeValidator v = new ComposeValidator(legacyKeysAllowed);
        if (legacyServices != null) {
            v.services(legacyServices, "");
            return v.issues;
        }
        for (Map.Entry<String, YNode> e : top.entries().entrySet()) {
            String k = e.getKey();
            if (!TOP_LEVEL.contains(k) && !k.startsWith("x-")) {
                v.add(e.getValue(), "(root) additional properties '" + k + "' not allowed");
            }
        }
        YNode name = top.get("name");
        if (name != null && !(name instanceof YScalar)) v.add(name, "name must be a string");
        YNode services = top.get("services");
        if (services instanceof YMap m) v.services(m, "services.");
        else if (services != null && !YNode.isNull(services)) v.add(services, "services must be a mapping");
        v.definitions(top, "volumes", VOLUME_DEF_KEYS, true);
        v.definitions(top, "networks", NETWORK_DEF_KEYS, true);
        v.definitions(top, "secrets", null, false);
        v.definitions(top, "configs", null, false);
        v.include(top.get("include"));
        return v.issues;
    }

    private void add(YNode at, String message) {
        issues.add(new Issue(at == null ? 0 : at.line(), message));
    }

    private void services(YMap services, String prefix) {
        for (Map.Entry<String, YNode> e : services.entries().entrySet()) {
            String name = e.getKey();
            String path = prefix + name;
            if (name.startsWith("x-") && prefix.isEmpty()) continue;
            if (!RESOURCE_NAME.matcher(name).matches()) {
                add(e.getValue(), (prefix.isEmpty() ? "(root)" : "services") + " additional properties '" + name + "' not allowed");
                continue;
            }
            YNode svc = e.getValue();
            if (svc.hasTag(ComposeMerge.RESET)) continue;
            if (!(svc instanceof YMap m)) {
                add(svc, path + " must be a mapping");
                continue;
            }
            service(m, path);
        }
    }

    private void service(YMap s, String path) {
        for (Map.Entry<String, YNode> e : s.entries().entrySet()) {
            String k = e.getKey();
            if (SERVICE_KEYS.contains(k) || k.startsWith("x-")) continue;
            if (legacyKeysAllowed && LEGACY_SERVICE_KEYS.contains(k)) continue;
            add(e.getValue(), path + " additional properties '" + k + "' not allowed");
        }
        stringValue(s, "image", path);
        stringValue(s, "container_name", path);
        stringValue(s, "restart", path);
        stringValue(s, "network_mode", path);
        listOrDict(s.get("environment"), path + ".environment");
        listOrDict(s.get("labels"), path + ".labels");
        listOrDict(s.get("annotations"), path + ".annotations");
        listOrDict(s.get("sysctls"), path + ".sysctls");
        listOfStrings(s.get("profiles"), path + ".profiles");
        build(s.get("build"), path + ".build");
        dependsOn(s.get("depends_on"), path + ".depends_on");
        ports(s.get("ports"), path + ".ports");
        volumes(s.get("volumes"), path + ".volumes");
        serviceNetworks(s.get("networks"), path + ".networks");
        deploy(s.get("deploy"), path + ".deploy");
        extendsValue(s.get("extends"), path + ".extends");
        mapping(s.get("healthcheck"), path + ".healthcheck");
        mapping(s.get("logging"), path + ".logging");
    }

    private void stringValue(YMap m, String key, String path) {
        YNode v = m.get(key);
        if (v != null && !(v instanceof YScalar) && !v.hasTag(ComposeMerge.RESET)) add(v, path + "." + key + " must be a string");
    }

    private boolean mapping(YNode v, String path) {
        if (v == null || YNode.isNull(v) || v.hasTag(ComposeMerge.RESET)) return false;
        if (!(v instanceof YMap)) {
            add(v, path + " must be a mapping");
            return false;
        }
        return true;
    }

    private void listOrDict(YNode v, String path) {
        if (v == null || YNode.isNull(v) || v.hasTag(ComposeMerge.RESET)) return;
        if (v instanceof YMap m) {
            m.entries().forEach((k, val) -> {
                if (!(val instanceof YScalar)) add(val, path + "." + k + " must be a boolean, null, number or string");
            });
        } else if (v instanceof YSeq s) {
            for (YNode item : s.items()) {
                if (!(item instanceof YScalar) || YNode.isNull(item)) add(item, path + " items must be strings");
            }
        } else {
            add(v, path + " must be a mapping");
        }
    }

    private void listOfStrings(YNode v, String path) {
        if (v == null || YNode.isNull(v) || v.hasTag(ComposeMerge.RESET)) return;
        if (!(v instanceof YSeq s)) {
            add(v, path + " must be a list");
            return;
        }
        for (YNode item : s.items()) if (!(item instanceof YScalar) || YNode.isNull(item)) add(item, path + " items must be strings");
    }

    private void unknownKeys(YMap m, Set<String> allowed, String path) {
        m.entries().forEach((k, v) -> {
            if (!allowed.contains(k) && !k.startsWith("x-")) add(v, path + " additional properties '" + k + "' not allowed");
        });
    }

    private void build(YNode v, String path) {
        if (v == null || v instanceof YScalar || v.hasTag(ComposeMerge.RESET)) return;
        if (!(v instanceof YMap m)) {
            add(v, path + " must be a string or a mapping");
            return;
        }
        unknownKeys(m, BUILD_KEYS, path);
        listOrDict(m.get("args"), path + ".args");
        listOrDict(m.get("labels"), path + ".labels");
        YNode ssh = m.get("ssh");
        if (ssh != null && !(ssh instanceof YMap) && !(ssh instanceof YSeq)) add(ssh, path + ".ssh must be a mapping");
        else listOrDict(ssh, path + ".ssh");
    }

    private void dependsOn(YNode v, String path) {
        if (v == null || YNode.isNull(v) || v.hasTag(ComposeMerge.RESET)) return;
        if (v instanceof YSeq) {
            listOfStrings(v, path);
        } else if (v instanceof YMap m) {
            m.entries().forEach((dep, opts) -> {
                if (YNode.isNull(opts)) return;
                if (!(opts instanceof YMap om)) {
                    add(opts, path + "." + dep + " must be a mapping");
                    return;
                }
                unknownKeys(om, DEPENDS_KEYS, path + "." + dep);
                String cond = YNode.text(om.get("condition"));
                if (cond != null && !CONDITIONS.contains(cond)) {
                    add(om.get("condition"), path + "." + dep + ".condition must be one of " + String.join(", ", CONDITIONS.stream().sorted().toList()));
                }
            });
        } else {
            add(v, path + " must be a list or a mapping");
        }
    }

    private void ports(YNode v, String path) {
        if (v == null || YNode.isNull(v) || v.hasTag(ComposeMerge.RESET)) return;
        if (!(v instanceof YSeq s)) {
            add(v, path + " must be a list");
            return;
        }
        for (int i = 0; i < s.items().size(); i++) {
            YNode p = s.items().get(i);
            if (p instanceof YMap m) unknownKeys(m, PORT_KEYS, path + "." + i);
            else if (!(p instanceof YScalar) || YNode.isNull(p)) add(p, path + "." + i + " must be a string or number");
        }
    }

    private void volumes(YNode v, String path) {
        if (v == null || YNode.isNull(v) || v.hasTag(ComposeMerge.RESET)) return;
        if (!(v instanceof YSeq s)) {
            add(v, path + " must be a list");
            return;
        }
        for (int i = 0; i < s.items().size(); i++) {
            YNode item = s.items().get(i);
            String p = path + "." + i;
            if (item instanceof YScalar && !YNode.isNull(item)) continue;
            if (!(item instanceof YMap m)) {
                add(item, p + " must be a string or a mapping");
                continue;
            }
            unknownKeys(m, VOLUME_MOUNT_KEYS, p);
            String type = YNode.text(m.get("type"));
            if (type == null) add(m, p + " missing property 'type'");
            else if (!VOLUME_TYPES.contains(type)) add(m.get("type"), p + ".type must be one of " + String.join(", ", VOLUME_TYPES.stream().sorted().toList()));
            if (mapping(m.get("bind"), p + ".bind")) unknownKeys((YMap) m.get("bind"), BIND_KEYS, p + ".bind");
            if (mapping(m.get("volume"), p + ".volume")) unknownKeys((YMap) m.get("volume"), VOLUME_OPTS_KEYS, p + ".volume");
            if (mapping(m.get("tmpfs"), p + ".tmpfs")) {
                YMap t = (YMap) m.get("tmpfs");
                unknownKeys(t, TMPFS_KEYS, p + ".tmpfs");
                YNode size = t.get("size");
                if (size instanceof YScalar sc && !sc.isNull()) {
                    if (sc.kind() == Kind.FLOAT) add(sc, p + ".tmpfs.size must be an integer");
                    else if (sc.kind() == Kind.INT && sc.text().startsWith("-")) add(sc, p + ".tmpfs.size must be greater than or equal to 0");
                } else if (size != null && !YNode.isNull(size)) {
                    add(size, p + ".tmpfs.size must be an integer or a string");
                }
            }
        }
    }

    private void serviceNetworks(YNode v, String path) {
        if (v == null || YNode.isNull(v) || v.hasTag(ComposeMerge.RESET)) return;
        if (v instanceof YSeq) {
            listOfStrings(v, path);
        } else if (v instanceof YMap m) {
            m.entries().forEach((k, val) -> mapping(val, path + "." + k));
        } else {
            add(v, path + " must be a list or a mapping");
        }
    }

    private void deploy(YNode v, String path) {
        if (!mapping(v, path)) return;
        YMap d = (YMap) v;
        unknownKeys(d, DEPLOY_KEYS, path);
        if (!mapping(d.get("resources"), path + ".resources")) return;
        YMap r = (YMap) d.get("resources");
        unknownKeys(r, RESOURCES_KEYS, path + ".resources");
        if (mapping(r.get("limits"), path + ".resources.limits")) {
            unknownKeys((YMap) r.get("limits"), LIMITS_KEYS, path + ".resources.limits");
        }
        if (!mapping(r.get("reservations"), path + ".resources.reservations")) return;
        YMap res = (YMap) r.get("reservations");
        unknownKeys(res, RESERVATIONS_KEYS, path + ".resources.reservations");
        YNode devices = res.get("devices");
        if (devices == null || YNode.isNull(devices)) return;
        String dp = path + ".resources.reservations.devices";
        if (!(devices instanceof YSeq ds)) {
            add(devices, dp + " must be a list");
            return;
        }
        for (int i = 0; i < ds.items().size(); i++) {
            YNode dev = ds.items().get(i);
            if (!mapping(dev, dp + "." + i)) continue;
            YMap dm = (YMap) dev;
            unknownKeys(dm, DEVICE_KEYS, dp + "." + i);
            if (!dm.has("capabilities")) add(dm, dp + "." + i + " missing property 'capabilities'");
            YNode count = dm.get("count");
            if (count instanceof YScalar c && !c.isNull() && c.kind() != Kind.INT && !c.text().equals("all")) {
                add(c, "invalid value \"" + c.text() + "\", the only value allowed is 'all' or a number");
            }
            if (count != null && dm.has("device_ids")) add(dm, dp + "." + i + ": \"count\" and \"device_ids\" attributes are exclusive");
        }
    }

    private void extendsValue(YNode v, String path) {
        if (v == null || v instanceof YScalar) return;
        if (!(v instanceof YMap m)) {
            add(v, path + " must be a string or a mapping");
            return;
        }
        unknownKeys(m, Set.of("service", "file"), path);
        if (YNode.text(m.get("service")) == null) add(m, path + " missing property 'service'");
    }

    private void include(YNode v) {
        if (v == null || YNode.isNull(v)) return;
        if (!(v instanceof YSeq s)) {
            add(v, "include must be a list");
            return;
        }
        for (int i = 0; i < s.items().size(); i++) {
            YNode item = s.items().get(i);
            if (item instanceof YScalar && !YNode.isNull(item)) continue;
            if (!(item instanceof YMap m)) {
                add(item, "include." + i + " must be a string or a mapping");
                continue;
            }
            unknownKeys(m, INCLUDE_KEYS, "include." + i);
            if (!m.has("path")) add(m, "include." + i + " missing property 'path'");
        }
    }

    /** Top-level volumes, networks, secrets, configs: a mapping of names to mappings (or null where allowed). */
    private void definitions(YMap top, String kind, Set<String> allowedKeys, boolean nullAllowed) {
        YNode v = top.get(kind);
        if (v == null || YNode.isNull(v)) return;
        if (!(v instanceof YMap m)) {
            add(v, kind + " must be a mapping");
            return;
        }
        for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
            String name = e.getKey();
            YNode def = e.getValue();
            String path = kind + "." + name;
            if (name.startsWith("x-")) continue;
            if (YNode.isNull(def) || def.hasTag(ComposeMerge.RESET)) {
                if (!nullAllowed) add(def, path + " must be a mapping");
                continue;
            }
            if (!(def instanceof YMap d)) {
                add(def, path + " must be a mapping");
                continue;
            }
            if (allowedKeys != null) unknownKeys(d, allowedKeys, path);
            YNode ext = d.get("external");
            boolean external = ext instanceof YMap || "true".equalsIgnoreCase(YNode.text(ext));
            if (ext instanceof YMap em && em.has("name") && d.has("name")) {
                add(d, path + ": name and external.name conflict; only use name");
            }
            if (external && kind.equals("volumes")) {
                for (String k : List.of("driver", "driver_opts", "labels")) {
                    if (d.has(k)) add(d.get(k), path + ": conflicting parameters \"external\" and \"" + k + "\" specified");
                }
            }
        }
    }
}
