package dev.dockerdoctor.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dockerdoctor.model.Diagnosis;
import dev.dockerdoctor.store.AtomicFile;
import dev.dockerdoctor.store.StateJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reports kept in the state folder ({@code reports/<id>.json}) as well as in memory, so a button posted before the
 * bot restarted still resolves after it. The newest {@code keep} reports are kept; older files are deleted.
 */
public final class FileReportStore implements ReportStore {
    private static final Logger log = LoggerFactory.getLogger(FileReportStore.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,80}");
    private static final ObjectMapper JSON = StateJson.MAPPER;

    private final InMemoryReportStore memory;
    private final Path dir;
    private final int keep;

    public FileReportStore(Path stateDir, int keep) {
        this.memory = new InMemoryReportStore(keep);
        this.dir = stateDir.resolve("reports");
        this.keep = keep;
    }

    @Override
    public StoredReport save(Diagnosis diagnosis) {
        StoredReport r = memory.save(diagnosis);
        try {
            AtomicFile.write(dir.resolve(r.id() + ".json"), JSON.writeValueAsBytes(diagnosis));
            prune();
        } catch (IOException e) {
            // the report still works until the bot restarts
            log.warn("Could not keep report {} in {}: {}", r.id(), dir, e.toString());
        }
        return r;
    }

    @Override
    public Optional<StoredReport> find(String reportId) {
        Optional<StoredReport> inMemory = memory.find(reportId);
        if (inMemory.isPresent() || reportId == null || !SAFE_ID.matcher(reportId).matches()) return inMemory;
        Path f = dir.resolve(reportId + ".json");
        if (!Files.exists(f)) return Optional.empty();
        try {
            return Optional.of(new StoredReport(reportId, JSON.readValue(f.toFile(), Diagnosis.class)));
        } catch (IOException e) {
            log.warn("Report file {} cannot be read ({}); its buttons answer as expired", f, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void prune() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(FileReportStore::modified).reversed()).toList();
        }
        for (Path old : files.subList(Math.min(keep, files.size()), files.size())) Files.deleteIfExists(old);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
