package io.parley.system.cluster;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.parley.agent.StateChange;
import io.parley.chat.ChatMessage;
import io.parley.chat.ChatRepository;
import io.parley.session.Channel;
import io.parley.session.ControlProgress;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.Offer;
import io.parley.session.QueueOutcome;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.session.TransferFailure;
import io.parley.session.WireName;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.parley.system.change.ConnectionIssuer;
import io.parley.system.chat.ChatService;
import io.parley.system.offers.OfferReads;
import io.parley.system.revocations.Revoked;
import io.parley.system.revocations.TokenRevocations;
import io.parley.system.store.SessionStore;
import io.parley.transport.Revocation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Makes the replicas behave as one service: what the service system announces on one replica reaches the
 * connections held by the others. Every {@link SessionNotice} and agent state change goes out on the
 * {@link ClusterBus} as a small {@link ClusterMessage}; a replica that holds connections it concerns reads
 * the session (or a chat message the notice could not carry) from the shared database and hands it to its
 * {@link LocalEndpoints}.
 * Messages from the bus that need a read are handled one after another per session ({@link Lanes}), so a session's
 * chat messages arrive in order and a slow read for one session holds up no other. Page-push and
 * voice traffic is passed along only when a leg of the session has that channel on another replica.
 */
@ApplicationScoped
// Native image: the model records inside ClusterMessage, read and written by Jackson.
@RegisterForReflection(targets = {EndpointRef.class, Offer.class, ChatMessage.class, Revocation.Token.class,
        Revocation.IssuedBefore.class, Revocation.Removed.class, Revocation.Readmitted.class})
public class ClusterNotices {

    private static final Logger LOG = Logger.getLogger(ClusterNotices.class);
    /** How long a replica whose leg lost its control channel waits for another replica to say it holds it. */
    static final Duration CONTROL_ANSWER = Duration.ofMillis(500);
    /**
     * The longest one received message may take to handle (a read of the database). One that takes longer is
     * given up, with a warning, so that it cannot hold up every message after it.
     */
    static final Duration HANDLING_LIMIT = Duration.ofSeconds(5);

    private final ClusterBus bus;
    private final LocalEndpoints local;
    private final SessionStore sessions;
    private final ChatRepository chat;
    private final ConnectionIssuer issuer;
    private final OfferReads offers;
    private final ChatService chats;
    private final Timers timers;
    private final TokenRevocations revocations;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final Map<String, CompletableFuture<Boolean>> questions = new ConcurrentHashMap<>();
    /** What needs a read, handled one after another per session, sessions side by side. */
    private final Lanes lanes = new Lanes();
    /** The lane of catching up after the channel was down (it reads every session held here). */
    private static final String CATCH_UP = "";

    public ClusterNotices(ClusterBus bus, LocalEndpoints local, SessionStore sessions, ChatRepository chat,
            ConnectionIssuer issuer, OfferReads offers, ChatService chats, Timers timers,
            TokenRevocations revocations,
            ObjectMapper json) {
        this.bus = bus;
        this.local = local;
        this.sessions = sessions;
        this.chat = chat;
        this.issuer = issuer;
        this.offers = offers;
        this.chats = chats;
        this.timers = timers;
        this.revocations = revocations;
        this.writer = json.writerFor(ClusterMessage.class);
        this.reader = json.readerFor(ClusterMessage.class);
    }

    void start(@Observes StartupEvent started) {
        bus.receiveWith(this::received);
        bus.receiveBinaryWith(bytes -> AudioEnvelope.decode(bytes).ifPresentOrElse(
                audio -> local.relayAudio(audio.session(), audio.legId(), audio.frame()),
                () -> LOG.warnf("Unreadable binary message from another replica (%d bytes)", bytes.length)));
        bus.whenReopened(() -> {
            // What this replica announced while it was cut off is lost for the others too: they catch up as well.
            publish(new ClusterMessage.CatchUp());
            inTurn(CATCH_UP, this::catchUp, "catching up");
        });
    }

    /**
     * After the bus was down (here or on another replica), what the connections here may have missed: the
     * revocations in force (read again: sockets holding a token revoked meanwhile close), every held session's
     * roster and the chat messages after the last one without a gap sent here, and every held console's open
     * offers (clients show a chat message and an offer once).
     */
    Uni<Void> catchUp() {
        Uni<Void> sessionsCaughtUp = Multi.createFrom().iterable(Set.copyOf(local.sessions()))
                .onItem().transformToUniAndConcatenate(sessionId -> withSession(sessionId, session -> local
                        .deliver(new SessionNotice.Changed(session, List.of())))
                        .chain(() -> chats.chatAfter(UUID.fromString(sessionId), local.lastChatSeq(sessionId)))
                        .invoke(messages -> messages.forEach(m -> local.deliver(new SessionNotice.ChatPosted(m)))))
                .collect().last().replaceWithVoid();
        return revocations.catchUp().chain(() -> sessionsCaughtUp).chain(() -> Multi.createFrom()
                .iterable(Set.copyOf(local.consoles()))
                .onItem().transformToUniAndConcatenate(agentId -> offers.offersFor(agentId)
                        .invoke(offers -> offers.forEach(local::deliver)))
                .collect().last().replaceWithVoid());
    }

    void publish(@Observes SessionNotice notice) {
        ClusterMessage message = switch (notice) {
            case SessionNotice.Changed changed -> new ClusterMessage.Changed(changed.sessionId(),
                    progress(changed.events()));
            case SessionNotice.ChatPosted posted -> new ClusterMessage.Chat(posted.sessionId(),
                    posted.message().seq(), posted.message());
            case SessionNotice.Typing typing -> new ClusterMessage.Typing(typing.sessionId(), typing.legId(),
                    typing.endpoint(), typing.typing());
            case SessionNotice.Read read -> new ClusterMessage.Read(read.sessionId(), read.legId(), read.endpoint(),
                    read.seq());
            case SessionNotice.Invited invited -> new ClusterMessage.Invited(invited.sessionId(), invited.leg().id(),
                    invited.leg().endpoint().id(), invited.base().toString());
            case SessionNotice.Offered offered -> new ClusterMessage.Offered(offered.sessionId(),
                    offered.offer().id(), offered.offer().csr().id());
            case SessionNotice.OfferClosed closed -> new ClusterMessage.OfferClosed(closed.sessionId(),
                    closed.offer(), closed.outcome(), closed.reason());
            // Every replica's dispatcher works out each waiting session's place every round and tells its own
            // connections: nothing to pass on.
            case SessionNotice.QueueStatus status -> null;
        };
        if (message != null) {
            publish(message);
        }
    }

    void publish(@Observes StateChange change) {
        publish(new ClusterMessage.AgentState(change.agentId(), change.from(), change.to(), change.reason(),
                change.at()));
    }

    void publish(@Observes Revoked revoked) {
        if (revoked.madeHere()) {
            publish(new ClusterMessage.Revoked(revoked.revocation(), revoked.reason()));
        }
    }

    /** A page-push or voice control message for the session's legs connected to other replicas. */
    public void relay(String sessionId, String fromLegId, Channel channel, String text) {
        publish(new ClusterMessage.Relay(sessionId, fromLegId, channel, text));
    }

    /** A page-push channel opened here and this replica does not know who leads: the others may. */
    public void askWhoLeads(String sessionId) {
        publish(new ClusterMessage.WhoLeads(sessionId));
    }

    /** A voice frame for the session's legs connected to other replicas. */
    public void relayAudio(String sessionId, String fromLegId, byte[] frame) {
        if (bus.carriesBinary()) {
            bus.publishBinary(new AudioEnvelope(sessionId, fromLegId, frame).encode());
        } else {
            publish(new ClusterMessage.Audio(sessionId, fromLegId, frame));
        }
    }

    /**
     * Whether the leg's control channel is open on this replica or, asked over the bus, on another one (a
     * client that lost its connection here may have reconnected elsewhere; a replica that crashed answers
     * nothing). Empty when it cannot be told now: the bus is down, ask again later.
     */
    public CompletionStage<Optional<Boolean>> controlHeldAnywhere(String sessionId, String legId) {
        return heldAnywhere(local.hasControl(sessionId, legId),
                question -> new ClusterMessage.WhoHasControl(question, sessionId, legId));
    }

    /**
     * Whether the agent's console is connected to this replica or, asked over the bus, to another one. Empty
     * when it cannot be told now (the bus is down).
     */
    public CompletionStage<Optional<Boolean>> consoleHeldAnywhere(String agentId) {
        return heldAnywhere(local.holdsConsole(agentId), question -> new ClusterMessage.WhoHasConsole(question,
                agentId));
    }

    private CompletionStage<Optional<Boolean>> heldAnywhere(boolean here, Function<String, ClusterMessage> ask) {
        if (here) {
            return CompletableFuture.completedFuture(Optional.of(true));
        }
        if (!bus.connected()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String question = UUID.randomUUID().toString();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        questions.put(question, answer);
        timers.once(CONTROL_ANSWER, () -> answer.complete(false));
        publish(ask.apply(question));
        return answer.whenComplete((held, failure) -> questions.remove(question)).thenApply(Optional::of);
    }

    /**
     * Never throws: it runs inside the service system's notifications, after the change is committed. A chat
     * message too large for the channel goes as its number alone (the other replicas read it).
     */
    private void publish(ClusterMessage message) {
        if (!(message instanceof ClusterMessage.Audio)) {
            LOG.debugf("To the other replicas: %s", message);
        }
        try {
            boolean sent = bus.publish(writer.writeValueAsString(message));
            if (!sent && message instanceof ClusterMessage.Chat chat && chat.message() != null) {
                sent = bus.publish(writer.writeValueAsString(new ClusterMessage.Chat(chat.session(), chat.seq())));
            }
            if (!sent) {
                LOG.warnf("Not sent to the other replicas, larger than the channel takes: %s", message);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "Not sent to the other replicas: %s", message);
        }
    }

    /**
     * Media, agent states and control questions are handled at once, in the order they came; what needs a
     * read of the database is queued behind the messages before it for the same session, so a session's changes,
     * chat messages, read receipts and offers arrive in order.
     */
    private void received(String text) {
        ClusterMessage message;
        try {
            message = reader.readValue(text);
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable message from another replica: %s", e.getOriginalMessage());
            return;
        }
        if (!(message instanceof ClusterMessage.Audio)) {
            LOG.debugf("From another replica: %s", message);
        }
        switch (message) {
            case ClusterMessage.Relay relay -> local.relay(relay.session(), relay.legId(), relay.channel(),
                    relay.text());
            case ClusterMessage.Audio audio -> local.relayAudio(audio.session(), audio.legId(), audio.frame());
            case ClusterMessage.AgentState state -> local.deliver(new StateChange(state.agentId(), state.from(),
                    state.to(), state.reason(), state.at()));
            case ClusterMessage.Revoked revoked -> revocations.heard(revoked.revocation(), revoked.reason());
            case ClusterMessage.WhoHasControl asked -> {
                if (local.hasControl(asked.session(), asked.legId())) {
                    publish(new ClusterMessage.HasControl(asked.question()));
                }
            }
            case ClusterMessage.WhoHasConsole asked -> {
                if (local.holdsConsole(asked.agentId())) {
                    publish(new ClusterMessage.HasControl(asked.question()));
                }
            }
            case ClusterMessage.HasControl answer -> Optional.ofNullable(questions.get(answer.question()))
                    .ifPresent(question -> question.complete(true));
            case ClusterMessage.CatchUp catchUp -> inTurn(CATCH_UP, this::catchUp, "catching up");
            case ClusterMessage.WhoLeads asked -> local.retellLead(asked.session());
            // What changes what a connection here is told waits its turn behind what came before it.
            case ClusterMessage.Changed changed -> inTurn(changed.session(), () -> handle(message), message.toString());
            case ClusterMessage.Chat posted -> inTurn(posted.session(), () -> handle(message), message.toString());
            case ClusterMessage.Typing typing -> inTurn(typing.session(), () -> handle(message), message.toString());
            case ClusterMessage.Read read -> inTurn(read.session(), () -> handle(message), message.toString());
            case ClusterMessage.Invited invited -> inTurn(invited.session(), () -> handle(message), message.toString());
            case ClusterMessage.Offered offered -> inTurn(offered.session(), () -> handle(message), message.toString());
            case ClusterMessage.OfferClosed closed ->
                inTurn(closed.session(), () -> handle(message), message.toString());
        }
    }

    /**
     * Runs {@code work} on a fresh context once everything queued before it for the same session has finished (or
     * was given up).
     */
    private void inTurn(String session, Supplier<Uni<Void>> work, String what) {
        Supplier<Uni<Void>> limited = () -> work.get().ifNoItem().after(HANDLING_LIMIT).fail();
        lanes.run(session, () -> timers.onFreshContext(limited),
                failure -> LOG.warnf(failure, "Failed, from another replica: %s", what));
    }

    private Uni<Void> handle(ClusterMessage message) {
        return switch (message) {
            case ClusterMessage.Changed changed -> !local.holdsSession(changed.session()) ? done()
                    : withSession(changed.session(), session -> local.deliver(
                            new SessionNotice.Changed(session, events(session, changed.progress()))));
            case ClusterMessage.Chat posted when posted.message() != null -> run(() -> {
                if (local.holdsSession(posted.session())) {
                    local.deliver(new SessionNotice.ChatPosted(posted.message()));
                }
            });
            case ClusterMessage.Chat posted -> !local.holdsSession(posted.session()) ? done()
                    : Panache
                            .withSession(() -> chat.after(UUID.fromString(posted.session()), posted.seq() - 1, 1, true))
                            .invoke(messages -> messages.stream().filter(m -> m.seq() == posted.seq())
                                    .forEach(m -> local.deliver(new SessionNotice.ChatPosted(m))))
                            .replaceWithVoid();
            case ClusterMessage.Typing typing -> run(() -> local.deliver(new SessionNotice.Typing(typing.session(),
                    typing.legId(), typing.endpoint(), typing.typing())));
            case ClusterMessage.Read read -> run(() -> local.deliver(new SessionNotice.Read(read.session(),
                    read.legId(), read.endpoint(), read.seq())));
            case ClusterMessage.Invited invited -> !local.holdsConsole(invited.agentId()) ? done()
                    : withSession(invited.session(), session -> session.leg(invited.legId()).filter(Leg::isActive)
                            .ifPresent(leg -> invitedHere(session, leg, URI.create(invited.base()))));
            case ClusterMessage.Offered offered -> !local.holdsConsole(offered.agentId()) ? done()
                    : offers.offered(UUID.fromString(offered.session()), offered.offerId())
                            .invoke(found -> found.ifPresent(local::deliver)).replaceWithVoid();
            case ClusterMessage.OfferClosed closed -> run(() -> local.deliver(new SessionNotice.OfferClosed(
                    closed.session(), closed.offer(), closed.outcome(), closed.reason())));
            case ClusterMessage.Relay relay -> atOnce(message);
            case ClusterMessage.Audio audio -> atOnce(message);
            case ClusterMessage.AgentState state -> atOnce(message);
            case ClusterMessage.Revoked revoked -> atOnce(message);
            case ClusterMessage.WhoLeads asked -> atOnce(message);
            case ClusterMessage.WhoHasControl asked -> atOnce(message);
            case ClusterMessage.HasControl answer -> atOnce(message);
            case ClusterMessage.WhoHasConsole asked -> atOnce(message);
            case ClusterMessage.CatchUp catchUp -> atOnce(message);
        };
    }

    /** A message handled as it arrives ({@link #received}) never waits its turn. */
    private static Uni<Void> atOnce(ClusterMessage message) {
        throw new IllegalStateException("handled at once, not in turn: " + message);
    }

    /** Connection details for the console here, issued for where the invitation's request came in. */
    private void invitedHere(ServiceSession session, Leg leg, URI base) {
        local.deliver(new SessionNotice.Invited(session, leg, issuer.details(base, session, leg), base));
    }

    /** Reads the session and hands it to {@code then}. */
    private Uni<Void> withSession(String sessionId, Consumer<ServiceSession> then) {
        return Panache.withSession(() -> sessions.read(UUID.fromString(sessionId)))
                .invoke(found -> found.map(SessionStore.Loaded::session).ifPresent(then))
                .replaceWithVoid();
    }

    private static Uni<Void> run(Runnable work) {
        work.run();
        return done();
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }

    /** What a control channel shows of a change, by name (the session itself is read again). */
    private static List<ClusterMessage.Progress> progress(List<SessionEvent> events) {
        return events.stream().flatMap(event -> ControlProgress.of(event).stream()).map(ClusterNotices::carried)
                .toList();
    }

    private static ClusterMessage.Progress carried(ControlProgress progress) {
        return switch (progress) {
            case ControlProgress.TransferStarted started -> new ClusterMessage.Progress("transfer-started",
                    started.fromLegId(), started.toLegId(), null);
            case ControlProgress.TransferCompleted completed -> new ClusterMessage.Progress("transfer-completed",
                    completed.fromLegId(), completed.toLegId(), completed.reason());
            case ControlProgress.TransferFailed failed -> new ClusterMessage.Progress("transfer-failed",
                    failed.fromLegId(), failed.toLegId(), failed.reason(), null, null,
                    failed.failure() == null ? null : failed.failure().wire(), null);
            case ControlProgress.Ended ended -> new ClusterMessage.Progress("ended", null, null, ended.reason());
            case ControlProgress.LegEnded ended -> new ClusterMessage.Progress("leg-ended", ended.leg().id(), null,
                    ended.reason());
            case ControlProgress.HandoverEnded ended -> new ClusterMessage.Progress("handover-ended",
                    ended.fromLegId(), null, ended.reason(), ended.purpose().wire(), ended.subject(),
                    ended.outcome().wire(), ended.named());
        };
    }

    /** The progress as events again; a transfer that is no longer pending shows its completion instead. */
    private static List<SessionEvent> events(ServiceSession session, List<ClusterMessage.Progress> progress) {
        List<SessionEvent> events = new ArrayList<>();
        for (ClusterMessage.Progress item : progress) {
            switch (item.type()) {
                case "transfer-started" -> session.pendingTransfer()
                        .filter(transfer -> transfer.toLegId().equals(item.toLegId()))
                        .ifPresent(transfer -> events.add(new SessionEvent.TransferStarted(transfer,
                                session.leg(transfer.toLegId()).map(Leg::endpoint).orElse(null))));
                case "transfer-completed" -> events.add(new SessionEvent.TransferCompleted(item.fromLegId(),
                        item.toLegId(), item.reason()));
                case "transfer-failed" -> events.add(new SessionEvent.TransferFailed(item.fromLegId(),
                        item.toLegId(), item.reason(), item.outcome() == null ? null
                                : WireName.parse(TransferFailure.class, item.outcome())));
                case "ended" -> events.add(new SessionEvent.Ended(item.reason()));
                case "leg-ended" -> session.leg(item.fromLegId()).filter(leg -> !leg.isActive())
                        .ifPresent(leg -> events.add(new SessionEvent.LegUpdated(leg, item.reason())));
                // What the control channel shows of the wait (its purpose and subject); when it began is not carried.
                case "handover-ended" -> events.add(new SessionEvent.Dequeued(new Queued(
                        WireName.parse(Queued.Purpose.class, item.purpose()), item.subject(), Instant.EPOCH,
                        item.fromLegId(), null, Map.of(), List.of(), item.named(), null),
                        WireName.parse(QueueOutcome.class, item.outcome()), item.reason()));
                default -> LOG.debugf("Unknown progress from another replica: %s", item.type());
            }
        }
        return events;
    }
}
