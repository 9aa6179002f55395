package dev.dockerdoctor.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.model.DiskUsage;
import dev.dockerdoctor.model.DiskUsage.Category;
import dev.dockerdoctor.model.DiskUsage.Item;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the daemon's {@code GET /system/df} answer into a {@link DiskUsage}, counting as reclaimable exactly what the
 * prune commands delete: {@code docker image prune} (without {@code -a}) removes dangling images that no container
 * uses, {@code docker container prune} every container that is not running, {@code docker builder prune} build cache
 * that is neither in use nor shared. Sizes the daemon did not compute (-1, or a missing field) count as 0.
 * Anything that is not the expected JSON is empty, never an exception.
 */
public final class SystemDfParser {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());
    /** Container states {@code docker container prune} deletes: everything not running, paused or restarting. */
    static final Set<String> STOPPED = Set.of("exited", "created", "dead");

    private SystemDfParser() {
    }

    public static Optional<DiskUsage> parse(String json) {
        if (json == null || json.isBlank()) return Optional.empty();
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) return Optional.empty();
        return Optional.of(new DiskUsage(images(root), containers(root), buildCache(root), volumes(root)));
    }

    private static Category images(JsonNode root) {
        JsonNode images = root.path("Images");
        List<Item> dangling = new ArrayList<>();
        long sum = 0;
        for (JsonNode i : images) {
            long size = size(i.path("Size"));
            sum += size;
            // -1 means "not counted": such an image is not known to be unused
            if (isDangling(i) && i.path("Containers").asLong(-1) == 0) {
                long shared = size(i.path("SharedSize"));
                dangling.add(new Item(imageName(i), Math.max(0, size - shared)));
            }
        }
        long layers = size(root.path("LayersSize"));
        return category(DiskUsage.IMAGES, images.size(), layers > 0 ? layers : sum, dangling);
    }

    /** No tag but Docker's placeholder: {@code []}, null or {@code ["<none>:<none>"]}. */
    static boolean isDangling(JsonNode image) {
        for (JsonNode t : image.path("RepoTags")) {
            if (!"<none>:<none>".equals(t.asText())) return false;
        }
        return true;
    }

    // the short id, and where it came from when a digest still names its repository
    private static String imageName(JsonNode i) {
        String id = i.path("Id").asText("");
        if (id.startsWith("sha256:")) id = id.substring(7);
        String shortId = id.length() > 12 ? id.substring(0, 12) : id;
        for (JsonNode d : i.path("RepoDigests")) {
            String digest = d.asText("");
            int at = digest.indexOf('@');
            if (at > 0 && !digest.startsWith("<none>")) return shortId + " (untagged " + digest.substring(0, at) + ")";
        }
        return shortId;
    }

    private static Category containers(JsonNode root) {
        JsonNode containers = root.path("Containers");
        List<Item> stopped = new ArrayList<>();
        long sum = 0;
        for (JsonNode c : containers) {
            long rw = size(c.path("SizeRw")); // absent when 0
            sum += rw;
            if (STOPPED.contains(c.path("State").asText(""))) stopped.add(new Item(containerName(c), rw));
        }
        return category(DiskUsage.CONTAINERS, containers.size(), sum, stopped);
    }

    private static String containerName(JsonNode c) {
        JsonNode names = c.path("Names");
        String name = names.size() > 0 ? names.get(0).asText("") : "";
        if (name.startsWith("/")) name = name.substring(1);
        if (!name.isEmpty()) return name;
        String id = c.path("Id").asText("");
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static Category buildCache(JsonNode root) {
        JsonNode cache = root.path("BuildCache"); // null on a daemon that never ran BuildKit
        List<Item> unused = new ArrayList<>();
        long sum = 0;
        for (JsonNode b : cache) {
            long size = size(b.path("Size"));
            boolean shared = b.path("Shared").asBoolean(false);
            if (!shared) sum += size;
            if (!b.path("InUse").asBoolean(false) && !shared) {
                String id = b.path("ID").asText("");
                String desc = b.path("Description").asText("");
                String name = (id.length() > 12 ? id.substring(0, 12) : id)
                        + (desc.isBlank() ? "" : " " + (desc.length() > 60 ? desc.substring(0, 57) + "..." : desc));
                unused.add(new Item(name, size));
            }
        }
        return category(DiskUsage.BUILD_CACHE, cache.size(), sum, unused);
    }

    private static Category volumes(JsonNode root) {
        JsonNode volumes = root.path("Volumes");
        List<Item> unused = new ArrayList<>();
        long sum = 0;
        for (JsonNode v : volumes) {
            JsonNode usage = v.path("UsageData");
            long size = size(usage.path("Size"));
            sum += size;
            if (usage.path("RefCount").asLong(-1) == 0) unused.add(new Item(v.path("Name").asText(""), size));
        }
        return category(DiskUsage.VOLUMES, volumes.size(), sum, unused);
    }

    private static Category category(String what, int count, long bytes, List<Item> items) {
        List<Item> sorted = items.stream().sorted(Comparator.comparingLong(Item::bytes).reversed()).toList();
        long reclaimable = sorted.stream().mapToLong(Item::bytes).sum();
        return new Category(what, count, bytes, sorted.size(), reclaimable, sorted);
    }

    private static long size(JsonNode n) {
        long v = n.asLong(0);
        return Math.max(0, v);
    }
}
