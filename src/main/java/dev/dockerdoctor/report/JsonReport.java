package dev.dockerdoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dockerdoctor.model.Change;
import dev.dockerdoctor.model.ComposeProblem;
import dev.dockerdoctor.model.ComposeProject;
import dev.dockerdoctor.model.ComposeService;
import dev.dockerdoctor.model.DaemonState;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.Evidence;
import dev.dockerdoctor.model.FileChange;
import dev.dockerdoctor.model.Finding;
import dev.dockerdoctor.model.LogEvent;
import dev.dockerdoctor.model.LogStats;
import dev.dockerdoctor.model.Step;

import java.util.List;

/**
 * {@code diagnose --json}: the public JSON shape (README, "JSON"). Every key name is written here and only here.
 */
public final class JsonReport {
    /**
     * The document's version. Within one version keys are only ever added; a key renamed, removed or given another
     * type, or a meaning changed, makes the next version (README, "JSON").
     */
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Diagnosis d) {
        try {
            return MAPPER.writeValueAsString(tree(d));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report", e);
        }
    }

    public static ObjectNode tree(Diagnosis d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("healthy", !d.hasProblems());
        root.put("summary", Summary.verdict(d));
        root.put("takenAt", Times.iso(d.snapshot().takenAt().atZone(d.snapshot().zone()).toOffsetDateTime()));
        root.put("since", Times.iso(d.snapshot().since().atZone(d.snapshot().zone()).toOffsetDateTime()));
        root.set("daemon", daemon(d.snapshot().daemon()));
        ArrayNode roots = root.putArray("dataRoots");
        d.snapshot().dataRoots().forEach(r -> roots.add(dataRoot(r)));
        ArrayNode events = root.putArray("events");
        d.snapshot().events().forEach(e -> events.add(event(e)));
        ArrayNode compose = root.putArray("compose");
        d.snapshot().compose().forEach(p -> compose.add(project(p)));
        ArrayNode composeProblems = root.putArray("composeProblems");
        d.snapshot().composeProblems().forEach(p -> composeProblems.add(composeProblem(p)));
        ArrayNode findings = root.putArray("findings");
        d.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode plan = root.putArray("plan");
        d.plan().forEach(s -> plan.add(step(s)));
        ArrayNode changes = root.putArray("changes");
        d.changes().forEach(c -> changes.add(change(c)));
        root.set("logs", logs(d.snapshot().logStats()));
        root.set("diskUsage", diskUsage(d.snapshot().diskUsage()));
        return root;
    }

    private static ObjectNode daemon(DaemonState s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reachable", s.reachable());
        n.put("dockerRootDir", s.dockerRootDir());
        n.put("storageDriver", s.storageDriver());
        n.put("imageStore", s.imageStore());
        n.put("minApiVersion", s.minApiVersion());
        n.put("serverVersion", s.serverVersion());
        n.put("containers", s.containers());
        n.put("running", s.running());
        n.put("images", s.images());
        n.put("liveRestoreEnabled", s.liveRestoreEnabled());
        n.put("error", s.error());
        return n;
    }

    private static ObjectNode dataRoot(DataRoot r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("path", r.path());
        n.put("active", r.active());
        n.put("containers", r.containers());
        n.put("images", r.images());
        n.put("containerdImages", r.containerdImages());
        n.put("volumes", r.volumes());
        strings(n.putArray("composeProjects"), r.composeProjects());
        n.put("freeBytes", r.freeBytes());
        n.put("totalBytes", r.totalBytes());
        ObjectNode byDriver = n.putObject("imagesByDriver");
        r.imagesByDriver().forEach(byDriver::put);
        return n;
    }

    private static ObjectNode event(LogEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("time", Times.iso(e.time()));
        n.put("kind", e.kind().wire());
        n.put("source", e.source());
        n.put("message", e.message());
        if (e.pkg() != null) {
            n.put("package", e.pkg());
            n.put("from", e.from());
            n.put("to", e.to());
        }
        return n;
    }

    private static ObjectNode project(ComposeProject p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("project", p.name());
        n.put("workingDir", p.workingDir());
        strings(n.putArray("files"), p.files());
        ArrayNode services = n.putArray("services");
        for (ComposeService s : p.services()) {
            ObjectNode sn = services.addObject();
            sn.put("name", s.name());
            sn.put("image", s.image());
            sn.put("state", s.state() == null ? null : s.state().wire());
        }
        strings(n.putArray("namedVolumes"), p.namedVolumes());
        strings(n.putArray("activeProfiles"), p.activeProfiles());
        n.put("foundBy", p.foundBy());
        strings(n.putArray("warnings"), p.warnings());
        return n;
    }

    private static ObjectNode composeProblem(ComposeProblem p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", p.file());
        n.put("line", p.line());
        n.put("message", p.message());
        return n;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", f.id());
        n.put("severity", f.severity().wire());
        n.put("title", f.title());
        n.put("detail", f.detail());
        ArrayNode ev = n.putArray("evidence");
        for (Evidence e : f.evidence()) ev.addObject().put("source", e.source()).put("text", e.text());
        strings(n.putArray("steps"), f.steps());
        return n;
    }

    private static ObjectNode step(Step s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("title", s.title());
        n.put("detail", s.detail());
        strings(n.putArray("commands"), s.commands());
        ArrayNode ch = n.putArray("changes");
        for (FileChange c : s.changes()) {
            ch.addObject().put("file", c.file()).put("key", c.key()).put("from", c.from()).put("to", c.to());
        }
        n.put("mutating", s.mutating());
        n.put("warning", s.warning());
        return n;
    }

    private static ObjectNode change(Change c) {
        return MAPPER.createObjectNode().put("source", c.source()).put("key", c.key())
                .put("old", c.oldValue()).put("new", c.newValue());
    }

    private static ObjectNode logs(LogStats s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("filesRead", s.filesRead());
        n.put("linesRead", s.linesRead());
        n.put("linesSkipped", s.linesSkipped());
        strings(n.putArray("problems"), s.problems());
        n.put("elapsedMillis", s.elapsedMillis());
        return n;
    }

    /** The daemon's /system/df, or null when it was not read. Volumes say "unused", never "reclaimable". */
    private static ObjectNode diskUsage(DiskUsage u) {
        if (u == null) return null;
        ObjectNode n = MAPPER.createObjectNode();
        n.set("images", category(u.images(), "reclaimable"));
        n.set("containers", category(u.containers(), "reclaimable"));
        n.set("buildCache", category(u.buildCache(), "reclaimable"));
        n.set("volumes", category(u.volumes(), "unused"));
        return n;
    }

    private static ObjectNode category(DiskUsage.Category c, String part) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("count", c.count());
        n.put("bytes", c.bytes());
        n.put(part + "Count", c.reclaimableCount());
        n.put(part + "Bytes", c.reclaimableBytes());
        ArrayNode items = n.putArray(part);
        c.reclaimable().forEach(i -> items.addObject().put("name", i.name()).put("bytes", i.bytes()));
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
