package dev.dockerdoctor.slack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts wait their turn, one a second per channel; another channel does not wait for this one. */
class ChannelPacerTest {
    @Test
    void threePostsInOneChannelTakeTwoSecondsAndAnotherChannelGoesAtOnce() throws Exception {
        ChannelPacer pacer = ChannelPacer.slacks();
        long t0 = System.nanoTime();
        pacer.awaitTurn("C0INCIDENTS");
        assertThat(ms(t0)).as("the first goes at once").isLessThan(500);
        pacer.awaitTurn("C0OTHER");
        assertThat(ms(t0)).as("another channel goes at once").isLessThan(500);
        pacer.awaitTurn("C0INCIDENTS");
        pacer.awaitTurn("C0INCIDENTS");
        assertThat(ms(t0)).as("the third waits two gaps").isGreaterThanOrEqualTo(1990).isLessThan(4000);
        long t1 = System.nanoTime();
        ChannelPacer.none().awaitTurn("C0INCIDENTS");
        ChannelPacer.none().awaitTurn("C0INCIDENTS");
        assertThat(ms(t1)).isLessThan(500);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
