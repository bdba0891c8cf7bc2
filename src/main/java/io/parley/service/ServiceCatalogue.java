package io.parley.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.parley.session.ServiceInstance;
import io.quarkus.runtime.Startup;
import java.util.Comparator;

/**
 * Every configured service with its service instance. Built at start-up; any configuration problem
 * stops the start with every problem listed by key.
 */
@Startup
@Singleton
public class ServiceCatalogue {

    private final Map<String, ServiceDefinition> definitions;
    private final Map<String, ServiceInstance> instances;

    public ServiceCatalogue(ServicesConfig config, Instance<BehaviourFactory> factories) {
        Map<String, BehaviourFactory> byKind = new LinkedHashMap<>();
        factories.forEach(factory -> byKind.put(factory.kind(), factory));
        Map<String, ServiceDefinition> checked = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        config.services().forEach((id, service) -> {
            switch (ServiceDefinition.check(id, service, byKind.keySet(), config.services().keySet())) {
                case ServiceDefinition.Checked.Valid valid -> checked.put(id, valid.definition());
                case ServiceDefinition.Checked.Invalid invalid -> problems.addAll(invalid.problems());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid service configuration:\n  " + String.join("\n  ", problems));
        }
        this.definitions = Map.copyOf(checked);
        this.instances = checked.values().stream().collect(Collectors.toUnmodifiableMap(ServiceDefinition::id,
                definition -> byKind.get(definition.behaviour()).create(definition)));
    }

    /** Problems in a set of service configurations, without applying them (for {@code services check}). */
    public static List<String> validate(Map<String, ServicesConfig.ServiceConfig> services,
            Collection<String> behaviourKinds) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = services.keySet();
        services.forEach((id, service) -> {
            if (ServiceDefinition.check(id, service, behaviourKinds, ids) instanceof ServiceDefinition.Checked.Invalid
                    invalid) {
                problems.addAll(invalid.problems());
            }
        });
        return problems;
    }

    public List<ServiceDefinition> all() {
        return definitions.values().stream().sorted(Comparator.comparing(ServiceDefinition::id)).toList();
    }

    public Optional<ServiceDefinition> find(String id) {
        return Optional.ofNullable(definitions.get(id));
    }

    public Optional<ServiceInstance> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }
}
