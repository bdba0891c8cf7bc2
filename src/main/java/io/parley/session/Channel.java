package io.parley.session;

/**
 * The WebSocket channels of a session. {@link #CONTROL} is always there (leg messages); the media
 * channels are those the service declares.
 */
public enum Channel implements WireName {
    CONTROL,
    CHAT,
    PAGE_PUSH,
    VOICE;

    public boolean isMedia() {
        return this != CONTROL;
    }

    public static Channel fromWire(String value) {
        return WireName.parse(Channel.class, value);
    }
}
