package io.parley.api.ws;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.parley.session.Channel;
import io.parley.system.recording.RecordingService;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Packetized voice: each binary frame (the client's sequence, timestamp, codec and payload) is relayed
 * to every other leg's voice connection, prefixed with the sender's leg id, so that in a conference
 * everybody hears everybody else; {@code mute} is announced to the others. When the service records voice,
 * each frame also goes to the leg's recording.
 */
@WebSocket(path = "/ws/sessions/{sessionId}/legs/{legId}/voice")
public class VoiceSocket {

    private final Channels channels;
    private final Fanout fanout;
    private final RecordingService recordings;

    public VoiceSocket(Channels channels, Fanout fanout, RecordingService recordings) {
        this.channels = channels;
        this.fanout = fanout;
        this.recordings = recordings;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return channels.open(connection, Channel.VOICE).replaceWithVoid();
    }

    @OnBinaryMessage
    public void audio(WebSocketConnection connection, Buffer frame) {
        LegSocket socket = fanout.socketOf(connection);
        if (socket == null) {
            return;
        }
        if (!channels.admit(connection, ConnectionLimits.Limit.VOICE, error -> fanout.sendVoice(connection, error))) {
            return;
        }
        if (frame.length() == 0 || frame.length() > VoiceMessages.MAX_FRAME_BYTES) {
            fanout.sendVoice(connection, new ErrorFrame("frame-too-large",
                    "audio frames are 1 to " + VoiceMessages.MAX_FRAME_BYTES + " bytes"));
            return;
        }
        if (fanout.reach(socket.sessionId(), socket.legId()) == LegPictures.Reach.NOBODY) {
            // A monitoring supervisor's microphone reaches nobody, and is not recorded either.
            return;
        }
        recordings.frame(socket.sessionId(), socket.serviceId(), socket.legId(), socket.endpoint(), frame);
        byte[] legId = socket.legId().getBytes(StandardCharsets.US_ASCII);
        fanout.relayAudio(socket, Buffer.buffer(1 + legId.length + frame.length())
                .appendByte((byte) legId.length).appendBytes(legId).appendBuffer(frame));
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String frame) {
        LegSocket socket = fanout.socketOf(connection);
        if (socket == null) {
            return;
        }
        channels.read(connection, frame, VoiceMessages.In.class, message -> ConnectionLimits.Limit.SIGNALS,
                error -> fanout.sendVoice(connection, error))
                .ifPresent(message -> {
                    switch (message) {
                        case VoiceMessages.In.Mute mute -> fanout.relayVoice(socket,
                                new VoiceMessages.Out.Muted(socket.legId(), mute.muted()));
                        case VoiceMessages.In.Codecs codecs -> {
                            if (codecs.decodes() == null || codecs.decodes().isEmpty() || codecs.decodes().size() > 4
                                    || codecs.decodes().contains(null)
                                    || !VoiceMessages.CODECS.containsAll(codecs.decodes())) {
                                fanout.sendVoice(connection, new ErrorFrame("invalid-request",
                                        "decodes: one or more of " + VoiceMessages.CODECS));
                            } else {
                                fanout.relayVoice(socket, new VoiceMessages.Out.Codecs(socket.legId(),
                                        List.copyOf(codecs.decodes()), Boolean.TRUE.equals(codecs.reply())));
                            }
                        }
                    }
                });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        fanout.unregister(connection);
    }
}
