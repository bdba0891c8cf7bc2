package io.parley.system;

import java.util.List;

import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;

/**
 * A change that was decided, stored and committed.
 *
 * @param created the request opened a new session (rather than acting on an existing one)
 * @param addedLegs legs the change added (joining requester, invited endpoints)
 * @param explanation the service instance's account of what it decided and why
 */
public record Change(ServiceSession session, List<SessionEvent> events, List<Leg> addedLegs, boolean created,
        String explanation) {
}
