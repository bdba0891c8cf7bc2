package io.parley.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

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
            java.util.function.Function<ServiceDefinition, io.parley.session.ServiceInstance> create) {
        return new BehaviourFactory() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public io.parley.session.ServiceInstance create(ServiceDefinition definition) {
                return create.apply(definition);
            }
        };
    }
}
