import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Makes a host root for bench/log-scan.sh: a classic /var/log/syslog of at least SIZE bytes spread evenly over DAYS
 * days before now plus the last day (so the last 24 h hold 1/(DAYS+1) of it), with the story's upgrade-and-restart
 * three hours ago, and the matching dpkg.log and apt history.log. About one line in seven mentions docker,
 * containerd or apt without being an event, as on a busy Docker host.
 *
 * Usage: java GenLogs.java HOST_ROOT SIZE_BYTES DAYS
 */
public class GenLogs {
    static final ZoneId ZONE = ZoneId.systemDefault();
    static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");
    static final DateTimeFormatter DPKG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final DateTimeFormatter HIST = DateTimeFormatter.ofPattern("yyyy-MM-dd  HH:mm:ss");

    public static void main(String[] a) throws IOException {
        Path root = Path.of(a[0]);
        long size = Long.parseLong(a[1]);
        int days = Integer.parseInt(a[2]);
        Instant now = Instant.now();
        Instant start = now.minusSeconds((days + 1) * 86_400L);
        Instant incident = now.minusSeconds(3 * 3600);
        Path log = root.resolve("var/log/syslog");
        Files.createDirectories(log.getParent());
        long lines = size / 128 + 1;
        double step = (now.toEpochMilli() - start.toEpochMilli() - 1000) / (double) lines;
        long written = 0;
        boolean told = false;
        StringBuilder b = new StringBuilder(1 << 20);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log), 1 << 20)) {
            long lastSec = -1;
            String stamp = "";
            String iso = "";
            String zoneSuffix = "";
            for (long i = 0; written < size || i < lines; i++) {
                long ms = start.toEpochMilli() + (long) (i * step);
                if (ms > now.toEpochMilli()) ms = now.toEpochMilli();
                if (!told && ms >= incident.toEpochMilli()) {
                    for (String l : story(incident)) b.append(l);
                    told = true;
                }
                long sec = ms / 1000;
                if (sec != lastSec) {
                    stamp = LocalDateTime.ofInstant(Instant.ofEpochSecond(sec), ZONE).format(SYSLOG) + " gitlab-host ";
                    String full = Instant.ofEpochSecond(sec).atZone(ZONE).format(ISO);
                    iso = full.substring(0, 20);          // yyyy-MM-ddTHH:mm:ss.
                    zoneSuffix = full.substring(29);      // the offset
                    lastSec = sec;
                }
                b.append(stamp);
                noise(b, i, ms, iso, zoneSuffix);
                b.append('\n');
                if (b.length() >= (1 << 20) - 4096) {
                    byte[] x = b.toString().getBytes(StandardCharsets.UTF_8);
                    out.write(x);
                    written += x.length;
                    b.setLength(0);
                }
            }
            byte[] x = b.toString().getBytes(StandardCharsets.UTF_8);
            out.write(x);
            written += x.length;
        }
        Files.setLastModifiedTime(log, FileTime.from(now));
        LocalDateTime t = LocalDateTime.ofInstant(incident, ZONE);
        Path dpkg = root.resolve("var/log/dpkg.log");
        Files.writeString(dpkg, t.plusSeconds(1).format(DPKG) + " startup archives unpack\n"
                + t.plusSeconds(2).format(DPKG) + " upgrade containerd.io:amd64 1.4.9-1 1.4.11-1\n"
                + t.plusSeconds(2).format(DPKG) + " status half-configured containerd.io:amd64 1.4.9-1\n"
                + t.plusSeconds(6).format(DPKG) + " status installed containerd.io:amd64 1.4.11-1\n");
        Path hist = root.resolve("var/log/apt/history.log");
        Files.createDirectories(hist.getParent());
        Files.writeString(hist, "Start-Date: " + t.plusSeconds(1).format(HIST) + "\nCommandline: /usr/bin/unattended-upgrade\n"
                + "Upgrade: containerd.io:amd64 (1.4.9-1, 1.4.11-1)\nEnd-Date: " + t.plusSeconds(9).format(HIST) + "\n");
        System.out.println(written);
    }

    static String[] story(Instant at) {
        String[][] s = {
                {"0", "systemd[1]: Starting Daily apt upgrade and clean activities..."},
                {"3", "systemd[1]: Stopping containerd container runtime..."},
                {"3", "dockerd[1021]: time=\"%T\" level=info msg=\"Processing signal 'terminated'\""},
                {"4", "systemd[1]: Stopped Docker Application Container Engine."},
                {"4", "systemd[1]: Stopped containerd container runtime."},
                {"5", "systemd[1]: Reloading."},
                {"6", "systemd[1]: Starting containerd container runtime..."},
                {"6", "systemd[1]: Started containerd container runtime."},
                {"7", "systemd[1]: Starting Docker Application Container Engine..."},
                {"7", "dockerd[52140]: time=\"%T\" level=info msg=\"Starting up\""},
                {"8", "dockerd[52140]: time=\"%T\" level=info msg=\"Docker daemon\" commit=79ea9d3 graphdriver(s)=overlay2 version=20.10.9"},
                {"8", "systemd[1]: Started Docker Application Container Engine."},
                {"14", "systemd[1]: Finished Daily apt upgrade and clean activities."}};
        String[] out = new String[s.length];
        for (int i = 0; i < s.length; i++) {
            Instant t = at.plusSeconds(Long.parseLong(s[i][0]));
            String msg = s[i][1].replace("%T", t.atZone(ZONE).format(ISO));
            out[i] = LocalDateTime.ofInstant(t, ZONE).format(SYSLOG) + " gitlab-host " + msg + "\n";
        }
        return out;
    }

    static void time(StringBuilder b, long ms, String iso, String zone) {
        long nanos = (ms % 1000) * 1_000_000L + 123_456;
        String n = Long.toString(1_000_000_000L + nanos).substring(1);
        b.append(iso).append(n).append(zone);
    }

    static void noise(StringBuilder b, long i, long ms, String iso, String zone) {
        long k = i * 2654435761L & 0xffffffffL;
        switch ((int) (i % 14)) {
            case 0 -> b.append("CRON[").append(20000 + k % 30000).append("]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)");
            case 1 -> b.append("kernel: [").append(ms / 1000 % 10_000_000).append('.').append(100000 + k % 900000)
                    .append("] audit: type=1400 apparmor=\"DENIED\" operation=\"open\" profile=\"snap.lxd.daemon\" name=\"/proc/1/environ\" pid=")
                    .append(k % 40000).append(" comm=\"lxd\"");
            case 2, 8 -> b.append("sshd[").append(k % 60000).append("]: Connection closed by 203.0.113.").append(k % 255)
                    .append(" port ").append(1024 + k % 60000).append(" [preauth]");
            case 3 -> b.append("systemd[1]: Started Session ").append(k % 100000).append(" of user admin.");
            case 4 -> b.append("systemd-resolved[512]: Server returned error NXDOMAIN, mitigating potential DNS violation DVE-2018-0001, retrying transaction with reduced feature level UDP.");
            case 5 -> { b.append("dockerd[1021]: time=\""); time(b, ms, iso, zone); b.append("\" level=info msg=\"ignoring event\" container=").append(Long.toHexString(k)).append(Long.toHexString(k * 31))
                    .append(" module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\""); }
            case 6 -> b.append("gitlab-runner[1100]: Checking for jobs... received                       job=").append(k % 900000)
                    .append(" repo_url=https://gitlab.example.com/group/app.git runner=abcd1234");
            case 7 -> b.append("snapd[700]: storehelpers.go:748: cannot refresh: snap has no updates available: \"core20\", \"lxd\"");
            case 9 -> { b.append("containerd[880]: time=\""); time(b, ms, iso, zone);
                b.append("\" level=info msg=\"shim disconnected\" id=").append(Long.toHexString(k * 7919)); }
            case 10 -> b.append("kernel: [").append(ms / 1000 % 10_000_000).append(".000000] docker0: port 3(veth")
                    .append(Long.toHexString(k % 0xfffffff)).append(") entered forwarding state");
            case 11 -> b.append("systemd[1]: run-docker-runtime\\x2drunc-moby-").append(Long.toHexString(k)).append(".mount: Succeeded.");
            case 12 -> b.append("postfix/smtpd[").append(k % 60000).append("]: disconnect from unknown[198.51.100.").append(k % 255).append("] ehlo=1 mail=0/1 quit=1 commands=2/3");
            default -> b.append("rsyslogd: [origin software=\"rsyslogd\" swVersion=\"8.2001.0\" x-pid=\"600\" x-info=\"https://www.rsyslog.com\"] rsyslogd was HUPed");
        }
    }
}
