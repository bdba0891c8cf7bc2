package io.parley.api.ws;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.agent.StateChange;
import io.parley.pagepush.Sharing;
import io.parley.session.Channel;
import io.parley.session.ServiceSession;
import io.parley.system.SessionNotice;
import io.parley.system.cluster.LocalEndpoints;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The one way in to this replica's WebSocket connections, for the channel sockets and for the cluster
 * ({@link LocalEndpoints}): each call goes on to the class whose job it is ({@link ConnectionRegistry},
 * {@link NoticeRouter}, {@link MediaRelay}, {@link PagePushLead}, {@link Frames}). A connection that closes is
 * forgotten here, and with the session's last one what this replica kept of the session.
 */
@ApplicationScoped
public class Fanout implements LocalEndpoints {

    private final ConnectionRegistry registry;
    private final LegPictures pictures;
    private final NoticeRouter notices;
    private final MediaRelay relay;
    private final PagePushLead lead;
    private final Frames frames;

    Fanout(ConnectionRegistry registry, LegPictures pictures, NoticeRouter notices, MediaRelay relay,
            PagePushLead lead, Frames frames) {
        this.registry = registry;
        this.pictures = pictures;
        this.notices = notices;
        this.relay = relay;
        this.lead = lead;
        this.frames = frames;
    }

    // Connections coming and going.

    public void register(LegSocket socket) {
        registry.register(socket);
    }

    public LegSocket socketOf(WebSocketConnection connection) {
        return registry.socketOf(connection);
    }

    /**
     * Forgets the connection; returns its socket, or null when it was never registered. With the session's last
     * connection here goes what this replica kept of it: its legs' picture, its page sharing, its chat and roster
     * marks.
     */
    public LegSocket unregister(WebSocketConnection connection) {
        LegSocket socket = registry.unregister(connection);
        if (socket != null && !registry.holdsSession(socket.sessionId())) {
            pictures.forget(socket.sessionId());
            lead.forget(socket.sessionId());
            notices.forget(socket.sessionId());
        }
        return socket;
    }

    public void registerConsole(String agentId, WebSocketConnection connection) {
        registry.registerConsole(agentId, connection);
    }

    public void unregisterConsole(String agentId, WebSocketConnection connection) {
        registry.unregisterConsole(agentId, connection);
    }

    /** The agent's consoles' standing channels connected here, open or closing (a copy). */
    Set<WebSocketConnection> consolesOf(String agentId) {
        return registry.consolesOf(agentId);
    }

    /** The leg's connections here on the channel, open or closing. */
    List<LegSocket> legSockets(String sessionId, String legId, Channel channel) {
        return registry.legSockets(sessionId, legId, channel);
    }

    /** Whether a connection of the leg on the channel is open here. */
    boolean hasChannel(String sessionId, String legId, Channel channel) {
        return registry.hasChannel(sessionId, legId, channel);
    }

    /** Which legs have page push and voice connected, and whom each reaches (kept while a connection is here). */
    void noteMedia(ServiceSession session) {
        notices.noteMedia(session);
    }

    // What the cluster asks of the connections here, and hands them.

    /** Whether the leg has an open control connection on this node. */
    @Override
    public boolean hasControl(String sessionId, String legId) {
        return registry.hasChannel(sessionId, legId, Channel.CONTROL);
    }

    @Override
    public boolean holdsSession(String sessionId) {
        return registry.holdsSession(sessionId);
    }

    @Override
    public boolean holdsConsole(String agentId) {
        return registry.holdsConsole(agentId);
    }

    @Override
    public Set<String> sessions() {
        return registry.sessions();
    }

    @Override
    public Set<String> consoles() {
        return registry.consoles();
    }

    @Override
    public long lastChatSeq(String sessionId) {
        return notices.lastChatSeq(sessionId);
    }

    @Override
    public void deliver(SessionNotice notice) {
        notices.deliver(notice);
    }

    @Override
    public void deliver(StateChange change) {
        notices.deliver(change);
    }

    /** To the connections here of the session's other legs on {@code channel}, from a leg here or elsewhere. */
    @Override
    public void relay(String sessionId, String fromLegId, Channel channel, String text) {
        relay.relay(sessionId, fromLegId, channel, text);
    }

    @Override
    public void retellLead(String sessionId) {
        lead.retellLead(sessionId);
    }

    @Override
    public void relayAudio(String sessionId, String fromLegId, byte[] frame) {
        relay.relayAudio(sessionId, fromLegId, frame);
    }

    // What a session's legs are told.

    /** The roster to a control connection that has just opened, unless a newer one went to the session's since. */
    void sendRoster(LegSocket socket, ServiceSession session) {
        notices.sendRoster(socket, session);
    }

    /** After the welcome on a control channel: where the session stands in its queue, if it still waits. */
    void sendQueueStatus(LegSocket socket, ServiceSession session) {
        notices.sendQueueStatus(socket, session);
    }

    /** What an agent's console is told of an offer made to it. */
    EndpointMessages.Out.Offer offerOf(SessionNotice.Offered offered) {
        return notices.offerOf(offered);
    }

    /** How far what the leg sends on media and typing goes (see {@link LegPictures}). */
    LegPictures.Reach reach(String sessionId, String fromLegId) {
        return pictures.reach(sessionId, fromLegId);
    }

    /** Who may learn that the leg is there: its read receipts, its voice signals. */
    LegPictures.Reach seenBy(String sessionId, String legId) {
        return pictures.seenBy(sessionId, legId);
    }

    boolean hiddenFromCustomers(String sessionId, String legId) {
        return pictures.hiddenFromCustomers(sessionId, legId);
    }

    // Media and page push between the legs.

    /** Sends a page-push message to every other leg's page-push connection in the session, here or elsewhere. */
    void relayPagePush(LegSocket from, PagePushMessages.Out message) {
        relay.relayPagePush(from, message);
    }

    /** Sends a voice control message to every other leg's voice connection in the session, here or elsewhere. */
    void relayVoice(LegSocket from, VoiceMessages.Out message) {
        relay.relayVoice(from, message);
    }

    /** Sends an audio frame to every other leg's voice connection in the session, as it came. */
    void relayAudio(LegSocket from, Buffer frame) {
        relay.relayAudio(from, frame);
    }

    /** A page-push connection opened here without the leader's: the replica holding the leader tells again. */
    void askWhoLeads(LegSocket opened) {
        relay.askWhoLeads(opened);
    }

    /** What a page that connects after the leader went and scrolled there is told. */
    List<PagePushMessages.Out> whereTheLeaderIs(String sessionId, String leader) {
        return lead.whereTheLeaderIs(sessionId, leader);
    }

    /** Why the staff leg's page push goes nowhere (the customer does not share their page with it), if it does not. */
    Optional<Sharing.Refusal> notShared(String sessionId, String staffLegId) {
        return lead.notShared(sessionId, staffLegId);
    }

    /**
     * What the session's page push is told of its sharing: whether it stopped, and the staff it is shared with;
     * {@code legId} the customer's leg that changed it, or null.
     */
    PagePushMessages.Out.Sharing sharingOf(String sessionId, String legId) {
        return lead.sharingOf(sessionId, legId);
    }

    /** The customer changed whom their page is shared with: every page of the session is told, here and elsewhere. */
    void sharingChanged(LegSocket customer) {
        PagePushMessages.Out.Sharing now = lead.sharingChanged(customer);
        frames.sendPagePush(customer.connection(), now);
        relay.relayPagePush(customer, now);
    }

    /** The staff the customer sees in the session now: those a customer's {@code share} shares with. */
    Set<String> staffSeen(String sessionId) {
        return lead.staffSeen(sessionId);
    }

    // Writing on a connection.

    void sendControl(WebSocketConnection connection, ControlMessage.Out message) {
        frames.sendControl(connection, message);
    }

    void sendChat(WebSocketConnection connection, ChatMessages.Out message) {
        frames.sendChat(connection, message);
    }

    void sendEndpoint(WebSocketConnection connection, EndpointMessages.Out message) {
        frames.sendEndpoint(connection, message);
    }

    void sendPagePush(WebSocketConnection connection, PagePushMessages.Out message) {
        frames.sendPagePush(connection, message);
    }

    void sendVoice(WebSocketConnection connection, VoiceMessages.Out message) {
        frames.sendVoice(connection, message);
    }

    /** An error frame on whichever channel the socket is. */
    void sendError(LegSocket socket, ErrorFrame error) {
        frames.sendError(socket, error);
    }

    /** Tells a media channel that it is live (a control channel has its {@code welcome} instead). */
    void sendReady(LegSocket socket) {
        frames.sendReady(socket);
    }

    /** Writes an endpoint-channel message and completes when it is written (for frames that must stay in order). */
    Uni<Void> writeEndpoint(WebSocketConnection connection, EndpointMessages.Out message) {
        return frames.writeEndpoint(connection, message);
    }

    /** How many bytes a chat message takes on the wire. */
    int chatBytes(ChatMessages.Out message) {
        return frames.chatBytes(message);
    }
}
