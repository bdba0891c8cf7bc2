package io.parley.session;

/**
 * Who makes a request, as established from credentials (never from a request body).
 *
 * @param endpoint the endpoint the request is made as (an operator acting on behalf of an endpoint
 *        appears here as that endpoint, with that endpoint's rights)
 * @param operator true when an operator acts as itself: it may join any session as an observer,
 *        remove any leg and end any session
 * @param supervisor true for a supervisor: a CSR who may also read every session
 */
public record Requester(EndpointRef endpoint, boolean operator, boolean supervisor) {

    public static Requester as(EndpointRef endpoint) {
        return new Requester(endpoint, false, false);
    }

    public static Requester operator(String name) {
        return new Requester(new EndpointRef(EndpointKind.SYSTEM, name), true, false);
    }

    public static Requester supervisor(EndpointRef endpoint) {
        return new Requester(endpoint, false, true);
    }

    /** Staff as {@link EndpointRef#isStaff} says: an operator acting as itself, or an agent. */
    public boolean isStaff() {
        return operator || endpoint.isStaff();
    }

    /** Operators and supervisors read every session; everybody else only their own (see {@link ReadAccess}). */
    public boolean readsAll() {
        return operator || supervisor;
    }
}
