package io.parley.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum whose wire and configuration name is its constant name in lower case with dashes
 * ({@code PAGE_PUSH → page-push}).
 */
public interface WireName {

    String name();

    default String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; the exception names every accepted value. */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(value)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(WireName::wire).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("'" + value + "' is not one of: " + accepted);
    }
}
