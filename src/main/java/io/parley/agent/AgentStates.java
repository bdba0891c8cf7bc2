package io.parley.agent;

import java.time.Instant;

import io.parley.session.CsrState;

/** How an agent's state follows from its presence, its after-session time and its sessions. Pure. */
public final class AgentStates {

    private AgentStates() {
    }

    public static CsrState of(Presence presence, Instant wrapUpUntil, int activeSessions, int maxSessions,
            Instant now) {
        return switch (presence) {
            case OFFLINE -> CsrState.OFFLINE;
            case AWAY -> CsrState.AWAY;
            case AVAILABLE -> {
                if (wrapUpUntil != null && now.isBefore(wrapUpUntil)) {
                    yield CsrState.WRAP_UP;
                }
                yield activeSessions >= maxSessions ? CsrState.BUSY : CsrState.AVAILABLE;
            }
        };
    }

    /** The agent's state now, given how many sessions it is in. */
    public static CsrState of(Agent agent, int activeSessions, Instant now) {
        return of(agent.presence(), agent.wrapUpUntil(), activeSessions, agent.maxSessions(), now);
    }
}
