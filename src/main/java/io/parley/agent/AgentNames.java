package io.parley.agent;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointRef;

/**
 * The names people see for endpoints (a CSR's display name in a customer's roster), kept in memory:
 * every read of the agent directory refreshes it, so a rename shows up by the next routing round.
 */
@ApplicationScoped
public class AgentNames {

    private final Map<String, String> byId = new ConcurrentHashMap<>();

    void remember(Agent agent) {
        byId.put(agent.id(), agent.displayName());
    }

    /** Takes the names of agents read elsewhere (routing reads a few agents' rows per change). */
    public void rememberAll(Collection<Agent> agents) {
        agents.forEach(this::remember);
    }

    /** A CSR's display name (its id until the directory has been read); "Customer" and "Operator" otherwise. */
    public String nameOf(EndpointRef endpoint) {
        return switch (endpoint.kind()) {
            case CSR -> byId.getOrDefault(endpoint.id(), endpoint.id());
            case CUSTOMER -> "Customer";
            case SYSTEM -> "Operator";
        };
    }
}
