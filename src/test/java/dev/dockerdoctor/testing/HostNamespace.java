package dev.dockerdoctor.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faithful host for end-to-end tests (PRODUCT.md, "Testing for real"): a private mount + network namespace in which
 * {@code /etc/docker}, {@code /var/lib/docker}, {@code /var/log}, {@code /srv} and {@code /run} are bind mounts of
 * test folders, so a dockerd, docker-compose and the bot started inside it use every default path for real and
 * nothing outside the test changes (files such as /etc/fstab can be test files too). The namespace has its own
 * loopback and a veth link to the test
 * ({@link #hostAddress()} here, {@link #address()} inside), so the test's Slack stand-in and the bot reach each
 * other over TCP. A holder process ({@code unshare ... sleep}) keeps the namespace alive; everything else, the bind
 * mounts too, enters it with {@code nsenter}, argv lists all of them.
 * Closing kills, by pid, every process in the namespace's network (found through {@code /proc/PID/ns/net}), then
 * the holder, and deletes the folders.
 */
public final class HostNamespace implements AutoCloseable {
    /** The host paths that are test folders inside the namespace. */
    public static final List<String> BOUND = List.of("/etc/docker", "/var/lib/docker", "/var/log", "/srv", "/run");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final Path base;
    private final List<String> files;
    private final Map<String, Path> folders = new LinkedHashMap<>();
    private final List<Path> createdMountPoints = new ArrayList<>();
    private final int index;
    private Process holder;
    private String netns;

    private HostNamespace(Path base, int index, List<String> files) {
        this.base = base;
        this.index = index;
        this.files = List.copyOf(files);
    }

    /**
     * Skips (or fails with DOCTOR_REQUIRE_DOCKER=1) where no namespace can be made, else makes one.
     *
     * @param files host files that are test files inside too (empty at first), e.g. {@code /etc/fstab}
     */
    public static HostNamespace create(String... files) throws IOException {
        Rig.whyDockerCannotRun().ifPresent(Rig::skipOrFail);
        for (String tool : List.of("unshare", "nsenter", "ip", "mount", "docker-compose")) {
            if (Rig.executable(tool).isEmpty()) Rig.skipOrFail("namespace test skipped: no " + tool + " on PATH");
        }
        // a distinct link and subnet per namespace, so parallel or leftover ones do not clash
        int index = (int) (ProcessHandle.current().pid() % 200) + NEXT.getAndIncrement();
        HostNamespace ns = new HostNamespace(Files.createTempDirectory("docker-doctor-ns-"), index % 250, List.of(files));
        try {
            ns.open();
        } catch (IOException | RuntimeException | Error e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    private void open() throws IOException {
        Map<String, Path> binds = new LinkedHashMap<>();
        for (String hostPath : BOUND) {
            Path folder = Files.createDirectories(base.resolve(hostPath.substring(1).replace('/', '-')));
            Path mountPoint = Path.of(hostPath);
            if (!Files.isDirectory(mountPoint)) { // e.g. /var/lib/docker before Docker ever ran: removed again on close
                Files.createDirectories(mountPoint);
                createdMountPoints.add(mountPoint);
            }
            binds.put(hostPath, folder);
        }
        for (String hostPath : files) {
            Path file = Files.createFile(base.resolve(hostPath.substring(1).replace('/', '-')));
            Path mountPoint = Path.of(hostPath);
            if (!Files.exists(mountPoint)) {
                Files.createFile(mountPoint);
                createdMountPoints.add(mountPoint);
            }
            binds.put(hostPath, file);
        }
        folders.putAll(binds);
        Files.createDirectories(folders.get("/var/log").resolve("apt"));
        holder = new ProcessBuilder(List.of("unshare", "--mount", "--net", "--propagation", "private", "sleep", "100000"))
                .redirectErrorStream(true).start();
        awaitHolder();
        netns = Files.readSymbolicLink(Path.of("/proc", Long.toString(holder.pid()), "ns", "net")).toString();
        for (Map.Entry<String, Path> b : binds.entrySet()) {
            inside(List.of("mount", "--bind", b.getValue().toString(), b.getKey())).orThrow();
        }
        inside(List.of("ip", "link", "set", "lo", "up")).orThrow();
        link();
    }

    /**
     * Until unshare has become sleep: only then are the namespaces made and the mounts private, so that a bind
     * mount made inside cannot reach the host.
     */
    private void awaitHolder() throws IOException {
        Path exe = Path.of("/proc", Long.toString(holder.pid()), "exe");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!holder.isAlive()) {
                throw new IllegalStateException("unshare failed: " + new String(holder.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            try {
                if (Files.readSymbolicLink(exe).getFileName().toString().equals("sleep")) return;
            } catch (IOException notYet) {
                // between fork and exec
            }
            if (System.nanoTime() > end) throw new IllegalStateException("unshare did not come up within 10 s");
            sleep(10);
        }
    }

    /** A veth pair: one end here ({@link #hostAddress()}), one inside ({@link #address()}). */
    private void link() {
        String here = "ddh" + index;
        String there = "ddn" + index;
        Command.run(List.of("ip", "link", "del", here), Duration.ofSeconds(5)); // a leftover of a killed run
        run(List.of("ip", "link", "add", here, "type", "veth", "peer", "name", there, "netns",
                Long.toString(holder.pid())), false);
        run(List.of("ip", "addr", "add", hostAddress() + "/30", "dev", here), false);
        run(List.of("ip", "link", "set", here, "up"), false);
        inside(List.of("ip", "addr", "add", address() + "/30", "dev", there)).orThrow();
        inside(List.of("ip", "link", "set", there, "up")).orThrow();
    }

    private static void run(List<String> argv, boolean quiet) {
        Command.Result r = Command.run(argv, Duration.ofSeconds(10));
        if (!r.ok() && !quiet) throw new IllegalStateException(argv + " failed: " + r.stderr() + r.stdout());
    }

    /** This side of the link, as the namespace reaches the test. */
    public String hostAddress() {
        return "10.213." + index + ".1";
    }

    /** The namespace's side of the link, as the test reaches what listens inside. */
    public String address() {
        return "10.213." + index + ".2";
    }

    /** The test folder (or file) a host path inside the namespace is, e.g. {@code folder("/var/log")}. */
    public Path folder(String hostPath) {
        for (Map.Entry<String, Path> e : folders.entrySet()) {
            if (hostPath.equals(e.getKey())) return e.getValue();
            if (hostPath.startsWith(e.getKey() + "/")) return e.getValue().resolve(hostPath.substring(e.getKey().length() + 1));
        }
        throw new IllegalArgumentException(hostPath + " is not inside a bound folder " + BOUND);
    }

    /** A folder of the test's own, outside the bound ones (the same path inside and out). */
    public Path base() {
        return base;
    }

    /** The argv that runs {@code argv} inside the namespace. */
    public List<String> enter(List<String> argv) {
        List<String> out = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount", "--net", "--"));
        out.addAll(argv);
        return out;
    }

    /** Runs a command inside, to its end (60 s at most). */
    public Command.Result inside(List<String> argv) {
        return Command.run(enter(argv), base, Map.of("PATH", Rig.daemonPath()), Duration.ofSeconds(60));
    }

    /** Starts a long-running process inside, its output to {@code log}. */
    public Process start(List<String> argv, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(enter(argv)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("PATH", Rig.daemonPath());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Pids of every process in the namespace's network but the holder. */
    public List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        if (netns == null) return pids;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (holder != null && pid == holder.pid()) continue;
                try {
                    if (netns.equals(Files.readSymbolicLink(dir.resolve("ns/net")).toString())) pids.add(pid);
                } catch (IOException gone) {
                    // exited meanwhile, or a kernel thread
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return pids;
    }

    /** The pid in a pid file inside the namespace (dockerd's /run/docker.pid, say), when that process lives. */
    public Optional<Long> pidIn(String pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(folder(pidFile)).strip());
            return Procs.alive(pid) ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** dockerd as its unit would start it, with this command line; returns once it answers. */
    public void startDockerd(List<String> argv) throws IOException {
        start(argv, Map.of(), base.resolve("dockerd.log"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!inside(List.of("docker", "version")).ok()) {
            if (System.nanoTime() > end) throw new IllegalStateException("dockerd " + argv + " did not answer: " + dockerdLog());
            sleep(200);
        }
    }

    /** Stops the running dockerd by its pid file, as systemctl stop would, and waits for it to go. */
    public void stopDockerd() throws Exception {
        long pid = pidIn("/run/docker.pid").orElseThrow(() -> new IllegalStateException("no dockerd running in " + this));
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        h.destroy();
        h.onExit().get(30, TimeUnit.SECONDS);
    }

    public String dockerdLog() {
        try {
            return Files.readString(base.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no dockerd log: " + e + ")";
        }
    }

    /** The stand-in for {@code systemctl restart docker} here, starting the unit's command line {@code argv}. */
    public Path restartScript(List<String> argv) throws IOException {
        return RestartScript.write(base, Path.of("/run/docker.pid"), Path.of("/run/docker.sock"), argv,
                base.resolve("dockerd.log"));
    }

    /** A fresh ext4 file system in an image file of the test's (mounted with the loop option, it is a real disk). */
    public Path ext4Disk(String name, String size) {
        for (String tool : List.of("truncate", "mkfs.ext4", "losetup")) {
            if (Rig.executable(tool).isEmpty()) Rig.skipOrFail("disk test skipped: no " + tool + " on PATH (e2fsprogs, util-linux)");
        }
        Path disk = base.resolve(name);
        Command.run(List.of("truncate", "-s", size, disk.toString()), Duration.ofSeconds(10)).orThrow();
        Command.run(List.of("mkfs.ext4", "-q", "-F", disk.toString()), Duration.ofSeconds(60)).orThrow();
        return disk;
    }

    /** {@code java -jar docker-doctor.jar diagnose args...} inside, with every default path. */
    public Command.Result diagnose(String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", DoctorCli.jar().toAbsolutePath().toString(), "diagnose"));
        argv.addAll(List.of(args));
        return inside(argv);
    }

    /** How often the restart script ran. */
    public int restarts() throws IOException {
        return RestartScript.runs(base);
    }

    /**
     * GitLab's stand-in as a compose project in /srv/gitlab: busybox httpd answering "gitlab-ok" on the published
     * port 8080, restart: always.
     */
    public void composeUpGitLab() throws IOException {
        inside(List.of("docker", "import", BusyboxImage.tar().toString(), BusyboxImage.NAME)).orThrow();
        Path project = Files.createDirectories(folder("/srv/gitlab"));
        Files.writeString(project.resolve("docker-compose.yml"), """
                version: "3.7"
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "mkdir -p /www && echo gitlab-ok > /www/index.html && exec httpd -f -p 80 -h /www"]
                    ports: ["8080:80"]
                    restart: always
                """.formatted(BusyboxImage.NAME));
        inside(List.of("docker-compose", "-f", "/srv/gitlab/docker-compose.yml", "up", "-d")).orThrow();
    }

    /** Whether GitLab answers, asked the way a colleague's browser would: over the link, on the published port. */
    public boolean gitlabAnswers() {
        try {
            java.net.http.HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://" + address() + ":8080/")).timeout(Duration.ofSeconds(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("gitlab-ok");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public void close() {
        // first dockerd, which stops its containers when asked; then everything else in the namespace's network and
        // what it started (containers run as children of their shims, in networks of their own)
        pidIn("/run/docker.pid").flatMap(ProcessHandle::of).ifPresent(d -> {
            d.destroy();
            try {
                d.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                d.destroyForcibly();
            }
        });
        List<ProcessHandle> rest = Procs.withDescendants(processes());
        rest.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (rest.stream().anyMatch(h -> Procs.alive(h.pid())) && System.nanoTime() < end) sleep(100);
        rest.forEach(ProcessHandle::destroyForcibly);
        Procs.withDescendants(processes()).forEach(ProcessHandle::destroyForcibly);
        if (holder != null) {
            holder.destroyForcibly();
            try {
                holder.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Command.run(List.of("ip", "link", "del", "ddh" + index), Duration.ofSeconds(5)); // gone with the namespace, normally
        for (Path p : createdMountPoints) {
            try {
                Files.deleteIfExists(p); // only while still empty
            } catch (IOException e) {
                // someone put something there meanwhile: leave it
            }
        }
        Rig.deleteTree(base);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "namespace " + netns + " (holder " + (holder == null ? "-" : holder.pid()) + ", folders in " + base + ")";
    }
}
