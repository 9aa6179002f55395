package dev.dockerdoctor.recovery;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PruneResponse;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.dockerdoctor.evidence.DockerJavaProbe;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs a {@link DockerApiCall} with docker-java against the daemon at DOCKER_HOST. Its own client, with a response
 * timeout long enough for a prune or a slow container stop (the probe's is seconds). Built on first use.
 */
public final class DockerApi implements AutoCloseable {
    private final String dockerHost;
    private final Duration timeout;
    private DockerHttpClient http;
    private DockerClient client;

    public DockerApi(String dockerHost, Duration timeout) {
        this.dockerHost = dockerHost;
        this.timeout = timeout;
    }

    /** What the daemon did, in one line ("restarted gitlab", "reclaimed 1.2 GiB"); throws with the daemon's words. */
    public synchronized String run(DockerApiCall call) throws IOException {
        DockerClient c = client();
        try {
            if (call instanceof DockerApiCall.RestartContainer r) {
                c.restartContainerCmd(r.name()).withTimeout(10).exec();
                return "restarted " + r.name();
            }
            DockerApiCall.Prune p = (DockerApiCall.Prune) call;
            PruneResponse res = switch (p.what()) {
                case IMAGES -> c.pruneCmd(PruneType.IMAGES).withDangling(true).exec();
                case CONTAINERS -> c.pruneCmd(PruneType.CONTAINERS).exec();
                case BUILD_CACHE -> c.pruneCmd(PruneType.BUILD).exec();
            };
            Long bytes = res.getSpaceReclaimed();
            return "reclaimed " + (bytes == null ? "an unknown amount" : bytes + " bytes");
        } catch (RuntimeException e) {
            // docker-java's NotFoundException, ConflictException, InternalServerErrorException... carry the daemon's message
            throw new IOException(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private DockerClient client() {
        if (client == null) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(DockerJavaProbe.parseHost(dockerHost).toString())
                    .withDockerTlsVerify(false)
                    .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION)
                    .build();
            http = new ZerodepDockerHttpClient.Builder().dockerHost(DockerJavaProbe.parseHost(dockerHost))
                    .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(timeout).build();
            client = DockerClientImpl.getInstance(config, http);
        }
        return client;
    }

    private static String firstLine(String s) {
        if (s == null) return "no message";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    @Override
    public synchronized void close() {
        try {
            if (http != null) http.close();
        } catch (IOException e) {
            // closing
        }
    }
}
