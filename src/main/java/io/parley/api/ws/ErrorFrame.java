package io.parley.api.ws;

/**
 * An error frame, on any channel: a stable code and a sentence. The connection and the session stay
 * as they were.
 */
public record ErrorFrame(String code, String message) implements ControlMessage.Out, ChatMessages.Out,
        EndpointMessages.Out, PagePushMessages.Out, VoiceMessages.Out {
}
