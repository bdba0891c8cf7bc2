package io.parley.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Channel;

/** The services customers can ask for (public: the widget lists their subjects). */
@Path("/api/services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Services")
public class ServiceResource {

    private final ServiceCatalogue catalogue;

    public ServiceResource(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A service on the wire. {@code subjects}: subject to skill to minimum level. */
    public record ServiceView(String id, String name, String behaviour, List<String> media,
            Map<String, Map<String, Integer>> subjects, RoutingView routing, Allowed allowed, Limits limits,
            Duration transferTimeout) {

        static ServiceView of(ServiceDefinition d) {
            Map<String, Map<String, Integer>> subjects = new TreeMap<>();
            d.subjects().forEach((subject, requirement) -> subjects.put(subject, new TreeMap<>(
                    requirement.minimumLevels())));
            return new ServiceView(d.id(), d.name(), d.behaviour(),
                    d.media().stream().sorted().map(Channel::wire).toList(), subjects,
                    new RoutingView(d.routing().strategy().wire(), d.routing().order(), d.routing().offerTimeout(),
                            d.routing().queueTimeout(), d.routing().overflow().orElse(null)),
                    new Allowed(d.allow().conference(), d.allow().transfer(), d.allow().customerInvites()),
                    new Limits(d.limits().maxCsrs(), d.limits().maxParticipants()), d.transferTimeout());
        }
    }

    public record RoutingView(String strategy, List<String> order, Duration offerTimeout, Duration queueTimeout,
            String overflow) {
    }

    public record Allowed(boolean conference, boolean transfer, boolean customerInvites) {
    }

    public record Limits(int maxCsrs, int maxParticipants) {
    }

    @GET
    @Operation(summary = "Every service: behaviour, media, subjects, routing strategy, what is allowed")
    public List<ServiceView> list() {
        return catalogue.all().stream().map(ServiceView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One service")
    public ServiceView get(@PathParam("id") String id) {
        return catalogue.find(id).map(ServiceView::of).orElseThrow(() -> new ProblemException(
                Problem.of(404, "service-not-found", "no service named '" + id + "'")));
    }
}
