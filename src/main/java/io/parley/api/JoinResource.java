package io.parley.api;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.agent.AgentNames;
import io.parley.service.ServiceCatalogue;
import io.parley.session.Refusal;
import io.parley.system.Joined;
import io.parley.system.Outcome;
import io.parley.system.ServiceSystem;
import io.parley.transport.LinkGrant;
import io.parley.transport.TokenService;
import io.parley.transport.Verification;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /join/{token}}: the page an invited customer opens from the link it was sent. No sign-in:
 * the link token is the credential. While the customer's leg is still in the open session, the page
 * carries fresh connection details for that leg and a visitor token; otherwise it says why not, with a
 * stable code (as {@code application/problem+json} when the caller asks for JSON).
 */
@Path("/join")
@Tag(name = "Sessions")
public class JoinResource {

    private final ServiceSystem system;
    private final TokenService tokens;
    private final ServiceCatalogue catalogue;
    private final ObjectMapper json;
    private final AgentNames names;

    @Context
    UriInfo uri;

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
            description = "401 for a forged or malformed link, 410 when it expired (link-expired) or the "
                    + "conversation ended (session-ended).")
    public Uni<Response> page(@PathParam("token") String token, @HeaderParam("Accept") String accept) {
        boolean asJson = wantsJson(accept);
        URI base = uri.getBaseUri();
        return switch (tokens.verifyLink(token)) {
            case Verification.Rejected<LinkGrant> rejected -> Uni.createFrom().item(refused(
                    rejected.code().equals("token-expired")
                            ? Problem.of(410, "link-expired", "the link has expired; ask for a new one")
                            : Problem.of(401, rejected.code(), "the link is not valid: " + rejected.detail()),
                    asJson, base));
            case Verification.Verified<LinkGrant> verified -> system.joinByLink(verified.grant(), base)
                    .map(outcome -> switch (outcome) {
                        case Outcome.Done<Joined> done -> joined(done.value(), asJson, base);
                        case Outcome.Refused<Joined> no -> refused(gone(no.refusal()), asJson, base);
                    });
        };
    }

    private Response joined(Joined joined, boolean asJson, URI base) {
        ServiceResource.ServiceView service = catalogue.find(joined.session().serviceId())
                .map(ServiceResource.ServiceView::of)
                .orElseThrow(() -> new IllegalStateException("service " + joined.session().serviceId() + " is gone"));
        String data;
        try {
            data = json.writeValueAsString(new JoinPage.Data(base.toString(), service,
                    Joining.of(joined, false, names::nameOf)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the join page's data", e);
        }
        return JoinPage.headers(Response.ok(asJson ? data : JoinPage.html(service.name(), data))
                .type(asJson ? MediaType.APPLICATION_JSON : JoinPage.HTML), base).build();
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
            default -> problem.status() == 401 ? "This link is not valid" : "This link cannot be opened";
        };
        String message = switch (problem.code()) {
            case "link-expired" -> "Ask the person who sent it for a new link.";
            case "session-ended" -> "The conversation you were invited to is over.";
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
