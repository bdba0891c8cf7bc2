package io.parley.service;

import io.parley.session.ServiceInstance;

/**
 * The behaviour SPI: a CDI bean that makes service instances of one kind, selected by name in
 * {@code parley.services.<id>.behaviour}. The instance it makes must be a pure decision function.
 */
public interface BehaviourFactory {

    /** The name configuration selects this behaviour by. */
    String kind();

    ServiceInstance create(ServiceDefinition definition);
}
