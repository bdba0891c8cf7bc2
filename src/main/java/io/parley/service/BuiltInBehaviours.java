package io.parley.service;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.parley.session.ServiceInstance;

/** The built-in behaviour kinds, as {@link BehaviourFactory} beans like any custom kind. */
@ApplicationScoped
public class BuiltInBehaviours {

    @Produces
    @ApplicationScoped
    BehaviourFactory routed() {
        return factory("routed", RoutedBehaviour::new);
    }

    @Produces
    @ApplicationScoped
    BehaviourFactory direct() {
        return factory("direct", DirectBehaviour::new);
    }

    @Produces
    @ApplicationScoped
    BehaviourFactory subjectRoom() {
        return factory("subject-room", SubjectRoomBehaviour::new);
    }

    private static BehaviourFactory factory(String kind,
            Function<ServiceDefinition, ServiceInstance> create) {
        return new BehaviourFactory() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public ServiceInstance create(ServiceDefinition definition) {
                return create.apply(definition);
            }
        };
    }
}
