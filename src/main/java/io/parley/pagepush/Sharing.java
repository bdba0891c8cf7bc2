package io.parley.pagepush;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The customer's consent to page push in one conversation: the agents the customer's page is shared with, both
 * ways (they may take the page along, and they see where it goes, how far it scrolls and what it points at). The
 * agent who served the conversation first has it from the start: the customer asked a service with page push to
 * talk, and the widget says that agent can show pages. An agent who joins later (a transfer, a conference, a
 * supervisor barging in) has it only once the customer says yes ({@link #share}). The customer may stop sharing
 * at any time ({@link #stop}): then nobody has it, the first agent neither, until the customer shares again, and
 * then with the agents in the conversation at that moment. A conversation's sharing ends with it. Pure.
 *
 * @param stopped the customer stopped sharing and has not shared again
 * @param granted the staff legs the customer said yes to
 */
public record Sharing(boolean stopped, Set<String> granted) {

    /** Before the customer said anything: only the first agent has it. */
    public static final Sharing FIRST_AGENT_ONLY = new Sharing(false, Set.of());

    public Sharing {
        granted = Set.copyOf(granted);
    }

    /** Why a staff leg's page push goes nowhere: a stable code and a sentence. */
    public enum Refusal {
        /** The customer stopped sharing their page. */
        STOPPED("not-shared", "the customer stopped sharing their page; they can share it again"),
        /** The leg joined after the first agent, and the customer has not said yes to it. */
        NOT_ASKED("not-shared", "the customer has not shared their page with you; they are asked when you join");

        private final String code;
        private final String sentence;

        Refusal(String code, String sentence) {
            this.code = code;
            this.sentence = sentence;
        }

        public String code() {
            return code;
        }

        public String sentence() {
            return sentence;
        }
    }

    /** The staff legs the customer's page is shared with, given the conversation's first agent (if one served). */
    public Set<String> with(Optional<String> firstAgent) {
        if (stopped) {
            return Set.of();
        }
        Set<String> with = new HashSet<>(granted);
        firstAgent.ifPresent(with::add);
        return Set.copyOf(with);
    }

    /** Why the staff leg may neither lead nor follow the customer's page, or empty when it may. */
    public Optional<Refusal> refusal(String staffLeg, Optional<String> firstAgent) {
        if (stopped) {
            return Optional.of(Refusal.STOPPED);
        }
        return with(firstAgent).contains(staffLeg) ? Optional.empty() : Optional.of(Refusal.NOT_ASKED);
    }

    /** The customer stops sharing: with nobody, until they share again. */
    public Sharing stop() {
        return new Sharing(true, Set.of());
    }

    /** The customer shares their page with the staff in the conversation now (and those they shared with before). */
    public Sharing share(Set<String> staffNow) {
        Set<String> with = new HashSet<>(stopped ? Set.of() : granted);
        with.addAll(staffNow);
        return new Sharing(false, with);
    }
}
