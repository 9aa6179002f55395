package dev.dockerdoctor.testing.standin;


import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Ack latency of {@code /docker-status}: n signed slash commands, one after another, each timed from sending to the
 * whole 200 read. The diagnoses they start run meanwhile (as they would), so acks are measured under that load.
 */
public final class AckLatency {
    public record Result(int n, int ok, double p50, double p90, double p99, double max, int reports, double reportSeconds) {
        public String line() {
            return String.format(Locale.ROOT, "ack latency over %d signed /docker-status requests (%d answered 200):"
                    + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d reports on response_url within %.1f s",
                    n, ok, p50, p90, p99, max, reports, reportSeconds);
        }
    }

    private AckLatency() {
    }

    public static Result measure(SignedClient client, SlackStandIn slack, int n, int warmup, Duration reportTimeout) throws Exception {
        return measure(client, slack, n, warmup, Integer.MAX_VALUE, reportTimeout);
    }

    /**
     * @param maxOutstanding at most this many reports pending before the next request is sent, so that every request
     *                       takes the real path (a full queue would answer "busy") while the bot is kept working
     */
    public static Result measure(SignedClient client, SlackStandIn slack, int n, int warmup, int maxOutstanding,
                          Duration reportTimeout) throws Exception {
        // warm the same path (JIT, class loading) with requests whose reports are not counted
        for (int i = 0; i < warmup; i++) client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("warm-" + i)));
        double[] ms = new double[n];
        int ok = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            while (i - slack.requestsTo("/response/bench-").size() >= maxOutstanding) Thread.sleep(5);
            SignedClient.Answer a = client.post(SlackPayloads.slashCommand("", "U0ALICE", slack.responseUrl("bench-" + i)));
            ms[i] = a.millis();
            if (a.status() == 200) ok++;
        }
        long end = System.nanoTime() + reportTimeout.toNanos();
        int reports = 0;
        while (System.nanoTime() < end) {
            reports = slack.requestsTo("/response/bench-").size();
            if (reports >= n) break;
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (Boolean.getBoolean("bench.verbose")) {
            StringBuilder b = new StringBuilder("slowest: ");
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            Arrays.sort(idx, (x, y) -> Double.compare(ms[y], ms[x]));
            for (int i = 0; i < Math.min(8, n); i++) b.append(String.format(Locale.ROOT, "#%d %.1f ms  ", idx[i], ms[idx[i]]));
            System.out.println(b);
        }
        Arrays.sort(ms);
        return new Result(n, ok, pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[n - 1], reports, seconds);
    }

    /** Nearest-rank percentile. */
    public static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
