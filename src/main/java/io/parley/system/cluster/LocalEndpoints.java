package io.parley.system.cluster;

import java.util.Set;

import io.parley.agent.StateChange;
import io.parley.session.Channel;
import io.parley.system.SessionNotice;

/**
 * The endpoints connected to this replica, as the one that holds their WebSocket connections sees them.
 * The {@link ClusterNotices} ask it what is here, and hand it what happened on another replica.
 */
public interface LocalEndpoints {

    /** Whether the leg has an open control connection on this replica. */
    boolean hasControl(String sessionId, String legId);

    /** Whether any connection of the session is on this replica. */
    boolean holdsSession(String sessionId);

    /** Whether the agent's console is connected to this replica. */
    boolean holdsConsole(String agentId);

    /** The sessions with a connection here. */
    Set<String> sessions();

    /** The agents whose console is connected here. */
    Set<String> consoles();

    /** The chat sequence number up to which every message was sent to the session's connections here. */
    long lastChatSeq(String sessionId);

    /** Sends what another replica announced to the connections here that may see it. */
    void deliver(SessionNotice notice);

    void deliver(StateChange change);

    /** A page-push or voice control message from a leg connected elsewhere. */
    void relay(String sessionId, String fromLegId, Channel channel, String text);

    /** Another replica asks who leads the session's page push: if this one knows, it tells them again. */
    void retellLead(String sessionId);

    /** A voice frame from a leg connected elsewhere. */
    void relayAudio(String sessionId, String fromLegId, byte[] frame);
}
