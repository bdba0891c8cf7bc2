package io.parley.session;

/**
 * A short free text a person adds to a request (a note for a colleague, a reason for a decline). Pure: the
 * adapters say what a refusal means on their wire.
 */
public final class ShortText {

    private ShortText() {
    }

    /**
     * The text as kept: null when absent or blank, else without surrounding white space.
     *
     * @throws IllegalArgumentException (its message names {@code field}) when longer than {@code limit}
     *     characters or holding control characters other than line breaks and tabs
     */
    public static String of(String value, String field, int limit) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.codePointCount(0, text.length()) > limit) {
            throw new IllegalArgumentException(field + ": at most " + limit + " characters");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new IllegalArgumentException(field + ": control characters are not allowed");
        }
        return text;
    }
}
