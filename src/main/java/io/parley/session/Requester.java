package io.parley.session;

/**
 * Who makes a request, as established from credentials (never from a request body).
 *
 * @param endpoint the endpoint the request is made as (an operator acting on behalf of an endpoint
 *        appears here as that endpoint, with that endpoint's rights)
 * @param operator true when an operator acts as itself: it may join any session as an observer,
 *        remove any leg and end any session
 */
public record Requester(EndpointRef endpoint, boolean operator) {

    public static Requester as(EndpointRef endpoint) {
        return new Requester(endpoint, false);
    }

    public static Requester operator(String name) {
        return new Requester(new EndpointRef(EndpointKind.SYSTEM, name), true);
    }
}
