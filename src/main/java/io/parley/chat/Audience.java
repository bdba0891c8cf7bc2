package io.parley.chat;

import io.parley.session.WireName;

/** Who a chat message is for. */
public enum Audience implements WireName {
    /** Everybody in the session. */
    ALL,
    /** The session's staff only (a supervisor's whisper): never a customer's socket, replay or transcript. */
    STAFF
}
