package io.parley.system.change;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.parley.transport.ConnectionDetails;
import io.parley.transport.ConnectionDetailsFactory;
import io.parley.transport.JoinLink;
import io.parley.transport.TokenService;

/**
 * Issues a leg's connection details (a token scoped to the leg and one WebSocket URL per channel), and the
 * join link an invited customer is sent.
 */
@ApplicationScoped
public class ConnectionIssuer {

    private final TokenService tokens;
    private final ServiceCatalogue catalogue;

    public ConnectionIssuer(TokenService tokens, ServiceCatalogue catalogue) {
        this.tokens = tokens;
        this.catalogue = catalogue;
    }

    public ConnectionDetails details(URI base, ServiceSession session, Leg leg) {
        Set<Channel> channels = EnumSet.of(Channel.CONTROL);
        catalogue.find(session.serviceId()).map(ServiceDefinition::media).ifPresent(channels::addAll);
        return ConnectionDetailsFactory.details(base, session.id(), leg.id(),
                tokens.issueLeg(session.id(), leg.id(), leg.endpoint(), channels), channels);
    }

    /** The join page of a customer's leg: {@code <base>join/<link token>}. */
    public JoinLink link(URI base, ServiceSession session, Leg leg) {
        return ConnectionDetailsFactory.joinLink(base, tokens.issueLink(session.id(), leg.id(), leg.endpoint()));
    }

    public String visitor(EndpointRef customer) {
        return tokens.issueVisitor(customer).token();
    }
}
