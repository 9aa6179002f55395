package dev.dockerdoctor.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DaemonFlagsTest {
    private static final List<String> FLAGS = List.of("--data-root", "/big", "--storage-driver", "vfs", "--iptables=false",
            "--init", "--live-restore", "-g", "/old");

    @Test
    void shouldDropAFlagWithItsValueButKeepTheRest() {
        assertThat(DaemonFlags.without(FLAGS, "--data-root"))
                .containsExactly("--storage-driver", "vfs", "--iptables=false", "--init", "--live-restore", "-g", "/old");
    }

    @Test
    void shouldDropSwitchesAndEqualsFormsWithoutEatingTheNextFlag() {
        assertThat(DaemonFlags.without(FLAGS, "--init", "--iptables"))
                .containsExactly("--data-root", "/big", "--storage-driver", "vfs", "--live-restore", "-g", "/old");
    }

    @Test
    void shouldReadTheLastValueOfAnySpellingOfTheDataRoot() {
        assertThat(DaemonFlags.value(FLAGS, DaemonFlags.DATA_ROOT_NAMES)).contains("/old");
        assertThat(DaemonFlags.value(List.of("--data-root=/x"), DaemonFlags.DATA_ROOT_NAMES)).contains("/x");
        assertThat(DaemonFlags.value(List.of("--init"), DaemonFlags.DATA_ROOT_NAMES)).isEmpty();
    }

    @Test
    void shouldAppendFlags() {
        assertThat(DaemonFlags.with(List.of("--init"), "--data-root", "/big")).containsExactly("--init", "--data-root", "/big");
        assertThat(DaemonFlags.has(FLAGS, "--live-restore")).isTrue();
        assertThat(DaemonFlags.has(FLAGS, "--debug")).isFalse();
    }

    @Test
    void shouldSkipWithTheReasonUnlessDockerIsRequired() {
        assertThatThrownBy(() -> Rig.skipOrFail("no dockerd on PATH", false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("no dockerd on PATH");
        assertThatThrownBy(() -> Rig.skipOrFail("no dockerd on PATH", true))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("DOCTOR_REQUIRE_DOCKER=1");
    }
}
