package io.parley.agent;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<AgentEntity, String> {
}
