package io.parley.api.ws;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.parley.session.Channel;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * Puts each channel's messages on the wire: writes them as JSON text and sends them on a connection without
 * waiting (a closed connection is skipped), and reads back the page-push text relayed from another replica.
 */
@ApplicationScoped
public class Frames {

    private static final Logger LOG = Logger.getLogger(Frames.class);

    /** A media channel is live from now on, and was told what it missed (control says {@code welcome}). */
    @RegisterForReflection // Native image: written by Jackson outside REST return values.
    public record Ready(String type, String channel, String legId) {
    }

    private final ObjectWriter control;
    private final ObjectWriter chat;
    private final ObjectWriter endpoint;
    private final ObjectWriter pagePush;
    private final ObjectWriter voice;
    private final ObjectWriter ready;
    private final ObjectReader pagePushIn;

    public Frames(ObjectMapper json) {
        this.pagePushIn = json.readerFor(PagePushMessages.Out.class);
        this.ready = json.writerFor(Ready.class);
        this.control = json.writerFor(ControlMessage.Out.class);
        this.chat = json.writerFor(ChatMessages.Out.class);
        this.endpoint = json.writerFor(EndpointMessages.Out.class);
        this.pagePush = json.writerFor(PagePushMessages.Out.class);
        this.voice = json.writerFor(VoiceMessages.Out.class);
    }

    void sendControl(WebSocketConnection connection, ControlMessage.Out message) {
        send(connection, control, message);
    }

    void sendChat(WebSocketConnection connection, ChatMessages.Out message) {
        send(connection, chat, message);
    }

    void sendEndpoint(WebSocketConnection connection, EndpointMessages.Out message) {
        send(connection, endpoint, message);
    }

    void sendPagePush(WebSocketConnection connection, PagePushMessages.Out message) {
        send(connection, pagePush, message);
    }

    void sendVoice(WebSocketConnection connection, VoiceMessages.Out message) {
        send(connection, voice, message);
    }

    /** An error frame on whichever channel the socket is. */
    void sendError(LegSocket socket, ErrorFrame error) {
        switch (socket.channel()) {
            case CONTROL -> sendControl(socket.connection(), error);
            case CHAT -> sendChat(socket.connection(), error);
            case PAGE_PUSH -> sendPagePush(socket.connection(), error);
            case VOICE -> sendVoice(socket.connection(), error);
        }
    }

    /** Tells a media channel that it is live (a control channel has its {@code welcome} instead). */
    void sendReady(LegSocket socket) {
        if (socket.channel() != Channel.CONTROL) {
            send(socket.connection(), ready, new Ready("ready", socket.channel().wire(), socket.legId()));
        }
    }

    /** Writes an endpoint-channel message and completes when it is written (for frames that must stay in order). */
    Uni<Void> writeEndpoint(WebSocketConnection connection, EndpointMessages.Out message) {
        return connection.sendText(write(endpoint, message));
    }

    /** How many bytes a chat message takes on the wire. */
    int chatBytes(ChatMessages.Out message) {
        try {
            return chat.writeValueAsBytes(message).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message, e);
        }
    }

    /** A page-push message as the text that goes on the wire (and to other replicas). */
    String pagePushText(PagePushMessages.Out message) {
        return write(pagePush, message);
    }

    /** A voice control message as the text that goes on the wire (and to other replicas). */
    String voiceText(VoiceMessages.Out message) {
        return write(voice, message);
    }

    /** Page-push text as written by {@link #pagePushText} (here or on another replica). */
    PagePushMessages.Out readPagePush(String text) throws IOException {
        return pagePushIn.readValue(text);
    }

    /** Sends text already written, without waiting; a closed connection is skipped. */
    void sendText(WebSocketConnection connection, String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(done -> {},
                    failure -> LOG.debugf("send to %s failed: %s", connection.id(), failure.getMessage()));
        }
    }

    /** Writes a message on a connection, without waiting; a closed connection is skipped. */
    private void send(WebSocketConnection connection, ObjectWriter writer, Object message) {
        if (connection.isOpen()) {
            sendText(connection, write(writer, message));
        }
    }

    private static String write(ObjectWriter writer, Object message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message, e);
        }
    }
}
