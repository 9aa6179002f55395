package dev.dockerdoctor.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code GET /containers/{id}/logs} as lines. Without a TTY the daemon multiplexes stdout and stderr into
 * frames, each behind an 8-byte header ({@code [stream, 0, 0, 0, size as 4 bytes big-endian]}); with a TTY the body is
 * the raw output. Lines are cleaned for display (terminal escapes and control characters dropped, long lines cut).
 */
public final class DockerLogStream {
    static final int MAX_LINE = 300;
    private static final int HEADER = 8;

    private DockerLogStream() {
    }

    /**
     * @param tty      whether the container has a TTY; null when unknown (then the framing is recognised by its header)
     * @param maxLines keep only this many last lines
     */
    public static List<String> lines(byte[] body, Boolean tty, int maxLines) {
        if (body == null || body.length == 0 || maxLines <= 0) return List.of();
        boolean framed = tty == null ? looksFramed(body) : !tty;
        byte[] text = framed ? unframe(body) : body;
        String s = new String(text, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : s.split("\n", -1)) out.add(clean(line));
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
        return List.copyOf(out.subList(Math.max(0, out.size() - maxLines), out.size()));
    }

    /** A header of stream 0, 1 or 2 with three zero bytes after it. */
    static boolean looksFramed(byte[] b) {
        return b.length >= HEADER && b[0] >= 0 && b[0] <= 2 && b[1] == 0 && b[2] == 0 && b[3] == 0;
    }

    /** The payloads in order (stdout and stderr interleaved as they were written); a cut last frame keeps its part. */
    static byte[] unframe(byte[] b) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length);
        int i = 0;
        while (i + HEADER <= b.length) {
            long size = ((b[i + 4] & 0xffL) << 24) | ((b[i + 5] & 0xffL) << 16) | ((b[i + 6] & 0xffL) << 8) | (b[i + 7] & 0xffL);
            int start = i + HEADER;
            int len = (int) Math.min(size, b.length - start);
            out.write(b, start, len);
            i = start + len;
        }
        return out.toByteArray();
    }

    static String clean(String line) {
        String s = line.replace('\t', ' ').replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "") // colours and cursor moves
                .replaceAll("\\p{Cntrl}", "")
                .stripTrailing();
        return s.length() > MAX_LINE ? s.substring(0, MAX_LINE - 3) + "..." : s;
    }
}
