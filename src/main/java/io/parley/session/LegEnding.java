package io.parley.session;

import java.util.regex.Pattern;

/**
 * Why a leg ended, as a stable code beside the human reason. The reasons that have a code of their own are built
 * here too, so the code is never guessed from words written elsewhere. Pure.
 *
 * @param code {@code signed-out} (the CSR signed out, or was signed out), {@code removed} (taken out of the agent
 *            directory), otherwise the leg's end state: {@code left}, {@code failed}, {@code declined}
 * @param reason the reason in words, as the event log keeps it
 */
public record LegEnding(String code, String reason) {

    public static final String SIGNED_OUT = "signed-out";
    public static final String REMOVED = "removed";

    private static final Pattern SIGNED_OUT_REASON = Pattern.compile("csr:\\S+ signed out( by operator \\S+)?");
    private static final Pattern REMOVED_REASON = Pattern.compile(
            "csr:\\S+ removed from the directory by operator \\S+");

    /** The reason a CSR's legs end with when it signs out of its console ({@code operator} null) or is signed out. */
    public static String signedOut(EndpointRef csr, String operator) {
        return csr + " signed out" + (operator == null ? "" : " by operator " + operator);
    }

    /** The reason a CSR's legs end with when an operator takes it out of the agent directory. */
    public static String removed(EndpointRef csr, String operator) {
        return csr + " removed from the directory by operator " + operator;
    }

    /** Why a leg that ended as {@code outcome} ended, with its code; {@code reason} may be null. */
    public static LegEnding of(LegState outcome, String reason) {
        String code = reason != null && SIGNED_OUT_REASON.matcher(reason).matches() ? SIGNED_OUT
                : reason != null && REMOVED_REASON.matcher(reason).matches() ? REMOVED
                        : outcome.wire();
        return new LegEnding(code, reason);
    }
}
