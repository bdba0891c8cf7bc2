package io.parley.api.ws;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.parley.agent.AgentNames;
import io.parley.agent.StateChange;
import io.parley.api.SessionView;
import io.parley.chat.Audience;
import io.parley.pagepush.Leadership;
import io.parley.pagepush.PageSharing;
import io.parley.pagepush.Sharing;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Channel;
import io.parley.session.ControlProgress;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegEnding;
import io.parley.session.LegRole;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.system.ClusterNotices;
import io.parley.system.Drain;
import io.parley.system.LocalEndpoints;
import io.parley.system.SessionNotice;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Knows which WebSocket connections belong to which leg and channel, and sends each the part of a
 * {@link SessionNotice} it may see: staff see every endpoint, a customer only what its allow-list holds.
 */
@ApplicationScoped
public class Fanout implements LocalEndpoints {

    private static final Logger LOG = Logger.getLogger(Fanout.class);
    /** Close code for a leg that is no longer in the session (application range 4000-4999). */
    static final int LEG_ENDED = 4001;
    /**
     * Close code for a console whose token was revoked (an operator signed the agent out or removed it, or the
     * console signed out): it does not reconnect by itself, its agent signs in again.
     */
    static final int SIGNED_OUT = 4403;
    /** Standard close codes: the server restarts (reconnect), or goes away. */
    static final int SERVICE_RESTART = 1012;
    static final int GOING_AWAY = 1001;
    /** A draining replica sends a leg's channels on: reconnect (elsewhere). */
    static final CloseReason RESTARTING = new CloseReason(SERVICE_RESTART, "service restarting; reconnect");
    /** A draining replica sends a console's standing channel on. */
    static final CloseReason LEAVING = new CloseReason(GOING_AWAY, "going away; reconnect");

    /** One open channel connection of one leg. */
    public record Socket(String sessionId, String serviceId, String legId, EndpointRef endpoint, Channel channel,
            WebSocketConnection connection) {

        boolean staff() {
            return endpoint.isStaff();
        }
    }

    private final ConnectionSets<String, Socket> bySession = new ConnectionSets<>();
    private final Map<String, Socket> byConnection = new ConcurrentHashMap<>();
    private final ConnectionSets<String, WebSocketConnection> consoles = new ConnectionSets<>();
    /** The last queue status sent per session, sent again to a control channel that connects. */
    private final Map<String, ControlMessage.Out.Queue> queueStatus = new ConcurrentHashMap<>();
    /** Per session held here, its legs' media and whom each reaches. */
    private final LegPictures pictures = new LegPictures();
    /**
     * Per session, the newest version of it whose roster went to its control connections here. A session's
     * pictures come by two paths, a change made here at once and one made on another replica read again from
     * the database, so an older picture can arrive after a newer one: it is not sent (its reader would show the
     * older roster last, or lose a leg the newer one has).
     */
    private final Map<String, RosterMark> rosterMarks = new ConcurrentHashMap<>();

    private static final class RosterMark {

        private long sent = -1;

        /** Sends unless a newer version was sent; one at a time, so the rosters leave in version order. */
        synchronized boolean sendUnlessOlder(long version, Runnable send) {
            if (version < sent) {
                return false;
            }
            sent = version;
            send.run();
            return true;
        }
    }
    private final ClusterNotices cluster;
    /** Per session, the chat sequence numbers sent to its connections here. */
    private final Map<String, ChatMark> chatMarks = new ConcurrentHashMap<>();

    /**
     * The chat messages of a session sent here: every one up to {@code through}, and some after it (a gap
     * when a message from another replica was missed). The first one sent starts it: those before came
     * with the client's own replay when it connected.
     */
    private static final class ChatMark {

        private long through;
        private final NavigableSet<Long> ahead = new TreeSet<>();

        ChatMark(long first) {
            through = first - 1;
        }

        synchronized void sent(long seq) {
            if (seq > through) {
                ahead.add(seq);
                while (ahead.remove(through + 1)) {
                    through++;
                }
            }
        }

        synchronized long through() {
            return through;
        }
    }
    private final ServiceCatalogue catalogue;
    private final Drain drain;
    private final Vertx vertx;
    private final ObjectWriter control;
    private final ObjectWriter chat;
    private final ObjectWriter endpoint;
    private final ObjectWriter pagePush;
    private final ObjectWriter voice;
    private final ObjectWriter ready;
    private final AgentNames names;
    private final Leadership leadership;
    private final LeadReleases releases;
    private final ObjectReader pagePushIn;
    private final PageSharing sharing;

    public Fanout(ObjectMapper json, ServiceCatalogue catalogue, Drain drain, Vertx vertx,
            AgentNames names, ClusterNotices cluster, Leadership leadership, LeadReleases releases,
            PageSharing sharing) {
        this.names = names;
        this.leadership = leadership;
        this.sharing = sharing;
        this.releases = releases;
        this.pagePushIn = json.readerFor(PagePushMessages.Out.class);
        this.cluster = cluster;
        this.catalogue = catalogue;
        this.drain = drain;
        this.vertx = vertx;
        this.ready = json.writerFor(Ready.class);
        this.control = json.writerFor(ControlMessage.Out.class);
        this.chat = json.writerFor(ChatMessages.Out.class);
        this.endpoint = json.writerFor(EndpointMessages.Out.class);
        this.pagePush = json.writerFor(PagePushMessages.Out.class);
        this.voice = json.writerFor(VoiceMessages.Out.class);
    }

    /** Sends a page-push message to every other leg's page-push connection in the session, here or elsewhere. */
    void relayPagePush(Socket from, PagePushMessages.Out message) {
        relayText(from, pagePush, message);
    }

    void sendPagePush(WebSocketConnection connection, PagePushMessages.Out message) {
        send(connection, pagePush, message);
    }

    /** Sends a voice control message to every other leg's voice connection in the session, here or elsewhere. */
    void relayVoice(Socket from, VoiceMessages.Out message) {
        relayText(from, voice, message);
    }

    private void relayText(Socket from, ObjectWriter writer, Object message) {
        String text = write(writer, message);
        relayHere(from.sessionId(), from.legId(), from.channel(), text);
        if (elsewhere(from)) {
            cluster.relay(from.sessionId(), from.legId(), from.channel(), text);
        }
    }

    void sendVoice(WebSocketConnection connection, VoiceMessages.Out message) {
        send(connection, voice, message);
    }

    /** Sends an audio frame to every other leg's voice connection in the session, as it came. */
    void relayAudio(Socket from, Buffer frame) {
        sendAudio(from.sessionId(), from.legId(), frame);
        if (elsewhere(from)) {
            cluster.relayAudio(from.sessionId(), from.legId(), frame.getBytes());
        }
    }

    /** To the connections here of the session's other legs on {@code channel}, from a leg here or elsewhere. */
    @Override
    public void relay(String sessionId, String fromLegId, Channel channel, String text) {
        if (channel == Channel.PAGE_PUSH) {
            followLead(sessionId, fromLegId, text);
        }
        relayHere(sessionId, fromLegId, channel, text);
    }

    /**
     * What a leg elsewhere does on page push tells this replica who leads, so that its own legs are refused or
     * let through as they would be there. Only a {@code leader} message moves the lead (or, without a leg,
     * gives it up): navigation, scrolling and pointing that were on their way when the lead moved must not
     * move it back. They fill in a lead this replica did not know of, and keep the leader's page and scroll
     * position. Traffic from a leg whose page closed here says its next page connected there: it leads on.
     */
    private void followLead(String sessionId, String fromLegId, String text) {
        releases.cancel(sessionId, fromLegId);
        try {
            PagePushMessages.Out message = pagePushIn.readValue(text);
            if (message instanceof PagePushMessages.Out.Leader leader) {
                if (leader.legId() == null) {
                    leadership.release(sessionId, fromLegId);
                } else {
                    leadership.take(sessionId, leader.legId());
                }
                return;
            }
            if (message instanceof PagePushMessages.Out.Sharing told) {
                if (told.legId() != null && pictures.customer(sessionId, told.legId())) {
                    sharing.learn(sessionId, told.stopped(), Set.copyOf(told.with()));
                    if (told.stopped()) {
                        // The customer's replica released whoever led; its leader message names the customer.
                        leadership.leader(sessionId).ifPresent(leader -> leadership.release(sessionId, leader));
                    }
                }
                return;
            }
            if (leadership.claim(sessionId, fromLegId) == Leadership.Claim.FOLLOWS) {
                return;
            }
            switch (message) {
                case PagePushMessages.Out.Scroll scroll -> leadership.scrolled(sessionId,
                        new Leadership.Position(scroll.x(), scroll.y()));
                case PagePushMessages.Out.Navigate navigate -> leadership.navigated(sessionId, navigate.url());
                default -> {
                }
            }
        } catch (IOException e) {
            LOG.debugf("Unreadable page push from another replica: %s", e.getMessage());
        }
    }

    /**
     * A page-push connection opened here, and this replica does not know who leads or does not hold the
     * leader's page push: when a leg of the session has page push on another replica, the replica holding the
     * leader tells again.
     */
    void askWhoLeads(Socket opened) {
        if (elsewhere(opened)) {
            cluster.askWhoLeads(opened.sessionId());
        }
    }

    /**
     * Only the replica holding the leader's page-push connection answers (what another one remembers may be
     * out of date): its {@code leader}, then its current page (as a catch-up) and its last scroll position
     * there, go out as the leader's own would.
     */
    @Override
    public void retellLead(String sessionId) {
        leadership.leader(sessionId).filter(leader -> hasChannel(sessionId, leader, Channel.PAGE_PUSH))
                .ifPresent(leader -> {
                    cluster.relay(sessionId, leader, Channel.PAGE_PUSH,
                            write(pagePush, new PagePushMessages.Out.Leader(leader)));
                    whereTheLeaderIs(sessionId, leader).forEach(told -> cluster.relay(sessionId, leader,
                            Channel.PAGE_PUSH, write(pagePush, told)));
                });
    }

    /**
     * What a page that connects after the leader went and scrolled there is told: the leader's page (as a
     * catch-up), then its scroll position on it; each when known.
     */
    List<PagePushMessages.Out> whereTheLeaderIs(String sessionId, String leader) {
        List<PagePushMessages.Out> told = new ArrayList<>(2);
        leadership.page(sessionId).ifPresent(url -> told.add(new PagePushMessages.Out.Navigate(leader, url, true)));
        leadership.scroll(sessionId).ifPresent(at -> told.add(new PagePushMessages.Out.Scroll(leader, at.x(),
                at.y())));
        return told;
    }

    /** The leg's connections here on the channel, open or closing. */
    List<Socket> legSockets(String sessionId, String legId, Channel channel) {
        return bySession.of(sessionId).stream().filter(socket -> socket.legId().equals(legId)
                && socket.channel() == channel).toList();
    }

    /** An error frame on whichever channel the socket is. */
    void sendError(Socket socket, ErrorFrame error) {
        switch (socket.channel()) {
            case CONTROL -> sendControl(socket.connection(), error);
            case CHAT -> sendChat(socket.connection(), error);
            case PAGE_PUSH -> sendPagePush(socket.connection(), error);
            case VOICE -> sendVoice(socket.connection(), error);
        }
    }

    /** Whether a connection of the leg on the channel is open here. */
    boolean hasChannel(String sessionId, String legId, Channel channel) {
        return bySession.of(sessionId).stream().anyMatch(socket -> socket.legId().equals(legId)
                && socket.channel() == channel && socket.connection().isOpen());
    }

    private void relayHere(String sessionId, String fromLegId, Channel channel, String text) {
        // A supervisor the customer does not see never moves anybody's page (its socket refuses it; this holds it
        // for what comes from another replica too). A leg that ended still gives the lead up.
        if (channel == Channel.PAGE_PUSH) {
            if (!hiddenFromCustomers(sessionId, fromLegId)) {
                List<Socket> to = others(sessionId, fromLegId, channel);
                Predicate<Socket> consented = pageReaches(sessionId, fromLegId);
                // Read only when it matters: who leads and whom the page is shared with reach everybody.
                boolean all = to.stream().allMatch(consented) || announcement(text);
                to.stream().filter(socket -> all || consented.test(socket))
                        .forEach(socket -> sendText(socket.connection(), text));
            }
            return;
        }
        // Voice signals (mute, codecs) of a leg the customer does not see reach the staff.
        LegPictures.Reach signals = seenBy(sessionId, fromLegId);
        others(sessionId, fromLegId, channel).stream().filter(signals::reaches)
                .forEach(socket -> sendText(socket.connection(), text));
    }

    /**
     * Whom a leg's page push reaches, as the customer shares their page: the customer's own traffic reaches the
     * staff it is shared with (and the supervisors who watch unseen, as they watch what the agent sees), a staff
     * leg's reaches the customer only while it is shared with that leg.
     */
    private Predicate<Socket> pageReaches(String sessionId, String fromLegId) {
        boolean fromCustomer = pictures.customer(sessionId, fromLegId);
        Set<String> with = sharedWith(sessionId);
        if (!fromCustomer && with.contains(fromLegId)) {
            return socket -> true;
        }
        if (fromCustomer) {
            return socket -> !socket.staff() || with.contains(socket.legId())
                    || hiddenFromCustomers(sessionId, socket.legId());
        }
        return Socket::staff;
    }

    /** Whether the page-push message says who leads or whom the page is shared with (not where it is). */
    private boolean announcement(String text) {
        try {
            return switch (pagePushIn.<PagePushMessages.Out>readValue(text)) {
                case PagePushMessages.Out.Leader leader -> true;
                case PagePushMessages.Out.Sharing told -> true;
                case PagePushMessages.Out.Navigate navigate -> false;
                case PagePushMessages.Out.Scroll scroll -> false;
                case PagePushMessages.Out.Pointer pointer -> false;
                case PagePushMessages.Out.Highlight highlight -> false;
                case PagePushMessages.Out.Stayed stayed -> false;
                case ErrorFrame error -> false;
            };
        } catch (IOException e) {
            return false;
        }
    }

    /** The staff legs the session's customer shares their page with, as far as this replica knows. */
    Set<String> sharedWith(String sessionId) {
        return sharing.of(sessionId).with(pictures.firstAgent(sessionId));
    }

    /** Why the staff leg's page push goes nowhere (the customer does not share their page with it), if it does not. */
    Optional<Sharing.Refusal> notShared(String sessionId, String staffLegId) {
        return sharing.of(sessionId).refusal(staffLegId, pictures.firstAgent(sessionId));
    }

    /**
     * What the session's page push is told of its sharing: whether it stopped, and the staff in the conversation
     * it is shared with; {@code legId} the customer's leg that changed it, or null.
     */
    PagePushMessages.Out.Sharing sharingOf(String sessionId, String legId) {
        Set<String> seen = staffSeen(sessionId);
        return new PagePushMessages.Out.Sharing(legId, sharing.of(sessionId).stopped(),
                sharedWith(sessionId).stream().filter(seen::contains).sorted().toList());
    }

    /** The customer changed whom their page is shared with: every page of the session is told, here and elsewhere. */
    void sharingChanged(Socket customer) {
        PagePushMessages.Out.Sharing now = sharingOf(customer.sessionId(), customer.legId());
        sharing.tell(customer.sessionId(), new PageSharing.Told(now.stopped(), Set.copyOf(now.with())));
        sendPagePush(customer.connection(), now);
        relayPagePush(customer, now);
    }

    /** The staff the customer sees in the session now: those a customer's {@code share} shares with. */
    Set<String> staffSeen(String sessionId) {
        return pictures.staffSeen(sessionId);
    }

    boolean customer(String sessionId, String legId) {
        return pictures.customer(sessionId, legId);
    }

    /**
     * Somebody joined or left: the session's page-push connections here are told whom the page is shared with when
     * that changed (a conversation's first agent joined, the sharing of one who left ends). An ended conversation's
     * sharing is forgotten: a new conversation starts with none.
     */
    private void tellSharing(ServiceSession session) {
        if (session.isEnded()) {
            sharing.forget(session.id());
            return;
        }
        PagePushMessages.Out.Sharing now = sharingOf(session.id(), null);
        if (sharing.tell(session.id(), new PageSharing.Told(now.stopped(), Set.copyOf(now.with())))) {
            sockets(session.id(), Channel.PAGE_PUSH).forEach(socket -> sendPagePush(socket.connection(), now));
        }
    }

    @Override
    public void relayAudio(String sessionId, String fromLegId, byte[] frame) {
        sendAudio(sessionId, fromLegId, Buffer.buffer(frame));
    }

    private void sendAudio(String sessionId, String fromLegId, Buffer frame) {
        LegPictures.Reach reach = reach(sessionId, fromLegId);
        for (Socket socket : others(sessionId, fromLegId, Channel.VOICE)) {
            if (socket.connection().isOpen() && reach.reaches(socket)) {
                socket.connection().sendBinary(frame).subscribe().with(done -> {},
                        failure -> LOG.debugf("audio to %s failed: %s", socket.connection().id(),
                                failure.getMessage()));
            }
        }
    }

    /** The connections of the channel in the session, of the legs other than {@code fromLegId}. */
    private List<Socket> others(String sessionId, String fromLegId, Channel channel) {
        return sockets(sessionId, channel).stream().filter(socket -> !socket.legId().equals(fromLegId)).toList();
    }

    /** Whether another leg of the session has this channel connected on another replica. */
    private boolean elsewhere(Socket from) {
        Set<String> connected = pictures.connected(from.sessionId(), from.channel());
        if (connected.isEmpty()) {
            return false;
        }
        Set<String> here = sockets(from.sessionId(), from.channel()).stream().map(Socket::legId)
                .collect(Collectors.toSet());
        return connected.stream().anyMatch(legId -> !legId.equals(from.legId()) && !here.contains(legId));
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

    /** Which legs have page push and voice connected, and whom each reaches (kept while a connection is here). */
    void noteMedia(ServiceSession session) {
        if (holdsSession(session.id())) {
            pictures.note(session);
            tellSharing(session);
        } else {
            pictures.forget(session.id());
        }
    }

    /** A media channel is live from now on, and was told what it missed (control says {@code welcome}). */
    @RegisterForReflection // Native image: written by Jackson outside REST return values.
    public record Ready(String type, String channel, String legId) {
    }

    public void register(Socket socket) {
        bySession.add(socket.sessionId(), socket);
        byConnection.put(socket.connection().id(), socket);
    }

    void sendReady(Socket socket) {
        if (socket.channel() != Channel.CONTROL) {
            send(socket.connection(), ready, new Ready("ready", socket.channel().wire(), socket.legId()));
        }
    }

    /**
     * After the welcome on a control channel: where the session stands in its queue, if it waits. The position is
     * the last one announced; the session as just read says whether it still waits, and for what: a customer whose
     * wait ended a moment ago (an agent accepted; the next routing round has not said so yet) is not told it waits.
     */
    void sendQueueStatus(Socket socket, ServiceSession session) {
        ControlMessage.Out.Queue status = queueStatus.get(socket.sessionId());
        boolean stillWaiting = status != null && session.queued()
                .filter(queue -> queue.purpose().wire().equals(status.purpose())).isPresent();
        if (stillWaiting) {
            send(socket.connection(), control, status);
        }
    }

    public Socket socketOf(WebSocketConnection connection) {
        return byConnection.get(connection.id());
    }

    /** Forgets the connection; returns its socket, or null when it was never registered. */
    public Socket unregister(WebSocketConnection connection) {
        Socket socket = byConnection.remove(connection.id());
        if (socket != null) {
            bySession.remove(socket.sessionId(), socket);
            if (!holdsSession(socket.sessionId())) {
                pictures.forget(socket.sessionId());
                sharing.forget(socket.sessionId());
                chatMarks.remove(socket.sessionId());
                rosterMarks.remove(socket.sessionId());
            }
        }
        return socket;
    }

    @Override
    public boolean holdsSession(String sessionId) {
        return bySession.holds(sessionId);
    }

    @Override
    public boolean holdsConsole(String agentId) {
        return consoles.holds(agentId);
    }

    @Override
    public Set<String> sessions() {
        return bySession.keys();
    }

    @Override
    public Set<String> consoles() {
        return consoles.keys();
    }

    @Override
    public long lastChatSeq(String sessionId) {
        ChatMark mark = chatMarks.get(sessionId);
        return mark == null ? 0 : mark.through();
    }

    /** Whether the leg has an open control connection on this node. */
    @Override
    public boolean hasControl(String sessionId, String legId) {
        return hasChannel(sessionId, legId, Channel.CONTROL);
    }

    public void registerConsole(String agentId, WebSocketConnection connection) {
        consoles.add(agentId, connection);
    }

    public void unregisterConsole(String agentId, WebSocketConnection connection) {
        consoles.remove(agentId, connection);
    }

    void on(@Observes SessionNotice notice) {
        deliver(notice);
    }

    @Override
    public void deliver(SessionNotice notice) {
        switch (notice) {
            case SessionNotice.Changed changed -> changed(changed.session(), changed);
            case SessionNotice.ChatPosted posted -> {
                if (holdsSession(posted.sessionId())) {
                    chatMarks.computeIfAbsent(posted.sessionId(), id -> new ChatMark(posted.message().seq()))
                            .sent(posted.message().seq());
                }
                sockets(posted.sessionId(), Channel.CHAT).stream()
                        .filter(socket -> socket.staff() || posted.message().audience() == Audience.ALL)
                        .forEach(socket -> send(socket.connection(), chat,
                                ChatMessages.Out.Message.of(posted.message(),
                                        socket.legId().equals(posted.message().senderLegId()))));
            }
            case SessionNotice.Typing typing -> {
                LegPictures.Reach reach = reach(typing.sessionId(), typing.legId());
                others(typing.sessionId(), typing.legId(), Channel.CHAT).stream().filter(reach::reaches)
                        .forEach(socket -> send(socket.connection(), chat, new ChatMessages.Out.Typing(
                                typing.legId(), typing.endpoint().kind().wire(), typing.typing())));
            }
            case SessionNotice.Read read -> others(read.sessionId(), read.legId(), Channel.CHAT).stream()
                    .filter(seenBy(read.sessionId(), read.legId())::reaches)
                    .forEach(socket -> send(socket.connection(), chat, new ChatMessages.Out.Read(read.legId(),
                            read.endpoint().kind().wire(), read.seq())));
            case SessionNotice.Invited invited -> consoles.of(invited.leg().endpoint().id())
                    .forEach(connection -> send(connection, endpoint, new EndpointMessages.Out.Invitation(
                            SessionView.of(invited.session(), invited.leg().endpoint(), true, names::nameOf),
                            invited.leg().id(), invited.details())));
            case SessionNotice.Offered offered -> toConsoles(offered.offer().csr().id(), offerOf(offered));
            case SessionNotice.OfferClosed closed -> toConsoles(closed.offer().csr().id(),
                    new EndpointMessages.Out.OfferClosed(closed.offer().id(), closed.sessionId(),
                            closed.outcome().wire(), closed.reason()));
            case SessionNotice.QueueStatus status -> queueStatus(status);
        }
    }

    /**
     * Draining (SIGTERM): every connection is closed, in staggered batches, with 1012 "service restart"
     * (session channels; the client reconnects and resumes from its last sequence number) or 1001
     * "going away" (consoles' standing channels), so that clients move to another replica.
     */
    void drain(@Observes @Priority(Interceptor.Priority.APPLICATION + 10) ShutdownDelayInitiatedEvent shutdown) {
        List<WebSocketConnection> sessions = byConnection.values().stream().map(Socket::connection).toList();
        List<WebSocketConnection> standing = consoles.all().toList();
        List<Map.Entry<WebSocketConnection, CloseReason>> all = new ArrayList<>();
        sessions.forEach(c -> all.add(Map.entry(c, RESTARTING)));
        standing.forEach(c -> all.add(Map.entry(c, LEAVING)));
        int size = drain.batchSize();
        long interval = drain.batchInterval((all.size() + size - 1) / size).toMillis();
        for (int start = 0, batch = 0; start < all.size(); start += size, batch++) {
            List<Map.Entry<WebSocketConnection, CloseReason>> slice = all.subList(start, Math.min(all.size(),
                    start + size));
            Runnable close = () -> slice.forEach(entry -> {
                if (entry.getKey().isOpen()) {
                    entry.getKey().close(entry.getValue()).subscribe().with(done -> {},
                            failure -> LOG.debug("close failed", failure));
                }
            });
            long delay = interval * batch;
            if (delay == 0) {
                close.run();
            } else {
                vertx.setTimer(delay, id -> close.run());
            }
        }
        LOG.infof("Draining: closing %d session and %d console connections in batches of %d, %d ms apart",
                sessions.size(), standing.size(), size, interval);
    }

    void on(@Observes StateChange change) {
        deliver(change);
    }

    @Override
    public void deliver(StateChange change) {
        toConsoles(change.agentId(), new EndpointMessages.Out.AgentState(change.to().wire(), change.reason(),
                change.at()));
    }

    /** The agent's consoles' standing channels connected here, open or closing (a copy). */
    Set<WebSocketConnection> consolesOf(String agentId) {
        return Set.copyOf(consoles.of(agentId));
    }

    private void toConsoles(String agentId, EndpointMessages.Out message) {
        consoles.of(agentId).forEach(connection -> send(connection, endpoint, message));
    }

    EndpointMessages.Out.Offer offerOf(SessionNotice.Offered offered) {
        ServiceSession session = offered.session();
        String customer = session.activeLegsIn(LegRole.CUSTOMER).stream().findFirst()
                .map(leg -> leg.endpoint().id()).orElse(null);
        long secondsLeft = Math.max(0, Duration.between(Instant.now(), offered.offer().expires()).toSeconds());
        Optional<Queued> queue = session.queued();
        boolean handover = offered.purpose() != Queued.Purpose.SERVE;
        ChatMessages.Out.Message first = handover ? null : offered.conversation().stream()
                .filter(message -> message.sender().isCustomer() && !message.note()).findFirst()
                .map(message -> ChatMessages.Out.Message.of(message, false)).orElse(null);
        return new EndpointMessages.Out.Offer(offered.offer().id(), offered.purpose().wire(), session.serviceId(),
                catalogue.find(session.serviceId()).map(ServiceDefinition::name).orElse(session.serviceId()),
                offered.subject(), customer, SessionView.of(session, offered.offer().csr(), true, names::nameOf),
                offered.offer().expires(), secondsLeft,
                handover ? offered.conversation().stream().map(message -> ChatMessages.Out.Message.of(message, false))
                        .toList() : List.of(),
                first, queue.map(Queued::since).orElse(null),
                queue.map(Queued::fromLegId).flatMap(session::leg).map(leg -> names.nameOf(leg.endpoint()))
                        .orElse(null),
                queue.filter(Queued::forNamedCsr).isPresent(), queue.map(Queued::note).orElse(null),
                offered.page() == null ? null : new EndpointMessages.Out.Page(offered.page().url(),
                        offered.page().title()));
    }

    private void queueStatus(SessionNotice.QueueStatus status) {
        ControlMessage.Out.Queue message = new ControlMessage.Out.Queue(status.position(), status.waiting(),
                status.estimatedWait() == null ? null : status.estimatedWait().toSeconds(),
                status.purpose() == null ? null : status.purpose().wire(), status.subject());
        ControlMessage.Out.Queue previous = status.position() == 0 ? queueStatus.remove(status.sessionId())
                : queueStatus.put(status.sessionId(), message);
        if (message.equals(previous) || (status.position() == 0 && previous == null)) {
            return;
        }
        sockets(status.sessionId(), Channel.CONTROL).forEach(socket -> send(socket.connection(), control, message));
    }

    /** The roster to a control connection that has just opened, unless a newer one went to the session's since. */
    void sendRoster(Socket socket, ServiceSession session) {
        rosterMark(session.id()).sendUnlessOlder(session.version(),
                () -> send(socket.connection(), control, roster(session, socket)));
    }

    private RosterMark rosterMark(String sessionId) {
        return holdsSession(sessionId) ? rosterMarks.computeIfAbsent(sessionId, id -> new RosterMark())
                : new RosterMark();
    }

    private ControlMessage.Out.Roster roster(ServiceSession session, Socket socket) {
        return new ControlMessage.Out.Roster(SessionView.of(session, socket.endpoint(), socket.staff(), names::nameOf));
    }

    private void changed(ServiceSession session, SessionNotice.Changed changed) {
        noteMedia(session);
        Set<Socket> controls = sockets(session.id(), Channel.CONTROL);
        boolean newest = rosterMark(session.id()).sendUnlessOlder(session.version(),
                () -> controls.forEach(socket -> send(socket.connection(), control, roster(session, socket))));
        if (!newest) {
            LOG.debugf("Roster of %s version %d not sent: a newer one was", session.id(), session.version());
        }
        for (Socket socket : controls) {
            for (SessionEvent event : changed.events()) {
                ControlProgress.of(event).flatMap(progress -> told(progress, socket))
                        .ifPresent(message -> send(socket.connection(), control, message));
            }
        }
        if (!newest) {
            // Its legs are as the newer picture has them, which closed what it had to.
            return;
        }
        // Connections of legs that are no longer in the session are closed: their tokens open nothing now.
        for (Socket socket : sockets(session.id(), null)) {
            boolean active = session.leg(socket.legId()).map(Leg::isActive).orElse(false);
            if (!active && socket.connection().isOpen()) {
                socket.connection().close(new CloseReason(LEG_ENDED, "leg ended")).subscribe().with(
                        done -> {}, failure -> LOG.debug("close failed", failure));
            }
        }
    }

    /** What {@code socket}'s control channel is told of {@code progress}, if anything. */
    private Optional<ControlMessage.Out> told(ControlProgress progress, Socket socket) {
        return Optional.ofNullable(switch (progress) {
            case ControlProgress.TransferStarted started -> new ControlMessage.Out.Transfer("started",
                    started.fromLegId(), started.toLegId(), null, null);
            case ControlProgress.TransferCompleted completed -> new ControlMessage.Out.Transfer("completed",
                    completed.fromLegId(), completed.toLegId(), completed.reason(), null);
            case ControlProgress.TransferFailed failed -> new ControlMessage.Out.Transfer("failed",
                    failed.fromLegId(), failed.toLegId(), readable(failed.reason()),
                    failed.failure() == null ? null : failed.failure().wire());
            case ControlProgress.HandoverEnded ended -> socket.staff() ? new ControlMessage.Out.Handover(
                    ended.purpose().wire(), ended.subject(), ended.outcome().wire(), readable(ended.reason()),
                    ended.named() == null ? null : names.nameOf(ended.named())) : null;
            case ControlProgress.Ended ended -> new ControlMessage.Out.Ended(readable(ended.reason()));
            // A monitoring or whispering supervisor was never in a customer's picture: nor is its leaving.
            case ControlProgress.LegEnded ended -> socket.staff() || !ended.leg().hiddenFromCustomers()
                    ? legEnded(ended) : null;
        });
    }

    private ControlMessage.Out.LegEnded legEnded(ControlProgress.LegEnded ended) {
        Leg leg = ended.leg();
        LegEnding ending = LegEnding.of(leg.state(), ended.reason());
        return new ControlMessage.Out.LegEnded(leg.id(), names.nameOf(leg.endpoint()), leg.role().wire(), ending.code(),
                readable(ending.reason()));
    }

    private String readable(String reason) {
        return SessionView.readable(reason, names::nameOf);
    }

    private Set<Socket> sockets(String sessionId, Channel channel) {
        Set<Socket> all = bySession.of(sessionId);
        if (channel == null) {
            return Set.copyOf(all);
        }
        return all.stream().filter(socket -> socket.channel() == channel)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Writes a message on a connection, without waiting; a closed connection is skipped. */
    void send(WebSocketConnection connection, ObjectWriter writer, Object message) {
        if (connection.isOpen()) {
            sendText(connection, write(writer, message));
        }
    }

    private void sendText(WebSocketConnection connection, String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(done -> {},
                    failure -> LOG.debugf("send to %s failed: %s", connection.id(), failure.getMessage()));
        }
    }

    private static String write(ObjectWriter writer, Object message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message, e);
        }
    }

    /** Writes an endpoint-channel message and completes when it is written (for frames that must stay in order). */
    Uni<Void> writeEndpoint(WebSocketConnection connection, EndpointMessages.Out message) {
        return connection.sendText(write(endpoint, message));
    }

    void sendControl(WebSocketConnection connection, ControlMessage.Out message) {
        send(connection, control, message);
    }

    /** How many bytes a chat message takes on the wire. */
    int chatBytes(ChatMessages.Out message) {
        try {
            return chat.writeValueAsBytes(message).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message, e);
        }
    }

    void sendChat(WebSocketConnection connection, ChatMessages.Out message) {
        send(connection, chat, message);
    }

    void sendEndpoint(WebSocketConnection connection, EndpointMessages.Out message) {
        send(connection, endpoint, message);
    }
}
