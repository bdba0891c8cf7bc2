package io.parley.session;

import java.time.Instant;
import java.util.List;

/**
 * What a requester may read of a session (its roster, transcript, event log and recordings), decided from
 * who asks and the session's legs alone.
 * <ul>
 * <li>Operators and supervisors read every session.</li>
 * <li>A CSR reads the sessions it is or was in, and those it was offered; another session is
 * {@code not-permitted} (staff may know that a session exists, not what was said in it).</li>
 * <li>A customer reads its own sessions while it is in them; once its legs have all left (it left, or was
 * removed), what was said until it left. Another session is hidden: not found, so that customers cannot
 * probe for session ids.</li>
 * </ul>
 */
public sealed interface ReadAccess {

    /** Everything the requester's kind may see. */
    record Everything() implements ReadAccess {
    }

    /** What was said until {@code left}: the requester was in the session and is no longer. */
    record Until(Instant left) implements ReadAccess {
    }

    /** Staff who may not read this session. */
    record Forbidden(String reason) implements ReadAccess {
    }

    /** Not even that the session exists. */
    record Hidden() implements ReadAccess {
    }

    ReadAccess EVERYTHING = new Everything();

    /** Whether the decision for {@code by} needs to know if it was offered the session (a CSR not in it). */
    static boolean asksWhetherOffered(Requester by, ServiceSession session) {
        return !by.readsAll() && by.endpoint().isCsr() && legsOf(by, session).isEmpty();
    }

    /**
     * The decision.
     *
     * @param offered whether {@code by} was ever offered this session (only asked when
     *        {@link #asksWhetherOffered} says so)
     */
    static ReadAccess of(Requester by, ServiceSession session, boolean offered) {
        if (by.readsAll()) {
            return EVERYTHING;
        }
        List<Leg> own = legsOf(by, session);
        if (by.endpoint().isCsr()) {
            return !own.isEmpty() || offered ? EVERYTHING
                    : new Forbidden("agents read the sessions they are or were in, or were offered");
        }
        if (own.isEmpty()) {
            return new Hidden();
        }
        if (own.stream().anyMatch(Leg::isActive)) {
            return EVERYTHING;
        }
        return new Until(own.stream().map(Leg::since).max(Instant::compareTo).orElseThrow());
    }

    private static List<Leg> legsOf(Requester by, ServiceSession session) {
        return session.legs().stream().filter(leg -> leg.endpoint().equals(by.endpoint())).toList();
    }
}
