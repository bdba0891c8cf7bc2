package io.parley.api.ws;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An error frame, on any channel: a stable code and a sentence. The connection and the session stay
 * as they were.
 */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public record ErrorFrame(String code, String message) implements ControlMessage.Out, ChatMessages.Out,
        EndpointMessages.Out, PagePushMessages.Out, VoiceMessages.Out {
}
