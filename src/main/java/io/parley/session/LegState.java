package io.parley.session;

/**
 * The life of a leg: {@code invited → joining → connected → left | failed | declined}. A leg that
 * joins by its own request starts at {@code joining}; one brought in by someone else starts at
 * {@code invited}.
 */
public enum LegState implements WireName {
    INVITED,
    JOINING,
    CONNECTED,
    LEFT,
    FAILED,
    DECLINED;

    /** True while the leg counts as part of the session (it may still be connecting). */
    public boolean isActive() {
        return this == INVITED || this == JOINING || this == CONNECTED;
    }

}
