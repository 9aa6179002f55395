package dev.dockerdoctor.evidence;

import dev.dockerdoctor.model.LogEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared pieces of the log phase: the files of a log family, what a line scan says, and the running tally. */
final class LogScan {
    private LogScan() {
    }

    /** One file of a family: its host path (the event source), where it really is, its mtime and size. */
    record LogFile(String hostPath, Path real, long mtimeMillis, long size) {
    }

    enum Verdict { USED, UNUSABLE, STOP }

    /** Consumes a family's lines newest first, across its files (gzip files are replayed newest first too). */
    interface FamilySink {
        /** A new (older) file begins. */
        void beginFile(LogFile f);

        Verdict line(byte[] b, int off, int len);

        /** A block of a plain file, before its lines (see {@link LineReaders.Sink#block}). */
        default void block(byte[] buf, int n, int firstLine) {
        }

        /** The block's whole lines at a glance (see {@link LineReaders.Sink#skim}); -1 to have them one by one. */
        default long skim(byte[] buf, int from, int to, LineReaders.Closer closer) {
            return -1;
        }

        /** For gzip files, read forwards first: whether the line must be kept for the newest-first replay. */
        default boolean keep(byte[] b, int off, int len) { return true; }

        /** All files done (or stopped): emit what is pending. */
        default void finish() {
        }

        List<LogEvent> events();
    }

    /** The running tally behind {@link dev.dockerdoctor.model.LogStats}. */
    static final class Tally {
        int files;
        long lines;
        long skipped;
        long bytes;
        final List<String> problems = new ArrayList<>();

        synchronized void add(Tally t) {
            files += t.files;
            lines += t.lines;
            skipped += t.skipped;
            bytes += t.bytes;
            problems.addAll(t.problems);
        }
    }
}
