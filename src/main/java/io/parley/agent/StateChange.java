package io.parley.agent;

import java.time.Instant;

import io.parley.session.CsrState;

/** An agent's state changed: stored as an agent event, and pushed to the agent's console. */
public record StateChange(String agentId, CsrState from, CsrState to, String reason, Instant at) {
}
