package io.parley.agent;

import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Start-up seeds the directory from {@code parley.agents.*} with the agents it has never had: one an operator
 * removed stays removed although configuration still names it (what the operator asked for outlives a restart;
 * the log says which agents were left out), and {@code PUT /api/agents/{id}} is how it comes back.
 */
@QuarkusTest
class AgentSeedingTest {

    @Inject
    AgentService agents;

    private static List<String> listed() {
        return operator().get("/api/agents").then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    @Test
    void anAgentRemovedByAnOperatorIsNotAddedAgainFromConfigurationAtStartUp() throws Throwable {
        Parley.reset();
        operator().body(Map.of("name", "Dora Lind", "skills", Map.of("sales", 6), "maxSessions", 2))
                .put("/api/agents/dora").then().statusCode(200);
        operator().delete("/api/agents/dora").then().statusCode(200);

        agents.seed(new StartupEvent());
        assertThat(listed()).as("configured, but removed by an operator").doesNotContain("dora")
                .contains("alice", "bob", "carol", "quinn");

        operator().body(Map.of("name", "Dora Lind", "skills", Map.of("sales", 6), "maxSessions", 2))
                .put("/api/agents/dora").then().statusCode(200);
        agents.seed(new StartupEvent());
        assertThat(listed()).contains("dora");
    }
}
