package dev.dockerdoctor;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared corpus of real files (../shared/corpus next to the project, or /work/shared/corpus). */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir(String sub) {
        for (String base : List.of("../shared/corpus", "../../shared/corpus", "/work/shared/corpus")) {
            Path p = Path.of(base, sub);
            if (Files.isDirectory(p)) return p.toAbsolutePath().normalize();
        }
        Assumptions.abort("skipped: the shared corpus (../shared/corpus/" + sub + ") is not on this machine");
        return null;
    }
}
