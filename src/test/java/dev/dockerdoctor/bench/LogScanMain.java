package dev.dockerdoctor.bench;

import dev.dockerdoctor.evidence.HostFiles;
import dev.dockerdoctor.evidence.LogProbe;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The log phase alone, for bench/log-scan.sh: java ... LogScanMain HOST_ROOT [SINCE_HOURS] [REPEAT]. */
public final class LogScanMain {
    private LogScanMain() {
    }

    public static void main(String[] a) {
        long t0 = System.nanoTime();
        Path root = Path.of(a[0]);
        int hours = a.length > 1 ? Integer.parseInt(a[1]) : 24;
        int repeat = a.length > 2 ? Integer.parseInt(a[2]) : 1;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (System.getProperty("prewarm") != null) {
            // what any CLI has done before its log phase: string concatenation, a lambda, java.time, a record
            Runnable r = () -> System.setProperty("x", "a" + System.nanoTime());
            r.run();
            ZoneId.systemDefault().getRules().getOffset(Instant.now());
            java.util.List.of(1, 2).stream().map(i -> i + 1).toList();
            System.out.println("prewarm cpu " + mx.getCurrentThreadCpuTime() / 1_000_000 + " ms");
        }
        for (int i = 0; i < repeat; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            Instant now = Instant.now();
            LogProbe.Result r = new LogProbe(new HostFiles(root), ZoneId.systemDefault()).read(now.minus(Duration.ofHours(hours)), now);
            System.out.println("events=" + r.events().size() + " lines=" + r.stats().linesRead() + " bytes=" + r.bytesRead()
                    + " elapsedMillis=" + r.stats().elapsedMillis() + " threadCpuMillis=" + (mx.getCurrentThreadCpuTime() - c0) / 1_000_000
                    + " problems=" + r.stats().problems());
        }
        System.out.println("process millis=" + (System.nanoTime() - t0) / 1_000_000);
    }
}
