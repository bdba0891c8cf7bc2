package io.parley.system.store;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a session's event log as readers see it.
 *
 * @param seq the entry's place in the log, 1, 2, 3…
 * @param actor who asked, for entries caused by a request
 * @param data the entry's details
 */
public record LoggedEvent(long seq, String type, Instant at, String actor, Map<String, Object> data) {
}
