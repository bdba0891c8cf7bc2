package io.parley.session;

/**
 * How a supervisor's leg is in a session: what it may send and who sees it. Every mode receives what the
 * session's CSRs receive (chat, page push, voice). One request switches a leg from one mode to another.
 */
public enum Supervision implements WireName {
    /** Listens and reads; sends nothing. The customer neither sees the leg nor anything of it. */
    MONITOR,
    /** As monitor, and coaches: its chat and voice reach the session's staff only, never the customer. */
    WHISPER,
    /** In openly, as a CSR is: the customer sees the leg and gets what it sends; it may take the session over. */
    BARGE;

    /** Whether the customer sees the leg (in its roster) and what it sends. */
    public boolean open() {
        return this == BARGE;
    }
}
