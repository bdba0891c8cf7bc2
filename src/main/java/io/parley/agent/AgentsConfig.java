package io.parley.agent;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The agents seeded into the directory at start-up ({@code parley.agents.<id>}). An agent that is
 * already in the database keeps what was set over REST; configuration only adds agents the directory has never
 * had: one an operator removed ({@code DELETE /api/agents/{id}}) stays removed until {@code PUT} adds it back.
 */
@ConfigMapping(prefix = "parley.agents")
public interface AgentsConfig {

    /** Agents by id. */
    @WithParentName
    Map<String, AgentConfig> agents();

    interface AgentConfig {

        /** Display name shown to customers and in the console. */
        String name();

        /** Skill name to level 1..10. */
        Map<String, Integer> skills();

        /** Sessions the agent handles at once. */
        @WithDefault("3")
        int maxSessions();

        /** Presence when first seeded. */
        @WithDefault("available")
        Presence presence();
    }
}
