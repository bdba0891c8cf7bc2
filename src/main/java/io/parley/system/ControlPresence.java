package io.parley.system;

/** Tells whether a leg's control channel is open now (implemented by whoever holds the connections). */
public interface ControlPresence {

    boolean hasControl(String sessionId, String legId);
}
