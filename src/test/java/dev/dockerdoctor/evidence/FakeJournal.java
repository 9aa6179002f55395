package dev.dockerdoctor.evidence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A journal that answers with fixed JSON lines and remembers what it was asked. */
public final class FakeJournal implements Journal {
    final List<String> lines;
    final List<Path> askedDirectories = new ArrayList<>();
    Instant askedSince;

    FakeJournal(List<String> lines) {
        this.lines = lines;
    }

    /** A journal with nothing in it. */
    public static FakeJournal empty() {
        return new FakeJournal(List.of());
    }

    @Override
    public List<String> read(Path directory, Instant since, Instant until, Predicate<String> sink) {
        askedDirectories.add(directory);
        askedSince = since;
        for (String l : lines) {
            if (!sink.test(l)) break;
        }
        return List.of();
    }
}
