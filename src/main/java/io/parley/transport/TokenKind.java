package io.parley.transport;

import io.parley.session.WireName;

/**
 * What a token opens. {@code leg}: the channels of one leg of one session. {@code visitor}: the REST API
 * as one customer without an account. {@code endpoint}: an agent's standing endpoint channel.
 * {@code link}: the join page of one invited customer leg of one session (the link a customer is sent).
 * {@code console}: the REST API as one agent, for its console, instead of keeping its password.
 */
public enum TokenKind implements WireName {
    LEG,
    VISITOR,
    ENDPOINT,
    LINK,
    CONSOLE
}
