package io.parley.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.parley.routing.Escalation;
import io.parley.routing.SkillRequirement;
import io.parley.routing.StrategyKind;
import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.OfferOutcome;
import io.parley.session.QueueOutcome;
import io.parley.session.Refusal.Code;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.SessionEvent;
import io.parley.session.SessionState;

/** The queue and offers of a routed service, decided by the real behaviour and session instance. */
class QueueAndOffersTest {

    private static final EndpointRef ANN = EndpointRef.customer("ann");
    private static final EndpointRef ALICE = EndpointRef.csr("alice");
    private static final EndpointRef BOB = EndpointRef.csr("bob");
    private static final EndpointRef CAROL = EndpointRef.csr("carol");
    private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RETRY_AFTER = ServiceDefinition.RoutingPolicy.DEFAULT_RETRY_AFTER;

    private static ServiceDefinition.RoutingPolicy policy(StrategyKind strategy, Optional<String> overflow,
            List<Escalation> escalations) {
        return new ServiceDefinition.RoutingPolicy(strategy, List.of(), OFFER_TIMEOUT, Duration.ofMinutes(5), overflow,
                Duration.ZERO, escalations);
    }

    /** alice idled 5 min, bob 30, carol 60; carol has no sales skill. */
    private static Scenario team(StrategyKind strategy) {
        return Scenario.routed(policy(strategy, Optional.empty(), List.of()))
                .csr("alice", true, 0, 3, 5, Map.of("sales", 8, "billing", 8))
                .csr("bob", true, 0, 2, 30, Map.of("sales", 5, "billing", 4))
                .csr("carol", true, 0, 3, 60, Map.of("billing", 9));
    }

    private static Scenario annAsksForPricing(Scenario s) {
        return s.allowed(new Request.Start(Requester.as(ANN), "pricing", null));
    }

    @Test
    void aDeclineOffersTheNextCsrAndPassesTheDeclinerOver() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        assertThat(s.offeredTo()).containsExactly(BOB);
        s.declines(BOB);
        assertThat(s.offeredTo()).containsExactly(ALICE);
        s.declines(ALICE);
        assertThat(s.offeredTo()).isEmpty();
        assertThat(s.session.queue().passed()).containsOnlyKeys(ALICE, BOB);
        assertThat(s.events(SessionEvent.RoutingWaits.class).get(0).explanation())
                .contains("csr:alice (declined or did not answer)", "csr:bob (declined or did not answer)",
                        "csr:carol (no sales skill)");
    }

    @Test
    void whoDeclinedIsOfferedAgainAfterTheRetryDelayWhenNobodyElseFits() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        s.declines(BOB).declines(ALICE);
        s.later(RETRY_AFTER.minusSeconds(1)).happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).as("not before the retry delay").isEmpty();
        s.later(Duration.ofSeconds(1)).happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).as("bob declined first and idled longest").containsExactly(BOB);
        assertThat(s.events(SessionEvent.OfferMade.class).getLast().explanation())
                .contains("asked again after 10s as nobody else fits");
    }

    @Test
    void whoDeclinedIsNotAskedAgainWhileSomebodyElseFits() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        s.declines(BOB);
        assertThat(s.offeredTo()).containsExactly(ALICE);
        s.later(RETRY_AFTER.plusSeconds(5)).happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).as("alice's offer is still out; bob waits his turn").containsExactly(ALICE);
    }

    @Test
    void aCsrWhoIsReadyAgainIsOfferedAtOnce() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        String bobs = s.offer(BOB).id();
        s.later(OFFER_TIMEOUT).happens(new Happening.OfferExpired(bobs));
        s.declines(ALICE);
        assertThat(s.offeredTo()).isEmpty();
        s.later(Duration.ofSeconds(2)).ready(ALICE).happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).as("alice set herself available: offered at once").containsExactly(ALICE);
    }

    @Test
    void aCsrWhoseLegLeftTheSessionIsACandidateAgain() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE)).accepts(BOB).connects(BOB);
        s.allowed(new Request.RemoveLeg(Requester.as(BOB), s.leg(BOB).id()));
        assertThat(s.session.queued()).as("the customer waits again").isPresent();
        assertThat(s.offeredTo()).as("carol idled longest").containsExactly(CAROL);
        assertThat(s.events(SessionEvent.OfferMade.class).getLast().explanation())
                .as("bob left: he is no longer 'in the session'").contains("next in line csr:bob")
                .doesNotContain("csr:bob (in the session)");
    }

    @Test
    void anOfferThatTimesOutMovesOnAndCannotBeAcceptedAfterwards() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        String bobs = s.offer(BOB).id();
        s.happens(new Happening.OfferExpired(bobs));
        assertThat(s.offeredTo()).as("not yet due").containsExactly(BOB);
        assertThat(s.later(OFFER_TIMEOUT).refused(new Request.AcceptOffer(Requester.as(BOB), bobs)))
                .as("due but not yet swept").isEqualTo(Code.OFFER_EXPIRED);
        s.happens(new Happening.OfferExpired(bobs));
        assertThat(s.offeredTo()).containsExactly(ALICE);
        assertThat(s.events(SessionEvent.OfferClosed.class)).extracting(SessionEvent.OfferClosed::outcome)
                .containsExactly(OfferOutcome.EXPIRED);
        assertThat(s.refused(new Request.AcceptOffer(Requester.as(BOB), bobs))).isEqualTo(Code.OFFER_TAKEN);
    }

    @Test
    void onlyTheCsrAnOfferIsForMayAnswerIt() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        String bobs = s.offer(BOB).id();
        assertThat(s.refused(new Request.AcceptOffer(Requester.as(ALICE), bobs))).isEqualTo(Code.OFFER_NOT_FOUND);
        assertThat(s.refused(new Request.DeclineOffer(Requester.as(CAROL), bobs))).isEqualTo(Code.OFFER_NOT_FOUND);
        assertThat(s.refused(new Request.AcceptOffer(Requester.as(BOB), "no-such-offer"))).isEqualTo(Code.OFFER_TAKEN);
    }

    @Test
    void ringAllOffersEveryFittingCsrAndTheFirstAcceptWins() {
        Scenario s = team(StrategyKind.RING_ALL).allowed(new Request.Start(Requester.as(ANN), "billing", null));
        assertThat(s.offeredTo()).as("bob's billing 4 is below 7").containsExactlyInAnyOrder(ALICE, CAROL);
        String alices = s.offer(ALICE).id();
        s.accepts(CAROL);
        assertThat(s.leg(CAROL).state()).isEqualTo(LegState.INVITED);
        assertThat(s.refused(new Request.AcceptOffer(Requester.as(ALICE), alices))).isEqualTo(Code.OFFER_TAKEN);
        assertThat(s.events(SessionEvent.OfferClosed.class)).extracting(e -> e.offer().csr() + " " + e.outcome().wire()
                + " " + e.reason()).containsExactly("csr:carol accepted csr:carol accepted",
                        "csr:alice withdrawn answered by csr:carol");
    }

    @Test
    void ringAllAlsoRingsACsrWhoBecomesFreeWhileItRings() {
        Scenario s = team(StrategyKind.RING_ALL);
        s.candidates.replaceAll(c -> c.endpoint().equals(CAROL) ? new Candidate(c.endpoint(), c.displayName(),
                CsrState.AWAY, c.skills(), 0, c.maxSessions(), c.idleSince(), null, c.talkTime(), false) : c);
        s.allowed(new Request.Start(Requester.as(ANN), "billing", null));
        assertThat(s.offeredTo()).containsExactly(ALICE);
        String alices = s.offer(ALICE).id();
        s.candidates.replaceAll(c -> c.endpoint().equals(CAROL) ? new Candidate(c.endpoint(), c.displayName(),
                CsrState.AVAILABLE, c.skills(), 0, c.maxSessions(), c.idleSince(), null, c.talkTime(), false) : c);
        s.happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).containsExactlyInAnyOrder(ALICE, CAROL);
        assertThat(s.offer(ALICE).id()).as("alice's offer stays as it was").isEqualTo(alices);
        s.happens(new Happening.RouteAgain());
        assertThat(s.events(SessionEvent.OfferMade.class)).as("nobody is rung twice").hasSize(2);
    }

    @Test
    void aOneAtATimeStrategyOffersNobodyElseWhileAnOfferIsOpen() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        s.happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).containsExactly(BOB);
    }

    @Test
    void ringAllGoesOnRingingUntilTheLastOfferIsDeclined() {
        Scenario s = team(StrategyKind.RING_ALL).allowed(new Request.Start(Requester.as(ANN), "billing", null));
        s.declines(ALICE);
        assertThat(s.offeredTo()).containsExactly(CAROL);
        s.declines(CAROL);
        assertThat(s.offeredTo()).isEmpty();
        assertThat(s.session.state()).isEqualTo(SessionState.WAITING);
    }

    @Test
    void aCsrWhoGoesAwayHasItsOfferWithdrawnAndRoutingMovesOn() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        s.candidates.replaceAll(c -> c.endpoint().equals(BOB) ? new Candidate(c.endpoint(),
                c.displayName(), CsrState.AWAY, c.skills(), 0, c.maxSessions(), c.idleSince(),
                null, c.talkTime(), false) : c);
        s.happens(new Happening.CsrUnavailable(BOB, "csr:bob went away"));
        assertThat(s.offeredTo()).containsExactly(ALICE);
        assertThat(s.events(SessionEvent.OfferClosed.class).get(0).outcome()).isEqualTo(OfferOutcome.WITHDRAWN);
    }

    /** The directory no longer lists the CSR: routing does not see it as a candidate any more. */
    private static Scenario removedFromTheDirectory(Scenario s, EndpointRef csr) {
        s.candidates.removeIf(c -> c.endpoint().equals(csr));
        return s.happens(new Happening.CsrRemoved(csr, csr + " removed from the directory by operator op"));
    }

    @Test
    void aCsrRemovedFromTheDirectoryHasItsOfferWithdrawnAndRoutingMovesOn() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        assertThat(s.offeredTo()).containsExactly(BOB);
        removedFromTheDirectory(s, BOB);
        assertThat(s.offeredTo()).containsExactly(ALICE);
        assertThat(s.events(SessionEvent.OfferClosed.class).get(0)).satisfies(closed -> {
            assertThat(closed.outcome()).isEqualTo(OfferOutcome.WITHDRAWN);
            assertThat(closed.reason()).contains("removed from the directory");
        });
    }

    @Test
    void aCsrRemovedFromTheDirectoryMidConversationLeavesAndTheCustomerWaitsForTheNextWhoFits() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE)).accepts(BOB).connects(ANN).connects(BOB);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
        removedFromTheDirectory(s, BOB);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.LEFT);
        assertThat(s.leg(ANN).isActive()).as("the customer stays").isTrue();
        assertThat(s.session.state()).isEqualTo(SessionState.WAITING);
        assertThat(s.session.queued()).as("back in the queue").isPresent();
        assertThat(s.offeredTo()).as("carol idled longest; bob is nobody now").containsExactly(CAROL);
    }

    @Test
    void removingACsrWhoIsNeitherInTheSessionNorOfferedItChangesNothing() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        int events = s.events(SessionEvent.class).size();
        removedFromTheDirectory(s, CAROL);
        assertThat(s.events(SessionEvent.class)).hasSize(events);
        assertThat(s.offeredTo()).containsExactly(BOB);
    }

    @Test
    void theCustomerLeavingWhileQueuedAbandonsAndWithdrawsTheOffer() {
        Scenario s = annAsksForPricing(team(StrategyKind.LONGEST_IDLE));
        s.allowed(new Request.RemoveLeg(Requester.as(ANN), s.leg(ANN).id()));
        assertThat(s.session.isEnded()).isTrue();
        assertThat(s.events(SessionEvent.Dequeued.class)).extracting(SessionEvent.Dequeued::outcome)
                .containsExactly(QueueOutcome.ABANDONED);
        assertThat(s.events(SessionEvent.OfferClosed.class)).extracting(SessionEvent.OfferClosed::outcome)
                .containsExactly(OfferOutcome.WITHDRAWN);
    }

    @Test
    void afterTheQueueTimeOutTheRequestOverflowsOrEnds() {
        Scenario overflowing = Scenario.routed(policy(StrategyKind.LONGEST_IDLE, Optional.of("support"), List.of()))
                .allowed(new Request.Start(Requester.as(ANN), "pricing", null));
        overflowing.later(Duration.ofMinutes(4)).happens(new Happening.QueueTimedOut());
        assertThat(overflowing.session.queued()).as("not yet").isPresent();
        overflowing.later(Duration.ofMinutes(1)).happens(new Happening.QueueTimedOut());
        assertThat(overflowing.session.serviceId()).isEqualTo("support");
        assertThat(overflowing.events(SessionEvent.Dequeued.class)).extracting(SessionEvent.Dequeued::outcome)
                .containsExactly(QueueOutcome.OVERFLOWED);
        assertThat(overflowing.session.isEnded()).isFalse();

        Scenario ending = Scenario.routed(policy(StrategyKind.LONGEST_IDLE, Optional.empty(), List.of()))
                .allowed(new Request.Start(Requester.as(ANN), "pricing", null));
        ending.later(Duration.ofMinutes(5)).happens(new Happening.QueueTimedOut());
        assertThat(ending.session.isEnded()).isTrue();
        assertThat(ending.session.endReason()).isEqualTo("no CSR was free: nobody answered within 300s");
        assertThat(ending.events(SessionEvent.Dequeued.class)).extracting(SessionEvent.Dequeued::outcome)
                .containsExactly(QueueOutcome.TIMED_OUT);
    }

    @Test
    void anOverflowedSessionIsRoutedByTheServiceItMovedTo() {
        Scenario s = Scenario.routed(policy(StrategyKind.LONGEST_IDLE, Optional.of("support"), List.of()))
                .csr("bob", true, 0, 2, 30, Map.of("support", 5));
        s.allowed(new Request.Start(Requester.as(ANN), "pricing", null));
        assertThat(s.offeredTo()).isEmpty();
        s.happens(new Happening.MovedIn("sales"));
        assertThat(s.session.queue().purpose().wire()).isEqualTo("serve");
    }

    @Test
    void anEscalationLetsALessSkilledCsrTakeALongWait() {
        Scenario s = Scenario.routed(policy(StrategyKind.LONGEST_IDLE, Optional.empty(), List.of(new Escalation(
                Duration.ofSeconds(60), Map.of("billing", new SkillRequirement(Map.of("billing", 3)))))))
                .csr("bob", true, 0, 2, 30, Map.of("billing", 4))
                .allowed(new Request.Start(Requester.as(ANN), "billing", null));
        assertThat(s.offeredTo()).as("billing 4 is below 7").isEmpty();
        s.later(Duration.ofSeconds(59)).happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).isEmpty();
        s.later(Duration.ofSeconds(1)).happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).containsExactly(BOB);
        assertThat(s.events(SessionEvent.OfferMade.class).get(0).explanation()).contains("(needs billing>=3)");
    }

    @Test
    void aCsrConnectingUninvitedIntoAWaitingRoomAnswersIt() {
        Scenario s = Scenario.room(Scenario.allowAll()).allowed(new Request.Start(Requester.as(ANN), "grinders", null));
        assertThat(s.session.queued()).isPresent();
        s.allowed(new Request.Join(Requester.as(CAROL))).connects(CAROL);
        assertThat(s.session.queued()).isEmpty();
    }

    @Test
    void aCustomerNamingACsrOnlyOffersItTheSessionAndTakesNoneOfItsCapacity() {
        Scenario s = team(StrategyKind.LONGEST_IDLE).allowed(new Request.Start(Requester.as(ANN), "pricing", ALICE));
        assertThat(s.offeredTo()).as("alice, though bob idled longer").containsExactly(ALICE);
        assertThat(s.session.activeLegsIn(LegRole.CSR)).as("no leg of alice's before she accepts").isEmpty();
        assertThat(s.session.state()).isEqualTo(SessionState.WAITING);
        assertThat(s.events(SessionEvent.OfferMade.class).getFirst().explanation())
                .isEqualTo("the customer asked for csr:alice by name");
        s.accepts(ALICE);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.INVITED);
    }

    @Test
    void aNamedCsrWhoDeclinesPassesTheCustomerToWhoeverFits() {
        Scenario s = team(StrategyKind.LONGEST_IDLE).allowed(new Request.Start(Requester.as(ANN), "pricing", ALICE));
        s.declines(ALICE);
        assertThat(s.offeredTo()).containsExactly(BOB);
    }

    @Test
    void aCsrAnsweringAnOfferCannotBeAskedForByNameAgain() {
        Scenario s = team(StrategyKind.LONGEST_IDLE);
        s.candidates.replaceAll(c -> c.endpoint().equals(ALICE) ? c.withOffer(s.now) : c);
        assertThat(s.refused(new Request.Start(Requester.as(ANN), "pricing", ALICE)))
                .isEqualTo(Code.ENDPOINT_UNAVAILABLE);
    }

    @Test
    void aCustomerNamingACsrOnADirectServiceOrInARoomOffersItToo() {
        Scenario direct = Scenario.direct(Scenario.allowAll()).csr("carol", true, 0, 3, 10, Map.of())
                .allowed(new Request.Start(Requester.as(ANN), null, CAROL));
        assertThat(direct.offeredTo()).containsExactly(CAROL);
        assertThat(direct.session.activeLegsIn(LegRole.CSR)).isEmpty();
        Scenario room = Scenario.room(Scenario.allowAll()).csr("carol", true, 0, 3, 10, Map.of("espresso", 9))
                .allowed(new Request.Start(Requester.as(ANN), "grinders", CAROL));
        assertThat(room.offeredTo()).containsExactly(CAROL);
        assertThat(room.session.activeLegsIn(LegRole.CSR)).isEmpty();
    }

    @Test
    void staffNamingACsrStillInvitesIt() {
        Scenario s = Scenario.direct(Scenario.allowAll()).csr("carol", true, 0, 3, 10, Map.of())
                .allowed(new Request.Start(Requester.as(ALICE), null, CAROL));
        assertThat(s.leg(CAROL).state()).isEqualTo(LegState.INVITED);
        assertThat(s.offeredTo()).isEmpty();
    }
}
