package io.parley.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import io.parley.session.ServiceSession;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;

/**
 * Every configured service with its service instance. Built at start-up; any configuration problem
 * stops the start with every problem listed by key.
 */
@Startup
@Singleton
public class ServiceCatalogue {

    private final Map<String, ServiceDefinition> definitions;
    private final Map<String, ServiceInstance> instances;

    private final Map<String, BehaviourFactory> byKind = new LinkedHashMap<>();

    public ServiceCatalogue(ServicesConfig config, Instance<BehaviourFactory> factories) {
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
            ServiceDefinition.Checked checked = ServiceDefinition.check(id, service, behaviourKinds, ids);
            if (checked instanceof ServiceDefinition.Checked.Invalid invalid) {
                problems.addAll(invalid.problems());
            }
        });
        return problems;
    }

    /** The outcome of checking a configuration: its problems, or what each service would do. */
    public record Check(List<String> problems, Map<String, ServiceDefinition> services,
            Map<String, List<ServicePreview.Row>> previews) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks a YAML configuration ({@code parley.services.<id>...}, as in {@code application.yaml}) the way
     * start-up would, without applying it; when it is valid, previews what each service would do.
     */
    public Check check(String yaml) {
        Map<String, ServicesConfig.ServiceConfig> services;
        try {
            SmallRyeConfig parsed = new SmallRyeConfigBuilder()
                    .withSources(new YamlConfigSource("checked configuration", yaml))
                    // Durations as Quarkus reads them at start-up: 20s, 5m, or ISO-8601.
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withMapping(ServicesConfig.class)
                    .withValidateUnknown(false)
                    .build();
            services = parsed.getConfigMapping(ServicesConfig.class).services();
        } catch (RuntimeException e) {
            return new Check(problems(e), Map.of(), Map.of());
        }
        if (services.isEmpty()) {
            return new Check(List.of("parley.services: no services in this configuration"), Map.of(), Map.of());
        }
        List<String> problems = validate(services, byKind.keySet());
        if (!problems.isEmpty()) {
            return new Check(problems, Map.of(), Map.of());
        }
        Map<String, ServiceDefinition> definitions = new TreeMap<>();
        Map<String, List<ServicePreview.Row>> previews = new TreeMap<>();
        services.forEach((id, service) -> {
            ServiceDefinition definition = ((ServiceDefinition.Checked.Valid) ServiceDefinition.check(id, service,
                    byKind.keySet(), services.keySet())).definition();
            definitions.put(id, definition);
            previews.put(id, ServicePreview.of(definition, byKind.get(definition.behaviour()).create(definition)));
        });
        return new Check(List.of(), definitions, previews);
    }

    /** Conversion and parse failures, one line each. */
    private static List<String> problems(RuntimeException failure) {
        List<String> problems = new ArrayList<>();
        if (failure instanceof ConfigValidationException validation) {
            for (int i = 0; i < validation.getProblemCount(); i++) {
                problems.add(validation.getProblem(i).getMessage());
            }
        } else {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && (cause.getCause() == null || cause == failure)) {
                    problems.add(cause.getMessage());
                }
            }
        }
        return problems.isEmpty() ? List.of(String.valueOf(failure))
                : problems.stream().map(problem -> problem.replaceFirst("^([\\w.$]+(Exception|Error): )+", ""))
                        .distinct().toList();
    }

    public List<ServiceDefinition> all() {
        return definitions.values().stream().sorted(Comparator.comparing(ServiceDefinition::id)).toList();
    }

    public Optional<ServiceDefinition> find(String id) {
        return Optional.ofNullable(definitions.get(id));
    }

    /**
     * The order waiting sessions are offered in: higher priority first (their service's {@code priority}), then
     * longest waiting first.
     */
    public Comparator<ServiceSession> offerOrder() {
        Comparator<ServiceSession> byPriority = Comparator.comparingInt(session -> -find(session.serviceId())
                .map(definition -> definition.priority().of(session).value()).orElse(0));
        return byPriority.thenComparing(session -> session.queue().since()).thenComparing(ServiceSession::id);
    }

    public Optional<ServiceInstance> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }
}
