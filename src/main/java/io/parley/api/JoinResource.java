package io.parley.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.agent.AgentNames;
import io.parley.service.ServiceCatalogue;
import io.parley.session.Refusal;
import io.parley.session.ServiceSession;
import io.parley.system.Outcome;
import io.parley.system.SystemConfig;
import io.parley.system.change.Joined;
import io.parley.system.change.ServiceSystem;
import io.parley.transport.LinkGrant;
import io.parley.transport.TokenService;
import io.parley.transport.Verification;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /join/{token}}: the page an invited customer opens from the link it was sent, and
 * {@code POST /join/{token}}, which its script calls to join. No sign-in: the link token is the credential,
 * for one browser: the first to join by it binds the customer's leg and alone may open it again. The page
 * says why a link does not open, with a stable code (as {@code application/problem+json} when the caller
 * asks for JSON).
 */
@Path("/join")
@Tag(name = "Sessions")
public class JoinResource {

    private final ServiceSystem system;
    private final TokenService tokens;
    private final ServiceCatalogue catalogue;
    private final ObjectMapper json;
    private final AgentNames names;

    /** The cookie (one per leg) that marks the browser which opened a join link first. */
    static final String COOKIE_PREFIX = "parley-link-";

    /** Where endpoints reach this service: links and channel URLs never come from the Host header. */
    @Inject
    SystemConfig config;

    @Context
    HttpHeaders headers;

    public JoinResource(ServiceSystem system, TokenService tokens, ServiceCatalogue catalogue, ObjectMapper json,
            AgentNames names) {
        this.names = names;
        this.system = system;
        this.tokens = tokens;
        this.catalogue = catalogue;
        this.json = json;
    }

    @GET
    @Path("{token}")
    @Operation(summary = "The join page of an invited customer (HTML; JSON with Accept: application/json)",
            description = "Changes nothing (the page's script joins with POST): 401 for a forged or malformed "
                    + "link, 410 when it expired (link-expired), another browser opened it first (link-used) or "
                    + "the conversation ended (session-ended).")
    public Uni<Response> page(@PathParam("token") String token, @HeaderParam("Accept") String accept) {
        boolean asJson = wantsJson(accept);
        URI base = config.publicUrl();
        return switch (tokens.verifyLink(token)) {
            case Verification.Rejected<LinkGrant> rejected -> Uni.createFrom().item(refused(rejected, asJson, base));
            case Verification.Verified<LinkGrant> verified -> system.linkedSession(verified.grant(),
                    openedHereBefore(verified.grant()))
                    .map(outcome -> switch (outcome) {
                        case Outcome.Done<ServiceSession> done -> page(new JoinPage.Data(base.toString(),
                                serviceOf(done.value()), null), asJson, base).build();
                        case Outcome.Refused<ServiceSession> no -> refused(gone(no.refusal()), asJson, base);
                    });
        };
    }

    @POST
    @Path("{token}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An invited customer joins by its link (the join page's script calls this)",
            description = "The first browser to open the link binds its leg (a cookie marks it); that browser may "
                    + "open it again, any other is refused with 410 link-used. Answers the page's data with fresh "
                    + "connection details and a visitor token.")
    public Uni<Response> join(@PathParam("token") String token) {
        URI base = config.publicUrl();
        return switch (tokens.verifyLink(token)) {
            case Verification.Rejected<LinkGrant> rejected -> Uni.createFrom().item(refused(rejected, true, base));
            case Verification.Verified<LinkGrant> verified -> system.joinByLink(verified.grant(),
                    openedHereBefore(verified.grant()), base)
                    .map(outcome -> switch (outcome) {
                        case Outcome.Done<Joined> done -> page(new JoinPage.Data(base.toString(),
                                serviceOf(done.value().session()), Joining.of(done.value(), false, names::nameOf)),
                                true, base)
                                .header("Set-Cookie", bindingCookie(verified.grant(), base)).build();
                        case Outcome.Refused<Joined> no -> refused(gone(no.refusal()), true, base);
                    });
        };
    }

    /** Whether this browser carries the mark of having opened the link first. */
    private boolean openedHereBefore(LinkGrant grant) {
        Cookie mark = headers.getCookies().get(COOKIE_PREFIX + grant.legId());
        return mark != null && tokens.isLinkBinding(grant.legId(), mark.getValue());
    }

    /** The mark of the browser that opened the link: only sent back to the join page, never readable by scripts. */
    private String bindingCookie(LinkGrant grant, URI base) {
        long seconds = Math.max(0, Duration.between(Instant.now(), grant.expiresAt()).toSeconds());
        return COOKIE_PREFIX + grant.legId() + "=" + tokens.linkBinding(grant.legId()) + "; Path=/join/; Max-Age="
                + seconds + "; HttpOnly; SameSite=Strict" + ("https".equals(base.getScheme()) ? "; Secure" : "");
    }

    private ServiceResource.ServiceView serviceOf(ServiceSession session) {
        return catalogue.find(session.serviceId()).map(ServiceResource.ServiceView::of)
                .orElseThrow(() -> new IllegalStateException("service " + session.serviceId() + " is gone"));
    }

    private Response.ResponseBuilder page(JoinPage.Data data, boolean asJson, URI base) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the join page's data", e);
        }
        return JoinPage.headers(Response.ok(asJson ? text : JoinPage.html(data.service().name(), text))
                .type(asJson ? MediaType.APPLICATION_JSON : JoinPage.HTML), base);
    }

    private static Response refused(Verification.Rejected<LinkGrant> rejected, boolean asJson, URI base) {
        return refused(rejected.code().equals("token-expired")
                ? Problem.of(410, "link-expired", "the link has expired; ask for a new one")
                : Problem.of(401, rejected.code(), "the link is not valid: " + rejected.detail()), asJson, base);
    }

    /** A session that ended, or a leg that left it, makes the link gone (410) rather than a conflict. */
    private static Problem gone(Refusal refusal) {
        return switch (refusal.code()) {
            case SESSION_ENDED -> Problem.of(410, "session-ended", "the conversation has ended");
            default -> Problem.of(refusal);
        };
    }

    private static Response refused(Problem problem, boolean asJson, URI base) {
        if (asJson) {
            return JoinPage.headers(Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem), base)
                    .build();
        }
        String title = switch (problem.code()) {
            case "link-expired" -> "This link has expired";
            case "session-ended" -> "This conversation has ended";
            case "link-used" -> "This link has already been used";
            default -> problem.status() == 401 ? "This link is not valid" : "This link cannot be opened";
        };
        String message = switch (problem.code()) {
            case "link-expired" -> "Ask the person who sent it for a new link.";
            case "session-ended" -> "The conversation you were invited to is over.";
            case "link-used" -> "It was opened in another browser. Ask the person who sent it for a new invitation.";
            default -> problem.status() == 401 ? "Check that you opened the whole link you were sent, or ask for "
                    + "a new one." : problem.detail();
        };
        return JoinPage.headers(Response.status(problem.status()).type(JoinPage.HTML)
                .entity(JoinPage.error(title, message, problem.code())), base).build();
    }

    private static boolean wantsJson(String accept) {
        return accept != null && !accept.contains("text/html")
                && (accept.contains("application/json") || accept.contains("application/problem+json"));
    }
}
