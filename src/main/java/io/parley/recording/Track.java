package io.parley.recording;

import java.util.Optional;

/**
 * One leg's recording in one codec, as bytes to append to its file: pure, the caller writes them. The
 * timestamps place the frames: a gap of up to {@link #MAX_GAP_SECONDS} is kept as silence (lost
 * packets), a frame that comes late or twice is played where it arrives.
 */
public sealed interface Track permits OggOpusTrack, WavTrack {

    /** Gaps up to this long are kept; a longer jump of the timestamps is taken as a restart of the sender's clock. */
    int MAX_GAP_SECONDS = 5;

    /** A new track for a leg's frames in this codec; {@code serial} names an Ogg stream. */
    static Track of(VoiceFrame.Codec codec, int serial) {
        return switch (codec) {
            case OPUS -> new OggOpusTrack(serial);
            case PCM -> new WavTrack();
        };
    }

    VoiceFrame.Codec codec();

    /** The start of the file. */
    byte[] start();

    /** What to append for this frame (possibly nothing yet). */
    byte[] add(VoiceFrame frame);

    /** What to append when the recording ends. */
    byte[] end();

    /** After {@link #end()}: the start of the file again, now that the sizes are known, when it changes. */
    Optional<byte[]> finalStart();

    /** Frames added. */
    long frames();

    /** Bytes returned so far by {@link #start()}, {@link #add} and {@link #end()}: the file's size. */
    long bytes();
}
