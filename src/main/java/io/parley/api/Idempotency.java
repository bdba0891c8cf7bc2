package io.parley.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.idempotency.IdempotencyStore;
import io.parley.idempotency.IdempotencyStore.Answer;
import io.parley.idempotency.IdempotencyStore.Claim;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} on the requests that change sessions: the same key with the same request, from the
 * same caller, answers what the first answered (status and body, from any replica, for
 * {@code parley.idempotency.keep}); with another request it is {@code 422 idempotency-key-reused}; while the
 * first is still in flight, {@code 409 idempotency-key-in-flight} with {@code Retry-After}. Keys are the
 * caller's own: a visitor's, a user's, or for a caller without credentials its client address's. A server
 * error is not stored: a retry runs afresh. Without a key nothing is looked up.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** Keys are 1 to 255 visible ASCII characters (a UUID is 36). */
    public static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;
    private final ObjectMapper json;

    public Idempotency(IdempotencyStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /**
     * Runs the request once per key: {@code run} when the key is new (or absent), else the stored answer.
     *
     * @param caller who asks: its endpoint, or for a caller without credentials {@code anonymous@} and its
     *        {@link io.parley.api.security.ClientAddress}
     * @param route the method and path, so that one key on two routes is two requests
     */
    public Uni<Response> once(String key, String caller, String route, Object body, Supplier<Uni<Response>> run) {
        if (key == null) {
            return Uni.createFrom().deferred(run::get);
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ProblemException.invalid(HEADER + ": 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        String request = fingerprint(route, body);
        return store.claim(caller, key, request).flatMap(claim -> switch (claim) {
            case Claim.Claimed claimed -> Uni.createFrom().deferred(run::get)
                    .onItem().call(response -> store.answered(caller, key, answer(response)))
                    .onFailure().call(failure -> failure instanceof ProblemException problem
                            && problem.problem().status() < 500
                                    ? store.answered(caller, key, answer(problem.toResponse()))
                                    : store.release(caller, key));
            case Claim.Found found -> Uni.createFrom().item(replay(found, request));
        });
    }

    private static Response replay(Claim.Found found, String request) {
        if (found.inFlight()) {
            throw new ProblemException(Problem.of(409, "idempotency-key-in-flight",
                    "the first request with this " + HEADER + " has not answered yet; retry shortly"))
                    .retryAfter(1);
        }
        if (!found.request().trim().equals(request)) {
            throw new ProblemException(Problem.of(422, "idempotency-key-reused",
                    "this " + HEADER + " was sent with another request; use a new key for a new request"));
        }
        return Response.status(found.status()).type(found.mediaType()).entity(found.body())
                .header("Idempotent-Replayed", "true").build();
    }

    private Answer answer(Response response) {
        MediaType type = response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType();
        try {
            return new Answer(response.getStatus(), type.toString(), json.writeValueAsString(response.getEntity()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serializable", e);
        }
    }

    private String fingerprint(String route, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(route.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
