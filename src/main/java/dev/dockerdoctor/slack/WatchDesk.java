package dev.dockerdoctor.slack;

import dev.dockerdoctor.slack.message.HomeState;

/**
 * What the bot asks of the watch beside diagnoses: the state the App Home tab shows (read without diagnosing, so the
 * tab opens at once), and an acknowledgement of the open incident.
 */
public interface WatchDesk {
    HomeState home();

    /** Whether {@code incidentId} is the open incident: asked in memory, before an ack. */
    boolean isOpen(String incidentId);

    /**
     * Someone says they are on incident {@code incidentId}, doing {@code reason}; it is saved and audited (file
     * writes: after the ack, never before).
     *
     * @return false when that is not the open incident (resolved meanwhile, or an old message's button)
     */
    boolean acknowledge(String incidentId, String user, String reason);

    /** Nothing known, nothing to acknowledge (tests, and a bot without a watch). */
    static WatchDesk none() {
        return new WatchDesk() {
            @Override
            public HomeState home() {
                return HomeState.nothingKnown();
            }

            @Override
            public boolean isOpen(String incidentId) {
                return false;
            }

            @Override
            public boolean acknowledge(String incidentId, String user, String reason) {
                return false;
            }
        };
    }
}
