package dev.dockerdoctor.model;

import java.util.Comparator;
import java.util.List;

/**
 * The daemon's own accounting of its disk use ({@code GET /system/df}), and what a prune could reclaim.
 * Reclaimable means exactly what the matching {@code prune-docker:<what>} step deletes: dangling images no container
 * uses ({@code docker image prune}), stopped containers' writable layers ({@code docker container prune}), build cache
 * not in use ({@code docker builder prune}). Volumes are counted for information only: they hold data and are never
 * pruned.
 */
public record DiskUsage(Category images, Category containers, Category buildCache, Category volumes) {
    public static final String IMAGES = "images";
    public static final String CONTAINERS = "containers";
    public static final String BUILD_CACHE = "build-cache";
    public static final String VOLUMES = "volumes";

    /**
     * One kind of thing Docker stores.
     *
     * @param what             {@link #IMAGES}, {@link #CONTAINERS}, {@link #BUILD_CACHE} or {@link #VOLUMES}
     * @param count            how many there are
     * @param bytes            their size on disk (as the daemon counts it)
     * @param reclaimableCount how many a prune would delete (for volumes: how many no container uses)
     * @param reclaimableBytes what that would free (for volumes: the unused volumes' size)
     * @param reclaimable      what they are, largest first (image ids, container names, cache ids, volume names)
     */
    public record Category(String what, int count, long bytes, int reclaimableCount, long reclaimableBytes,
                           List<Item> reclaimable) {
        public Category {
            reclaimable = List.copyOf(reclaimable);
        }

        public static Category empty(String what) {
            return new Category(what, 0, 0, 0, 0, List.of());
        }
    }

    /** One image, container, cache entry or volume, and its size. */
    public record Item(String name, long bytes) {
    }

    /** What a prune step could free, largest first; volumes never (they hold data), empty categories left out. */
    public List<Category> prunable() {
        return List.of(images, containers, buildCache).stream()
                .filter(c -> c.reclaimableBytes() > 0 || c.reclaimableCount() > 0)
                .sorted(Comparator.comparingLong(Category::reclaimableBytes).reversed())
                .toList();
    }

    /** The prunable category named {@code what} ({@link #IMAGES}, {@link #CONTAINERS}, {@link #BUILD_CACHE}). */
    public java.util.Optional<Category> prunable(String what) {
        return prunable().stream().filter(c -> c.what().equals(what)).findFirst();
    }

    /** Everything the daemon counts, volumes included. */
    public long totalBytes() {
        return images.bytes() + containers.bytes() + buildCache.bytes() + volumes.bytes();
    }
}
