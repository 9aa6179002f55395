package dev.dockerdoctor.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.model.DataRoot;
import dev.dockerdoctor.model.DiskContainer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds Docker data roots on disk without the daemon: a folder holding {@code containers/}, plus {@code image/},
 * {@code volumes/} or {@code engine-id}. Looks at the given places (globs like {@code /data*}, {@code /mnt/*}) a few
 * levels deep, never descending into a root it found (its layer folders can hold millions of files), and counts
 * what each root holds by reading its metadata, not its layers.
 */
public final class DataRootScanner {
    private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Folders never worth descending into while searching. */
    private static final Set<String> SKIP = Set.of("proc", "sys", "dev", "run", "tmp", "lost+found", "node_modules",
            ".git", ".cache", "snap");
    static final int MAX_DIRS_VISITED = 20_000;
    /** No place searched gets fewer folders than this, however many places there are. */
    static final int MIN_SHARE = 2_000;
    private static final long MAX_CONFIG_BYTES = 4 << 20;

    private final HostFiles files;
    private final int maxDepth;
    private final int maxDirsVisited;

    public DataRootScanner(HostFiles files, int maxDepth) {
        this(files, maxDepth, MAX_DIRS_VISITED);
    }

    /** @param maxDirsVisited the folders the whole search may look at, shared among the places searched */
    DataRootScanner(HostFiles files, int maxDepth, int maxDirsVisited) {
        this.files = files;
        this.maxDepth = maxDepth;
        this.maxDirsVisited = maxDirsVisited;
    }

    public DataRootScanner(HostFiles files) {
        this(files, 3);
    }

    /**
     * @param searchPatterns host paths, a trailing {@code *} segment expands to the folder's entries (DOCTOR_DATA_ROOT_SEARCH)
     * @param knownRoots     host paths to look at as they are (the live root, configured roots, mount points)
     * @param liveRoot       the daemon's root, marked active (may be null)
     */
    public List<DataRoot> scan(Collection<String> searchPatterns, Collection<String> knownRoots, String liveRoot) {
        return search(searchPatterns, knownRoots, liveRoot).roots();
    }

    /** The roots found, and the places whose search stopped on its budget before it was done. */
    public record Scan(List<DataRoot> roots, List<String> unfinished) {
    }

    /**
     * As {@link #scan}, saying where it did not finish. Every place searched gets its own share of the budget, in the
     * order given (the likely places first): a folder of 200,000 empty folders uses up its own share, not the search.
     */
    public Scan search(Collection<String> searchPatterns, Collection<String> knownRoots, String liveRoot) {
        Set<Path> found = new LinkedHashSet<>();
        List<String> unfinished = new ArrayList<>();
        Path live = liveRoot == null ? null : files.resolve(liveRoot);
        // the live root is a root even when it is brand new and nearly empty: that is the drift case
        if (live != null && Files.isDirectory(live)) found.add(live);
        for (String known : knownRoots) {
            Path p = files.resolve(known);
            if (isDataRoot(p)) found.add(p);
        }
        List<Path> starts = new ArrayList<>();
        for (String pattern : searchPatterns) {
            for (Path start : expand(pattern)) if (!starts.contains(start)) starts.add(start);
        }
        int share = Math.max(MIN_SHARE, maxDirsVisited / Math.max(1, starts.size()));
        for (Path start : starts) {
            int[] budget = {share};
            search(start, 0, found, budget);
            if (budget[0] < 0) unfinished.add(files.hostPath(start));
        }
        List<DataRoot> out = new ArrayList<>();
        Set<Path> seenReal = new LinkedHashSet<>();
        for (Path p : found) {
            Path real = realPath(p);
            if (!seenReal.add(real)) continue; // the same root reached through a symlink or a bind mount path
            boolean active = live != null && (p.equals(live) || real.equals(realPath(live)));
            out.add(describe(p, active));
        }
        return new Scan(out, unfinished);
    }

    /** A host path pattern, with {@code *} in its last segments, expanded to existing folders. */
    List<Path> expand(String pattern) {
        List<Path> current = List.of(files.resolve("/"));
        for (String seg : pattern.split("/")) {
            if (seg.isEmpty()) continue;
            List<Path> next = new ArrayList<>();
            for (Path c : current) {
                if (!seg.contains("*")) {
                    Path p = c.resolve(seg);
                    if (Files.isDirectory(p)) next.add(p);
                    continue;
                }
                Pattern re = Pattern.compile(seg.replace(".", "\\.").replace("*", ".*"));
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(c)) {
                    for (Path e : ds) {
                        if (re.matcher(e.getFileName().toString()).matches() && Files.isDirectory(e)) next.add(e);
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable folder: nothing to find there
                }
            }
            next.sort(null);
            current = next;
        }
        return current;
    }

    private void search(Path dir, int depth, Set<Path> found, int[] budget) {
        if (budget[0]-- <= 0 || found.contains(dir)) return;
        if (isDataRoot(dir)) {
            found.add(dir);
            return;
        }
        if (depth >= maxDepth) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            List<Path> children = new ArrayList<>();
            for (Path c : ds) {
                String name = c.getFileName().toString();
                if (SKIP.contains(name) || !Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) continue;
                children.add(c);
            }
            children.sort(null);
            for (Path c : children) search(c, depth + 1, found, budget);
        } catch (IOException | RuntimeException e) {
            // unreadable: skip
        }
    }

    static boolean isDataRoot(Path p) {
        if (!Files.isDirectory(p.resolve("containers"))) return false;
        return Files.isDirectory(p.resolve("image")) || Files.isDirectory(p.resolve("volumes"))
                || Files.isDirectory(p.resolve("containerd")) || Files.exists(p.resolve("engine-id"));
    }

    DataRoot describe(Path root, boolean active) {
        List<DiskContainer> containers = containers(root.resolve("containers"));
        Set<String> projects = new TreeSet<>();
        containers.forEach(c -> {
            if (c.composeProject() != null) projects.add(c.composeProject());
        });
        Map<String, Integer> imagesByDriver = new LinkedHashMap<>();
        Set<String> imageIds = new LinkedHashSet<>();
        for (String d : names(root.resolve("image"))) {
            if (!Files.isDirectory(root.resolve("image").resolve(d))) continue;
            List<String> ids = names(root.resolve("image").resolve(d).resolve("imagedb/content/sha256"));
            imagesByDriver.put(d, ids.size());
            imageIds.addAll(ids);
        }
        int images = imageIds.size();
        int volumes = (int) names(root.resolve("volumes")).stream()
                .filter(n -> Files.isDirectory(root.resolve("volumes").resolve(n))).count();
        Long free = null;
        Long total = null;
        try {
            FileStore fs = Files.getFileStore(root);
            free = fs.getUsableSpace();
            total = fs.getTotalSpace();
        } catch (IOException | RuntimeException e) {
            // unknown free space is said as null
        }
        return new DataRoot(files.hostPath(root), active, containers.size(), images, volumes, List.copyOf(projects),
                free, total, imagesByDriver, containers, ContainerdContent.images(root.resolve(ContainerdContent.OWN_STORE)));
    }

    private List<DiskContainer> containers(Path dir) {
        List<DiskContainer> out = new ArrayList<>();
        for (String id : names(dir)) {
            if (!CONTAINER_ID.matcher(id).matches()) continue;
            Path config = dir.resolve(id).resolve("config.v2.json");
            if (!Files.isRegularFile(config)) continue;
            out.add(readContainer(id, config));
        }
        return out;
    }

    /** A container's name, image, state and labels from its config.v2.json; an unreadable one still counts. */
    static DiskContainer readContainer(String id, Path config) {
        try {
            if (Files.size(config) > MAX_CONFIG_BYTES) return new DiskContainer(id, null, null, false, Map.of());
            JsonNode n = JSON.readTree(config.toFile());
            String name = n.path("Name").asText("");
            if (name.startsWith("/")) name = name.substring(1);
            Map<String, String> labels = new LinkedHashMap<>();
            n.path("Config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            return new DiskContainer(id, name.isEmpty() ? null : name, n.path("Config").path("Image").asText(null),
                    n.path("State").path("Running").asBoolean(false), labels, n.path("Driver").asText(null));
        } catch (IOException | RuntimeException e) {
            return new DiskContainer(id, null, null, false, Map.of());
        }
    }

    private static List<String> names(Path dir) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) out.add(p.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
