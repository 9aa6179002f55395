package dev.dockerdoctor.parse;

import dev.dockerdoctor.testing.Resources;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DockerLogStreamTest {

    private static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) stream, 0, 0, 0, (byte) (p.length >>> 24), (byte) (p.length >>> 16),
                (byte) (p.length >>> 8), (byte) p.length});
        out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void shouldDecodeTheMultiplexedStreamRecordedFromARealDaemon() {
        // `sh -c 'echo starting; echo boom >&2; exit 3'` under restart: always, tail=6, no TTY
        byte[] body = Resources.bytes("docker/logs-multiplexed-20.10.bin");

        assertThat(DockerLogStream.lines(body, false, 20)).containsExactly("boom", "starting", "starting", "boom", "boom", "starting");
        assertThat(DockerLogStream.lines(body, null, 20)).as("framing recognised without knowing the TTY")
                .containsExactly("boom", "starting", "starting", "boom", "boom", "starting");
        assertThat(DockerLogStream.lines(body, false, 2)).containsExactly("boom", "starting");
    }

    @Test
    void shouldReadATtyContainersRawOutput() {
        byte[] body = Resources.bytes("docker/logs-tty-20.10.bin");

        assertThat(DockerLogStream.lines(body, true, 20)).containsExactly("tty line", "tty line", "tty line", "tty line");
        assertThat(DockerLogStream.lines(body, null, 20)).hasSize(4);
    }

    @Test
    void shouldJoinALineSplitAcrossFramesAndMultiByteCharacters() {
        byte[] euro = "Gr\u00fc\u00dfe \u20ac".getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(frame(1, "first half, "), frame(1, "second half\n"),
                new byte[]{1, 0, 0, 0, 0, 0, 0, (byte) (euro.length + 1)}, euro, "\n".getBytes(StandardCharsets.UTF_8));

        assertThat(DockerLogStream.lines(body, false, 20)).containsExactly("first half, second half", "Gr\u00fc\u00dfe \u20ac");
    }

    @Test
    void shouldCleanTerminalEscapesAndCutLongLinesAndSurviveACutFrame() {
        String red = "\u001B[31mERROR\u001B[0m\tdisk full\r";
        byte[] body = concat(frame(2, red + "\n" + "x".repeat(1000) + "\n"), new byte[]{1, 0, 0, 0, 0, 0, 1, 0}, "cut".getBytes());

        List<String> lines = DockerLogStream.lines(body, false, 20);
        assertThat(lines.get(0)).isEqualTo("ERROR disk full");
        assertThat(lines.get(1)).hasSize(DockerLogStream.MAX_LINE).endsWith("...");
        assertThat(lines.get(2)).isEqualTo("cut");
    }

    @Test
    void shouldGiveNothingForNothing() {
        assertThat(DockerLogStream.lines(new byte[0], false, 20)).isEmpty();
        assertThat(DockerLogStream.lines(null, null, 20)).isEmpty();
        assertThat(DockerLogStream.lines(frame(1, "\n\n"), false, 20)).isEmpty();
    }
}
