package io.parley.api.ws;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.parley.chat.ChatMessage;
import io.parley.chat.TranscriptPage;
import io.parley.session.Channel;
import io.parley.system.Outcome;
import io.parley.system.chat.ChatService;
import io.parley.system.chat.ChatWriter;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The chat channel: messages are stored (once per client id) with a per-session sequence number before
 * they are acknowledged and fanned out; {@code history} replays what a reconnecting endpoint missed, in
 * replies of bounded size.
 */
@WebSocket(path = "/ws/sessions/{sessionId}/legs/{legId}/chat")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    /** RFC 6455 §7.4.1: the server met a condition that kept it from fulfilling the request. */
    private static final int SERVER_ERROR = 1011;

    private final Channels channels;
    private final Fanout fanout;
    private final ChatService chat;
    private final ChatWriter writer;
    private final LimitsConfig limits;

    public ChatSocket(Channels channels, Fanout fanout, ChatService chat, ChatWriter writer,
            LimitsConfig limits) {
        this.limits = limits;
        this.channels = channels;
        this.fanout = fanout;
        this.chat = chat;
        this.writer = writer;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return channels.open(connection, Channel.CHAT).replaceWithVoid();
    }

    @OnTextMessage
    public Uni<Void> message(WebSocketConnection connection, String frame) {
        LegSocket socket = fanout.socketOf(connection);
        if (socket == null) {
            return Uni.createFrom().voidItem();
        }
        return channels.read(connection, frame, ChatMessages.In.class, ChatSocket::limit,
                error -> fanout.sendChat(connection, error))
                .map(message -> switch (message) {
                    case ChatMessages.In.Send send -> send(connection, socket, send);
                    case ChatMessages.In.Typing typing -> {
                        chat.typing(UUID.fromString(socket.sessionId()), socket.legId(), socket.endpoint(),
                                typing.typing());
                        yield Uni.createFrom().voidItem();
                    }
                    case ChatMessages.In.Read read -> chat.read(UUID.fromString(socket.sessionId()),
                            socket.legId(), socket.endpoint(), Math.max(0, read.seq()));
                    case ChatMessages.In.History history -> chat.chatReplay(UUID.fromString(socket.sessionId()),
                            Math.max(0, history.after()), socket.staff()).invoke(
                                    replay -> fanout.sendChat(connection,
                                            history(socket, replay)))
                            .replaceWithVoid();
                })
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private static ConnectionLimits.Limit limit(ChatMessages.In message) {
        return switch (message) {
            case ChatMessages.In.Send send -> ConnectionLimits.Limit.CHAT;
            case ChatMessages.In.Typing typing -> ConnectionLimits.Limit.TYPING;
            case ChatMessages.In.Read read -> ConnectionLimits.Limit.READ;
            case ChatMessages.In.History history -> ConnectionLimits.Limit.HISTORY;
        };
    }

    /**
     * The replay as a reply of at most {@code parley.limits.history-bytes} (and at least one message): when
     * messages are left over, or the replay was as long as one may be, it says {@code more} and the client asks
     * again after the last one it got.
     */
    private ChatMessages.Out.History history(LegSocket socket, ChatService.Replay replay) {
        TranscriptPage<ChatMessages.Out.Message> page = TranscriptPage.read(replay.messages()).bounded(
                stored -> ChatMessages.Out.Message.of(stored, stored.senderLegId().equals(socket.legId())),
                fanout::chatBytes, limits.historyBytes().asLongValue());
        // A customer learns nothing of a supervisor it does not see, not even how far it read.
        Map<String, Long> marks = replay.readMarks().entrySet().stream()
                .filter(mark -> fanout.seenBy(socket.sessionId(), mark.getKey()).reaches(socket))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new ChatMessages.Out.History(page.messages(), marks, page.more());
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        fanout.unregister(connection);
    }

    private Uni<Void> send(WebSocketConnection connection, LegSocket socket, ChatMessages.In.Send send) {
        Optional<String> invalid = ChatMessage.clientIdProblem(send.clientId())
                .or(() -> ChatMessage.textProblem(send.text()));
        if (invalid.isPresent()) {
            fanout.sendChat(connection, new ErrorFrame("invalid-request", invalid.get()));
            return Uni.createFrom().voidItem();
        }
        // Not waited for: the connection's next frame is read (and counted against its rate) while this one is
        // being stored. Waiting held every later frame in memory behind the store, and a flood over the rate was
        // let through at the store's pace, never refused. The writer keeps the connection's order.
        if (send.isNote() && !socket.staff()) {
            fanout.sendChat(connection, new ErrorFrame("not-permitted", "private notes are for staff"));
            return Uni.createFrom().voidItem();
        }
        UUID sessionId = UUID.fromString(socket.sessionId());
        (send.isNote() ? writer.note(sessionId, socket.legId(), send.clientId(), send.text())
                : writer.post(sessionId, socket.legId(), send.clientId(), send.text()))
                .subscribe().with(outcome -> {
                    switch (outcome) {
                        case Outcome.Done<ChatWriter.Posted> done -> fanout.sendChat(connection,
                                new ChatMessages.Out.Ack(send.clientId(), done.value().message().seq(),
                                        done.value().duplicate()));
                        case Outcome.Refused<ChatWriter.Posted> refused -> fanout.sendChat(connection,
                                new ErrorFrame(refused.refusal().code().wire(), refused.refusal().detail()));
                    }
                }, failure -> {
                    // Not stored, so not acknowledged: the client sends it again on a new connection.
                    LOG.debugf("chat message %s not stored: %s", send.clientId(), failure.getMessage());
                    connection.close(new CloseReason(SERVER_ERROR, "not stored")).subscribe().with(closed -> {},
                            ignored -> {});
                });
        return Uni.createFrom().voidItem();
    }
}
