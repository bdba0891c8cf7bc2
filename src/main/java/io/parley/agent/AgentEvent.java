package io.parley.agent;

import java.time.Instant;

import io.parley.session.CsrState;

/** An entry of an agent's state history. */
public record AgentEvent(Instant at, CsrState state, String reason) {
}
