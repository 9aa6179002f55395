package dev.dockerdoctor.parse.logs;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Syslog lines as rsyslog and {@code journalctl}'s short output write them: classic
 * ({@code Oct  7 06:20:17 host prog[pid]: msg}, space- or zero-padded day, localised month names) and RFC3339
 * ({@code 2024-04-21T12:04:54.026767+02:00 host prog: msg}, offset with or without a colon, or none).
 * Works on bytes so a scan can read the time of every line without decoding it; the String forms are for callers
 * that have text. Lines that are no record ({@code journalctl -xe}'s {@code -- } catalogue lines, blank lines,
 * continuation lines, junk) give null, never an exception.
 */
public final class SyslogParser {
    /** A tag longer than this is taken as message text, not a program name. */
    private static final int MAX_TAG = 48;

    private SyslogParser() {
    }

    /** Parses the time at the head of {@code b[off, off+len)} into {@code out}; false when the line has none. */
    public static boolean parseStamp(byte[] b, int off, int len, Stamp out) {
        out.clear();
        int end = off + len;
        if (len < 15) return false;
        byte c = b[off];
        boolean ok = c >= '0' && c <= '9' ? rfc3339(b, off, end, out) : classic(b, off, end, out);
        if (!ok) out.clear();
        return ok;
    }

    /** A whole record, or null when the line is none. */
    public static SyslogLine parse(String line) {
        if (line == null) return null;
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    public static SyslogLine parse(byte[] b, int off, int len) {
        while (len > 0 && (b[off + len - 1] == '\r' || b[off + len - 1] == '\n')) len--;
        Stamp st = new Stamp();
        if (!parseStamp(b, off, len, st)) return null;
        return rest(b, st, off + len);
    }

    /**
     * Every record of a text, in order. Lines that start with white space continue the record before them (their
     * text joins its message after a newline); {@code -- } catalogue lines and other non-records are left out.
     */
    public static List<SyslogLine> parseAll(String text) {
        List<SyslogLine> out = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty() || isCatalogLine(line)) continue;
            char c = line.charAt(0);
            if ((c == ' ' || c == '\t') && !out.isEmpty()) {
                SyslogLine prev = out.remove(out.size() - 1);
                out.add(new SyslogLine(prev.year(), prev.month(), prev.day(), prev.time(), prev.offset(), prev.host(),
                        prev.program(), prev.pid(), prev.message() + "\n" + line));
                continue;
            }
            SyslogLine rec = parse(line);
            if (rec != null) out.add(rec);
        }
        return out;
    }

    /** {@code journalctl -xe} explanations and journalctl's own notes ({@code -- Boot ... --}, {@code -- No entries --}). */
    public static boolean isCatalogLine(String line) {
        return line.startsWith("-- ") || line.equals("--");
    }

    public static boolean isCatalogLine(byte[] b, int off, int len) {
        return len >= 2 && b[off] == '-' && b[off + 1] == '-' && (len == 2 || b[off + 2] == ' ');
    }

    /**
     * dockerd's own time ({@code time="2021-10-07T06:27:14.654751359+08:00" level=info msg=...}): exact, with a year
     * and an offset. Null when the message does not start with one or it does not parse.
     */
    public static OffsetDateTime logrusTime(String message) {
        if (message == null || !message.startsWith("time=\"")) return null;
        int close = message.indexOf('"', 6);
        if (close < 0 || close - 6 > 48) return null;
        // parsed by hand like the syslog stamp: java.time's ISO parser costs a cold CLI tens of milliseconds
        byte[] b = message.substring(6, close).getBytes(StandardCharsets.ISO_8859_1);
        Stamp st = new Stamp();
        if (!parseStamp(b, 0, b.length, st) || !st.hasYear() || !st.hasOffset()) return null;
        int sod = st.secondOfDay;
        return OffsetDateTime.of(st.year, st.month, st.day, sod / 3600, sod / 60 % 60, sod % 60, st.nanos,
                ZoneOffset.ofTotalSeconds(st.offsetSeconds));
    }

    private static SyslogLine rest(byte[] b, Stamp st, int end) {
        int i = st.end;
        if (i >= end) return null;
        i++; // the one space after the stamp
        int hostStart = i;
        while (i < end && b[i] != ' ') i++;
        if (i == hostStart) return null;
        String host = str(b, hostStart, i);
        while (i < end && b[i] == ' ') i++;
        int tagStart = i;
        int j = i;
        int lim = Math.min(end, tagStart + MAX_TAG);
        while (j < lim && b[j] != ':' && b[j] != '[') j++;
        String program = null;
        String pid = null;
        int msgStart = tagStart;
        if (j < lim && b[j] == '[') {
            int k = j + 1;
            while (k < end && k - j <= 24 && b[k] != ']') k++;
            if (k < end && b[k] == ']') {
                program = str(b, tagStart, j);
                pid = str(b, j + 1, k);
                msgStart = k + 1;
                if (msgStart < end && b[msgStart] == ':') msgStart++;
                if (msgStart < end && b[msgStart] == ' ') msgStart++;
            }
        } else if (j < lim && b[j] == ':') {
            program = str(b, tagStart, j);
            msgStart = j + 1;
            if (msgStart < end && b[msgStart] == ' ') msgStart++;
        }
        if (program != null && program.isBlank()) program = null;
        LocalTime time = LocalTime.ofSecondOfDay(st.secondOfDay).withNano(st.nanos);
        ZoneOffset offset = st.hasOffset() ? ZoneOffset.ofTotalSeconds(st.offsetSeconds) : null;
        return new SyslogLine(st.hasYear() ? st.year : null, st.month, st.day, time, offset, host, program, pid,
                str(b, msgStart, end));
    }

    private static String str(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    private static boolean classic(byte[] b, int off, int end, Stamp out) {
        int i = off;
        int lim = Math.min(end, off + Months.MAX_BYTES + 1);
        while (i < lim && b[i] != ' ') i++;
        if (i >= lim || b[i] != ' ') return false;
        int month = Months.lookup(b, off, i - off);
        if (month == 0) return false;
        i++;
        if (i < end && b[i] == ' ') i++;
        int day = digit(b, i, end);
        if (day < 0) return false;
        i++;
        int d2 = digit(b, i, end);
        if (d2 >= 0) {
            day = day * 10 + d2;
            i++;
        }
        if (day < 1 || day > 31 || i >= end || b[i] != ' ') return false;
        i++;
        int sod = hms(b, i, end);
        if (sod < 0) return false;
        i += 8;
        i = fraction(b, i, end, out);
        if (i < 0 || (i < end && b[i] != ' ')) return false;
        out.month = month;
        out.day = day;
        out.secondOfDay = sod;
        out.end = i;
        return true;
    }

    private static boolean rfc3339(byte[] b, int off, int end, Stamp out) {
        if (end - off < 19) return false;
        int year = num(b, off, 4);
        if (year < 1 || b[off + 4] != '-' || b[off + 7] != '-' || b[off + 10] != 'T') return false;
        int month = num(b, off + 5, 2);
        int day = num(b, off + 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > Dates.lengthOfMonth(year, month)) return false;
        int sod = hms(b, off + 11, end);
        if (sod < 0) return false;
        int i = fraction(b, off + 19, end, out);
        if (i < 0) return false;
        if (i < end && (b[i] == 'Z' || b[i] == 'z')) {
            out.offsetSeconds = 0;
            i++;
        } else if (i < end && (b[i] == '+' || b[i] == '-')) {
            int sign = b[i] == '-' ? -1 : 1;
            int hh = num(b, i + 1, 2);
            if (hh < 0 || hh > 18 || i + 3 > end) return false;
            i += 3;
            int mm = 0;
            if (i < end && b[i] == ':') {
                mm = num(b, i + 1, 2);
                if (mm < 0 || i + 3 > end) return false;
                i += 3;
            } else if (i + 2 <= end && digit(b, i, end) >= 0) {
                mm = num(b, i, 2);
                if (mm < 0) return false;
                i += 2;
            }
            if (mm > 59) return false;
            out.offsetSeconds = sign * (hh * 3600 + mm * 60);
        }
        if (i < end && b[i] != ' ') return false;
        out.year = year;
        out.month = month;
        out.day = day;
        out.secondOfDay = sod;
        out.end = i;
        return true;
    }

    /** Optional ".ddd..." after the seconds; returns the index after it (or -1 when malformed). */
    private static int fraction(byte[] b, int i, int end, Stamp out) {
        if (i >= end || b[i] != '.') return i;
        i++;
        int start = i;
        int nanos = 0;
        while (i < end && i - start < 9 && b[i] >= '0' && b[i] <= '9') {
            nanos = nanos * 10 + (b[i] - '0');
            i++;
        }
        if (i == start) return -1;
        for (int k = i - start; k < 9; k++) nanos *= 10;
        while (i < end && b[i] >= '0' && b[i] <= '9') i++; // digits beyond nanoseconds
        out.nanos = nanos;
        return i;
    }

    /** HH:MM:SS at i as a second of day, or -1. A leap second (:60) counts as :59. */
    private static int hms(byte[] b, int i, int end) {
        if (i + 8 > end || b[i + 2] != ':' || b[i + 5] != ':') return -1;
        int h = num(b, i, 2), m = num(b, i + 3, 2), s = num(b, i + 6, 2);
        if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 60) return -1;
        return h * 3600 + m * 60 + Math.min(s, 59);
    }

    private static int num(byte[] b, int i, int n) {
        if (i + n > b.length) return -1;
        int v = 0;
        for (int k = 0; k < n; k++) {
            int c = b[i + k] - '0';
            if (c < 0 || c > 9) return -1;
            v = v * 10 + c;
        }
        return v;
    }

    private static int digit(byte[] b, int i, int end) {
        if (i >= end) return -1;
        int c = b[i] - '0';
        return c >= 0 && c <= 9 ? c : -1;
    }
}
