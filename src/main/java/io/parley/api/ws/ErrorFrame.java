package io.parley.api.ws;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An error frame, on any channel: a stable code and a sentence. The connection and the session stay
 * as they were. An answer to an offer that was refused names the offer ({@code offerId}), so a console
 * with several offers open knows which one it was.
 */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorFrame(String code, String message, String offerId) implements ControlMessage.Out,
        ChatMessages.Out, EndpointMessages.Out, PagePushMessages.Out, VoiceMessages.Out {

    public ErrorFrame(String code, String message) {
        this(code, message, null);
    }
}
