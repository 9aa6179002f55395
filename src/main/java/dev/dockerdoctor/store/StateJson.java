package dev.dockerdoctor.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * The one JSON form of the files the bot keeps in its state folder (last known good, incidents, reports): times and
 * durations in ISO text, indented for a person reading them, fields a newer version added ignored.
 */
public final class StateJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private StateJson() {
    }

    /**
     * A kept file's content, or {@code empty} when there is none. One that cannot be read (cut off, junk, a newer
     * form) is moved aside as {@code NAME.corrupt-<millis>}, kept for a person, not lost; {@code warn} is told.
     */
    public static <T> T readOr(Path file, TypeReference<T> type, T empty, Consumer<String> warn) {
        if (!Files.isRegularFile(file)) return empty;
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            String kept;
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                kept = "; moved it to " + aside;
            } catch (IOException moved) {
                kept = "; could not move it aside (" + moved.getMessage() + ")";
            }
            warn.accept(file + " cannot be read (" + e.getMessage() + ")" + kept);
            return empty;
        }
    }

    /** Writes a kept file atomically (AtomicFile); when it cannot, {@code warn} is told and the caller keeps going. */
    public static void writeOr(Path file, Object content, Consumer<String> warn) {
        try {
            AtomicFile.write(file, MAPPER.writeValueAsBytes(content));
        } catch (IOException e) {
            warn.accept("cannot write " + file + ": " + e);
        }
    }
}
