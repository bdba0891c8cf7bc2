package io.parley.cli;

import java.util.Collections;
import java.util.Map;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A request about one session, made by the caller or, for operators, on behalf of an endpoint. */
abstract class SessionCall extends Call {

    @Parameters(index = "0", paramLabel = "SESSION")
    String id;

    @Option(names = "--as", paramLabel = "KIND:ID", description = "Act on behalf of this endpoint, e.g. csr:alice"
            + " (operators)")
    String as;

    /** The endpoint acted for, as a request body's {@code onBehalfOf}; null when the caller acts itself. */
    Map<String, String> onBehalfOf() {
        return endpoint(as);
    }

    /** The same as a query string, for a DELETE (which has no body). */
    String onBehalfOfQuery() {
        return onBehalfOfQuery(as);
    }

    static String onBehalfOfQuery(String as) {
        endpoint(as); // refuses anything but kind:id before asking the service
        return ParleyClient.query(Collections.singletonMap("onBehalfOf", as));
    }
}
