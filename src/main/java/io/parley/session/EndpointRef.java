package io.parley.session;

import java.util.Objects;

/** Names one endpoint: {@code csr:alice}, {@code customer:v-1f3c...}. */
public record EndpointRef(EndpointKind kind, String id) {

    public EndpointRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("endpoint id must not be blank");
        }
    }

    public static EndpointRef csr(String id) {
        return new EndpointRef(EndpointKind.CSR, id);
    }

    public static EndpointRef customer(String id) {
        return new EndpointRef(EndpointKind.CUSTOMER, id);
    }

    /** Parses {@code kind:id}. */
    public static EndpointRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected kind:id, got '" + text + "'");
        }
        return new EndpointRef(EndpointKind.fromWire(text.substring(0, colon)), text.substring(colon + 1));
    }

    public boolean isCsr() {
        return kind == EndpointKind.CSR;
    }

    public boolean isCustomer() {
        return kind == EndpointKind.CUSTOMER;
    }

    /**
     * The one definition of staff: agents (supervisors are agents too) and the service's operators, everybody
     * but customers. Staff see a session as staff do (whispers, private notes, who asked for a handover and why);
     * customers see what is allowed for them.
     */
    public boolean isStaff() {
        return kind != EndpointKind.CUSTOMER;
    }

    @Override
    public String toString() {
        return kind.wire() + ":" + id;
    }
}
