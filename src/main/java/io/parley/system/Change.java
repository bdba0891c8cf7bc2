package io.parley.system;

import java.util.List;

import io.parley.agent.StateChange;
import io.parley.chat.ChatMessage;
import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;

/**
 * A change that was decided, stored and committed.
 *
 * @param created the request opened a new session (rather than acting on an existing one)
 * @param addedLegs legs the change added (joining requester, invited endpoints)
 * @param explanation the service instance's account of what it decided and why
 * @param agentChanges agents whose state the change set (away after unanswered offers)
 * @param conversation the chat so far, when the change offers a transfer (the offer carries it)
 */
public record Change(ServiceSession session, List<SessionEvent> events, List<Leg> addedLegs, boolean created,
        String explanation, List<StateChange> agentChanges, List<ChatMessage> conversation) {

    public Change {
        events = List.copyOf(events);
        addedLegs = List.copyOf(addedLegs);
        agentChanges = List.copyOf(agentChanges);
        conversation = List.copyOf(conversation);
    }
}
