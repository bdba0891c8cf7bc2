package io.parley.api.ws;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.parley.agent.AgentNames;
import io.parley.agent.StateChange;
import io.parley.api.SessionView;
import io.parley.chat.Audience;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Channel;
import io.parley.session.ControlProgress;
import io.parley.session.Leg;
import io.parley.session.LegEnding;
import io.parley.session.LegRole;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.system.SessionNotice;
import io.quarkus.websockets.next.CloseReason;

/**
 * Turns what happened to a session or an agent ({@link SessionNotice}, {@link StateChange}), here or on another
 * replica, into what each connection here is told: staff see every endpoint, a customer only what its allow-list
 * holds; rosters leave in version order and chat messages are counted as sent.
 */
@ApplicationScoped
class NoticeRouter {

    private static final Logger LOG = Logger.getLogger(NoticeRouter.class);

    /** The last queue status sent per session, sent again to a control channel that connects. */
    private final Map<String, ControlMessage.Out.Queue> queueStatus = new ConcurrentHashMap<>();
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

    private final ConnectionRegistry registry;
    private final LegPictures pictures;
    private final Frames frames;
    private final PagePushLead lead;
    private final AgentNames names;
    private final ServiceCatalogue catalogue;

    NoticeRouter(ConnectionRegistry registry, LegPictures pictures, Frames frames, PagePushLead lead,
            AgentNames names, ServiceCatalogue catalogue) {
        this.registry = registry;
        this.pictures = pictures;
        this.frames = frames;
        this.lead = lead;
        this.names = names;
        this.catalogue = catalogue;
    }

    void on(@Observes SessionNotice notice) {
        deliver(notice);
    }

    void on(@Observes StateChange change) {
        deliver(change);
    }

    /** Sends what happened to a session, here or on another replica, to the connections here that may see it. */
    void deliver(SessionNotice notice) {
        switch (notice) {
            case SessionNotice.Changed changed -> changed(changed.session(), changed);
            case SessionNotice.ChatPosted posted -> {
                if (registry.holdsSession(posted.sessionId())) {
                    chatMarks.computeIfAbsent(posted.sessionId(), id -> new ChatMark(posted.message().seq()))
                            .sent(posted.message().seq());
                }
                registry.sockets(posted.sessionId(), Channel.CHAT).stream()
                        .filter(socket -> socket.staff() || posted.message().audience() == Audience.ALL)
                        .forEach(socket -> frames.sendChat(socket.connection(),
                                ChatMessages.Out.Message.of(posted.message(),
                                        socket.legId().equals(posted.message().senderLegId()))));
            }
            case SessionNotice.Typing typing -> {
                LegPictures.Reach reach = pictures.reach(typing.sessionId(), typing.legId());
                registry.others(typing.sessionId(), typing.legId(), Channel.CHAT).stream().filter(reach::reaches)
                        .forEach(socket -> frames.sendChat(socket.connection(), new ChatMessages.Out.Typing(
                                typing.legId(), typing.endpoint().kind().wire(), typing.typing())));
            }
            case SessionNotice.Read read -> registry.others(read.sessionId(), read.legId(), Channel.CHAT).stream()
                    .filter(pictures.seenBy(read.sessionId(), read.legId())::reaches)
                    .forEach(socket -> frames.sendChat(socket.connection(), new ChatMessages.Out.Read(read.legId(),
                            read.endpoint().kind().wire(), read.seq())));
            case SessionNotice.Invited invited -> registry.forEachConsoleOf(invited.leg().endpoint().id(),
                    connection -> frames.sendEndpoint(connection, new EndpointMessages.Out.Invitation(
                            SessionView.of(invited.session(), invited.leg().endpoint(), true, names::nameOf),
                            invited.leg().id(), invited.details())));
            case SessionNotice.Offered offered -> toConsoles(offered.offer().csr().id(), offerOf(offered));
            case SessionNotice.OfferClosed closed -> toConsoles(closed.offer().csr().id(),
                    new EndpointMessages.Out.OfferClosed(closed.offer().id(), closed.sessionId(),
                            closed.outcome().wire(), closed.reason()));
            case SessionNotice.QueueStatus status -> queueStatus(status);
        }
    }

    /** Sends an agent's new state to its consoles here. */
    void deliver(StateChange change) {
        toConsoles(change.agentId(), new EndpointMessages.Out.AgentState(change.to().wire(), change.reason(),
                change.at()));
    }

    /** The chat sequence number up to which every message was sent to the session's connections here. */
    long lastChatSeq(String sessionId) {
        ChatMark mark = chatMarks.get(sessionId);
        return mark == null ? 0 : mark.through();
    }

    /** Which legs have page push and voice connected, and whom each reaches (kept while a connection is here). */
    void noteMedia(ServiceSession session) {
        if (registry.holdsSession(session.id())) {
            pictures.note(session);
            lead.tellSharing(session);
        } else {
            pictures.forget(session.id());
        }
    }

    /** The session has no connection here any more: which chat messages and roster were sent to it goes. */
    void forget(String sessionId) {
        chatMarks.remove(sessionId);
        rosterMarks.remove(sessionId);
    }

    private void toConsoles(String agentId, EndpointMessages.Out message) {
        registry.forEachConsoleOf(agentId, connection -> frames.sendEndpoint(connection, message));
    }

    /** What an agent's console is told of an offer made to it. */
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
        registry.sockets(status.sessionId(), Channel.CONTROL)
                .forEach(socket -> frames.sendControl(socket.connection(), message));
    }

    /**
     * After the welcome on a control channel: where the session stands in its queue, if it waits. The position is
     * the last one announced; the session as just read says whether it still waits, and for what: a customer whose
     * wait ended a moment ago (an agent accepted; the next routing round has not said so yet) is not told it waits.
     */
    void sendQueueStatus(LegSocket socket, ServiceSession session) {
        ControlMessage.Out.Queue status = queueStatus.get(socket.sessionId());
        boolean stillWaiting = status != null && session.queued()
                .filter(queue -> queue.purpose().wire().equals(status.purpose())).isPresent();
        if (stillWaiting) {
            frames.sendControl(socket.connection(), status);
        }
    }

    /** The roster to a control connection that has just opened, unless a newer one went to the session's since. */
    void sendRoster(LegSocket socket, ServiceSession session) {
        rosterMark(session.id()).sendUnlessOlder(session.version(),
                () -> frames.sendControl(socket.connection(), roster(session, socket)));
    }

    private RosterMark rosterMark(String sessionId) {
        return registry.holdsSession(sessionId) ? rosterMarks.computeIfAbsent(sessionId, id -> new RosterMark())
                : new RosterMark();
    }

    private ControlMessage.Out.Roster roster(ServiceSession session, LegSocket socket) {
        return new ControlMessage.Out.Roster(SessionView.of(session, socket.endpoint(), socket.staff(), names::nameOf));
    }

    private void changed(ServiceSession session, SessionNotice.Changed changed) {
        noteMedia(session);
        Set<LegSocket> controls = registry.sockets(session.id(), Channel.CONTROL);
        boolean newest = rosterMark(session.id()).sendUnlessOlder(session.version(),
                () -> controls.forEach(socket -> frames.sendControl(socket.connection(), roster(session, socket))));
        if (!newest) {
            LOG.debugf("Roster of %s version %d not sent: a newer one was", session.id(), session.version());
        }
        for (LegSocket socket : controls) {
            for (SessionEvent event : changed.events()) {
                ControlProgress.of(event).flatMap(progress -> told(progress, socket))
                        .ifPresent(message -> frames.sendControl(socket.connection(), message));
            }
        }
        if (!newest) {
            // Its legs are as the newer picture has them, which closed what it had to.
            return;
        }
        // Connections of legs that are no longer in the session are closed: their tokens open nothing now.
        for (LegSocket socket : registry.sockets(session.id(), null)) {
            boolean active = session.leg(socket.legId()).map(Leg::isActive).orElse(false);
            if (!active && socket.connection().isOpen()) {
                socket.connection().close(new CloseReason(CloseCodes.LEG_ENDED, "leg ended")).subscribe().with(
                        done -> {}, failure -> LOG.debug("close failed", failure));
            }
        }
    }

    /** What {@code socket}'s control channel is told of {@code progress}, if anything. */
    private Optional<ControlMessage.Out> told(ControlProgress progress, LegSocket socket) {
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
}
