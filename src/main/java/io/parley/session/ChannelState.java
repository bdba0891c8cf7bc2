package io.parley.session;

/** One channel's connection state for one leg, as the endpoint reports it in leg messages. */
public enum ChannelState implements WireName {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    FAILED;

    public static ChannelState fromWire(String value) {
        return WireName.parse(ChannelState.class, value);
    }
}
