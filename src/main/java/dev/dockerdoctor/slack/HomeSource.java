package dev.dockerdoctor.slack;

import dev.dockerdoctor.slack.message.HomeState;

/** What the App Home tab shows, as it is now: read without diagnosing again, so the tab opens at once. */
@FunctionalInterface
public interface HomeSource {
    HomeState now();

    /** Nothing known (tests, and a bot without a watch). */
    static HomeSource none() {
        return HomeState::nothingKnown;
    }
}
