package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.api.security.ClientAddress;
import io.parley.limits.AddressKey;
import io.parley.limits.TokenBuckets;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses an anonymous session start from an address that has used up its starts ({@link StartLimits}) as the
 * request arrives: before its body is read, an identity is made for it or a resource method runs, with the answer
 * the resource gives, paced by {@link HeldRefusals}. A request with credentials goes on: staff are not limited, and
 * a visitor's starts are counted where its token has been read. Whether the address has a start left is only looked
 * at here; the resource takes it.
 */
@ApplicationScoped
public class StartGate {

    private final StartLimits limits;
    private final HeldRefusals held;
    private final ObjectMapper json;

    public StartGate(StartLimits limits, HeldRefusals held, ObjectMapper json) {
        this.limits = limits;
        this.held = held;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.post("/api/sessions").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.headers().contains(HttpHeaders.AUTHORIZATION) || request.remoteAddress() == null) {
            context.next();
            return;
        }
        String address = ClientAddress.of(request);
        limits.usedUp(address).ifPresentOrElse(
                admission -> held.answer(AddressKey.of(address), context.response(), () -> refuse(context, admission)),
                context::next);
    }

    private void refuse(RoutingContext context, TokenBuckets.Admission admission) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(StartLimits.overRate(StartLimits.FROM_ADDRESS, admission)));
        } catch (JsonProcessingException e) {
            context.fail(e);
            return;
        }
        context.response().setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(admission.retryAfterSeconds())).end(body);
    }
}
