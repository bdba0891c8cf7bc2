package io.parley.api.ws;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The text side of the {@code voice} channel (the audio itself travels in binary frames, relayed as
 * they come, each prefixed with the sending leg's id: one byte of length, then the id in ASCII).
 */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public final class VoiceMessages {

    /** The largest audio frame relayed: ample for 20 ms of Opus or of 16 kHz PCM. */
    public static final int MAX_FRAME_BYTES = 4096;

    private VoiceMessages() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = In.Mute.class, name = "mute"),
            @JsonSubTypes.Type(value = In.Codecs.class, name = "codecs")
    })
    public sealed interface In {

        record Mute(boolean muted) implements In {
        }

        /**
         * What this leg can play ({@code opus}, {@code pcm}); the others send what every listener can play. A leg
         * that joins the call announces it; each other leg answers with its own ({@code reply}, not answered).
         */
        record Codecs(List<String> decodes, Boolean reply) implements In {
        }
    }

    /** The codecs a leg may say it plays. */
    public static final Set<String> CODECS = Set.of("opus", "pcm");

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Out.Muted.class, name = "muted"),
            @JsonSubTypes.Type(value = Out.Codecs.class, name = "codecs"),
            @JsonSubTypes.Type(value = ErrorFrame.class, name = "error")
    })
    public sealed interface Out permits Out.Muted, Out.Codecs, ErrorFrame {

        record Muted(String legId, boolean muted) implements Out {
        }

        record Codecs(String legId, List<String> decodes, boolean reply) implements Out {
        }
    }
}
