package dev.dockerdoctor.evidence;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerEventsTest {
    private static Event event(EventType type, String action) {
        return new Event().withType(type).withAction(action);
    }

    @Test
    void containersComingAndGoingAndTheDaemonReloadingAskForAPoll() {
        assertThat(DockerEvents.interesting(event(EventType.CONTAINER, "create"))).isTrue();
        assertThat(DockerEvents.interesting(event(EventType.CONTAINER, "destroy"))).isTrue();
        assertThat(DockerEvents.interesting(event(EventType.DAEMON, "reload"))).isTrue();
    }

    @Test
    void everydayContainerEventsDoNot() {
        assertThat(DockerEvents.interesting(event(EventType.CONTAINER, "exec_start: sh"))).isFalse();
        assertThat(DockerEvents.interesting(event(EventType.CONTAINER, "health_status: healthy"))).isFalse();
        assertThat(DockerEvents.interesting(event(EventType.CONTAINER, "die"))).isFalse();
        assertThat(DockerEvents.interesting(event(EventType.NETWORK, "connect"))).isFalse();
    }

    @Test
    void oldDaemonsSayTheActionAsStatus() {
        assertThat(DockerEvents.interesting(new Event().withType(EventType.CONTAINER).withStatus("destroy"))).isTrue();
    }
}
