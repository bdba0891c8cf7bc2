package io.parley.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.routing.Escalation;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.service.ServicePreview;
import io.parley.session.Channel;
import io.parley.session.Supervision;
import io.parley.system.routing.ServiceStats;
import io.smallrye.mutiny.Uni;

/** The services customers can ask for (public: the widget lists their subjects). */
@Path("/api/services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Services")
public class ServiceResource {

    private final ServiceCatalogue catalogue;
    private final ServiceStats stats;

    public ServiceResource(ServiceCatalogue catalogue, ServiceStats stats) {
        this.catalogue = catalogue;
        this.stats = stats;
    }

    /** A service on the wire. {@code subjects}: subject to skill to minimum level. */
    public record ServiceView(String id, String name, String behaviour, List<String> media, VoiceView voice,
            Map<String, Map<String, Integer>> subjects, RoutingView routing, Allowed allowed, Limits limits,
            Duration transferTimeout) {

        static ServiceView of(ServiceDefinition d) {
            Map<String, Map<String, Integer>> subjects = new TreeMap<>();
            d.subjects().forEach((subject, requirement) -> subjects.put(subject, new TreeMap<>(
                    requirement.minimumLevels())));
            return new ServiceView(d.id(), d.name(), d.behaviour(),
                    d.media().stream().sorted().map(Channel::wire).toList(), new VoiceView(d.recordVoice()),
                    subjects,
                    new RoutingView(d.routing().strategy().wire(), d.routing().order(), d.routing().offerTimeout(),
                            d.routing().queueTimeout(), d.routing().overflow().orElse(null), d.routing().wrapUp(),
                            d.routing().escalations().stream().map(EscalationView::of).toList(),
                            d.routing().retryAfter()),
                    new Allowed(d.allow().conference(), d.allow().transfer(), d.allow().customerInvites(),
                            d.allow().supervision().stream().sorted().map(Supervision::wire).toList()),
                    new Limits(d.limits().maxCsrs(), d.limits().maxParticipants()), d.transferTimeout());
        }
    }

    public record RoutingView(String strategy, List<String> order, Duration offerTimeout, Duration queueTimeout,
            String overflow, Duration wrapUp, List<EscalationView> escalations, Duration retryAfter) {
    }

    /** After waiting {@code after}, these subjects need only these skills. */
    public record EscalationView(Duration after, Map<String, Map<String, Integer>> subjects) {
        static EscalationView of(Escalation escalation) {
            Map<String, Map<String, Integer>> subjects = new TreeMap<>();
            escalation.subjects().forEach((subject, requirement) -> subjects.put(subject,
                    new TreeMap<>(requirement.minimumLevels())));
            return new EscalationView(escalation.after(), subjects);
        }
    }

    /**
     * A service's figures: live, and over the rolling {@code window}. Durations in seconds. {@code serviceLevel}: the
     * share (0 to 1) of waits answered within {@code serviceLevelTargetSeconds}, of those answered or abandoned;
     * {@code serviceLevelGoal} the percent aimed at; {@code abandonRate} the share of ended waits abandoned; null
     * before any. {@code ratings}: how many customers rated in the window, {@code averageRating} their average (1 to
     * 5, null before any).
     */
    public record StatsView(String service, Instant at, double windowSeconds, int waiting, double longestWaitSeconds,
            Map<String, Integer> agents, long offered, long answered, long abandoned, long overflowed, long timedOut,
            long answeredInTime, Double serviceLevel, double serviceLevelTargetSeconds, int serviceLevelGoal,
            Double abandonRate, Double averageWaitSeconds, Double averageHandlingSeconds, long ratings,
            Double averageRating) {
        public static StatsView of(ServiceStats.Stats stats) {
            Map<String, Integer> agents = new LinkedHashMap<>();
            stats.agents().forEach((state, count) -> agents.put(state.wire(), count));
            return new StatsView(stats.service(), stats.at(), seconds(stats.window()), stats.waiting(),
                    seconds(stats.longestWait()), agents, stats.offered(), stats.answered(), stats.abandoned(),
                    stats.overflowed(), stats.timedOut(), stats.answeredInTime(), stats.serviceLevel().orElse(null),
                    seconds(stats.level().target()), stats.level().goalPercent(), stats.abandonRate().orElse(null),
                    orNull(stats.averageWait()), orNull(stats.averageHandling()), stats.rated().count(),
                    stats.rated().average());
        }

        private static double seconds(Duration duration) {
            return duration.toMillis() / 1000.0;
        }

        private static Double orNull(Duration duration) {
            return duration == null ? null : seconds(duration);
        }
    }

    /** {@code supervision}: the ways a supervisor may be in the service's sessions (monitor, whisper, barge). */
    public record Allowed(boolean conference, boolean transfer, boolean customerInvites, List<String> supervision) {
    }

    /** A canned reply: the name a CSR types after {@code /}, and the text it inserts. */
    public record ReplyView(String name, String text) {
    }

    /** {@code record}: the sessions' voice is recorded ({@code GET /api/sessions/{id}/recordings}). */
    public record VoiceView(boolean record) {
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

    @GET
    @Path("{id}/replies")
    @RolesAllowed({"agent", "supervisor", "operator"})
    @Operation(summary = "The service's canned replies, by name (staff): what the console inserts after / and a few "
            + "letters")
    public List<ReplyView> replies(@PathParam("id") String id) {
        return catalogue.find(id).map(d -> d.replies().stream().map(r -> new ReplyView(r.name(), r.text())).toList())
                .orElseThrow(() -> new ProblemException(Problem.of(404, "service-not-found",
                        "no service named '" + id + "'")));
    }

    @GET
    @Path("{id}/stats")
    @RolesAllowed({"agent", "supervisor", "operator"})
    @Operation(summary = "The service's figures: waiting now, longest wait, agents by state, and over the rolling"
            + " window offered, answered, abandoned, overflowed and timed-out waits, average wait and handling time")
    public Uni<StatsView> stats(@PathParam("id") String id) {
        return stats.of(id).map(found -> found.map(StatsView::of).orElseThrow(() -> new ProblemException(
                Problem.of(404, "service-not-found", "no service named '" + id + "'"))));
    }

    /** The outcome of {@code POST /api/services/check}. */
    public record CheckView(boolean valid, List<String> problems, List<PreviewView> services) {
    }

    /** What one service would do for each kind of request. */
    public record PreviewView(String id, String name, String behaviour, List<ServicePreview.Row> requests) {
    }

    @POST
    @Path("check")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed("operator")
    @Operation(summary = "Check a service configuration (YAML, parley.services...) without applying it: its"
            + " problems by key, or what each service would do for each kind of request")
    public CheckView check(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ProblemException.invalid("body: a YAML configuration with parley.services");
        }
        ServiceCatalogue.Check check = catalogue.check(yaml);
        return new CheckView(check.valid(), check.problems(), check.services().values().stream()
                .map(d -> new PreviewView(d.id(), d.name(), d.behaviour(), check.previews().get(d.id())))
                .toList());
    }
}
