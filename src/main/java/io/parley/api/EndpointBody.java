package io.parley.api;

import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An endpoint on the wire: {@code {"kind": "csr", "id": "alice"}}. */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public record EndpointBody(String kind, String id) {

    public static EndpointBody of(EndpointRef ref) {
        return new EndpointBody(ref.kind().wire(), ref.id());
    }

    /** The endpoint named, or a 400 {@code invalid-request} naming the field. */
    public EndpointRef toRef(String field) {
        if (kind == null || id == null || id.isBlank() || id.length() > 128) {
            throw ProblemException.invalid(field
                    + ": needs kind (customer, csr, system) and an id of 1-128 characters");
        }
        try {
            return new EndpointRef(EndpointKind.fromWire(kind), id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field + ".kind: " + e.getMessage());
        }
    }

    static EndpointRef refOrNull(EndpointBody body, String field) {
        return body == null ? null : body.toRef(field);
    }
}
