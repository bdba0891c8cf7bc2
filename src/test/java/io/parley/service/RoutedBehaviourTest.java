package io.parley.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.OfferOutcome;
import io.parley.session.QueueOutcome;
import io.parley.session.Queued;
import io.parley.session.Refusal.Code;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.SessionEvent;
import io.parley.session.SessionState;
import io.parley.session.TransferMode;
import io.parley.session.Verdict;

class RoutedBehaviourTest {

    static final EndpointRef ANN = EndpointRef.customer("ann");
    static final EndpointRef ALICE = EndpointRef.csr("alice");
    static final EndpointRef BOB = EndpointRef.csr("bob");
    static final EndpointRef CAROL = EndpointRef.csr("carol");
    static final Requester AS_ANN = Requester.as(ANN);
    static final Requester AS_ALICE = Requester.as(ALICE);

    private static Scenario sales() {
        return Scenario.routed(Scenario.allowAll(), 2).subject("pricing")
                .csr("alice", true, 0, 3, 5, Map.of("sales", 8, "billing", 7))
                .csr("bob", true, 0, 2, 30, Map.of("sales", 5))
                .csr("carol", true, 0, 3, 60, Map.of("billing", 4));
    }

    /** Ann asked for pricing with alice named, alice accepted the offer; both are connected. */
    private static Scenario annWithAlice() {
        return sales().allowed(new Request.Start(AS_ANN, "pricing", ALICE)).accepts(ALICE).connects(ANN)
                .allowed(new Request.Join(AS_ALICE)).connects(ALICE);
    }

    @Test
    void customerIsOfferedToTheLongestIdleCsrWithTheSkillAndWaitsForTheAnswer() {
        Scenario s = sales().allowed(new Request.Start(AS_ANN, "pricing", null));
        assertThat(s.leg(ANN).state()).isEqualTo(LegState.JOINING);
        assertThat(s.session.state()).isEqualTo(SessionState.WAITING);
        assertThat(s.offeredTo()).as("bob idled 30 min, alice 5, carol has no sales skill").containsExactly(BOB);
        assertThat(s.events(SessionEvent.OfferMade.class).get(0).explanation())
                .contains("chose csr:bob by longest-idle").contains("next in line csr:alice")
                .contains("csr:carol (no sales skill)");
        s.accepts(BOB);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.INVITED);
        assertThat(s.session.queued()).as("answered: out of the queue").isEmpty();
        assertThat(s.events(SessionEvent.Dequeued.class)).extracting(SessionEvent.Dequeued::outcome)
                .containsExactly(QueueOutcome.ANSWERED);
        s.connects(BOB);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void skillLevelBelowTheMinimumIsSkipped() {
        Scenario s = sales().allowed(new Request.Start(AS_ANN, "billing", null));
        assertThat(s.offeredTo()).as("carol's billing 4 is below 5").containsExactly(ALICE);
    }

    @Test
    void customerWaitsWhenNoCsrFits() {
        Scenario s = Scenario.routed(Scenario.allowAll(), 2).csr("bob", false, 0, 2, 30, Map.of("sales", 5))
                .csr("alice", true, 3, 3, 5, Map.of("sales", 8)).allowed(new Request.Start(AS_ANN, "pricing", null));
        assertThat(s.session.state()).isEqualTo(SessionState.WAITING);
        assertThat(s.session.activeLegs()).hasSize(1);
    }

    @Test
    void startNeedsAKnownSubject() {
        assertThat(sales().refused(new Request.Start(AS_ANN, null, null))).isEqualTo(Code.SUBJECT_REQUIRED);
        assertThat(sales().refused(new Request.Start(AS_ANN, "astrology", null))).isEqualTo(Code.UNKNOWN_SUBJECT);
    }

    @Test
    void aNamedCsrMustExistAndBeFree() {
        assertThat(sales().refused(new Request.Start(AS_ANN, "pricing", EndpointRef.csr("zed"))))
                .isEqualTo(Code.ENDPOINT_NOT_FOUND);
        Scenario s = sales().csr("dan", false, 0, 1, 1, Map.of("sales", 3));
        assertThat(s.refused(new Request.Start(AS_ANN, "pricing", EndpointRef.csr("dan"))))
                .isEqualTo(Code.ENDPOINT_UNAVAILABLE);
    }

    @Test
    void aCsrStartsWithACustomerAndAnOperatorOnlyOnBehalf() {
        Scenario s = sales().allowed(new Request.Start(AS_ALICE, null, ANN));
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.JOINING);
        assertThat(s.labelled(ANN.id()).state()).isEqualTo(LegState.INVITED);
        assertThat(s.labelled(ANN.id()).endpoint().id()).as("a new visitor, labelled with what alice named")
                .startsWith("v-");
        assertThat(s.session.isMember(ANN)).isFalse();
        assertThat(sales().refused(new Request.Start(AS_ALICE, "pricing", null))).isEqualTo(Code.ENDPOINT_REQUIRED);
        assertThat(sales().refused(new Request.Start(Requester.operator("op"), "pricing", null)))
                .isEqualTo(Code.NOT_PERMITTED);
    }

    @Test
    void joinNeedsAnInvitationButOperatorsObserve() {
        Scenario s = annWithAlice();
        assertThat(s.refused(new Request.Join(Requester.as(CAROL)))).isEqualTo(Code.NOT_INVITED);
        s.allowed(new Request.Join(Requester.operator("op")));
        assertThat(s.leg(new EndpointRef(EndpointKind.SYSTEM, "op")).role())
                .isEqualTo(LegRole.OBSERVER);
        assertThat(((Verdict.Allowed) s.decide(new Request.Join(AS_ALICE))).decisions()).as("idempotent").isEmpty();
    }

    @Test
    void invitesFollowTheRules() {
        Scenario s = annWithAlice();
        assertThat(s.refused(new Request.Invite(AS_ANN, CAROL))).isEqualTo(Code.CUSTOMER_INVITES_NOT_ALLOWED);
        assertThat(s.refused(new Request.Invite(Requester.as(BOB), CAROL))).isEqualTo(Code.NOT_A_MEMBER);
        assertThat(s.refused(new Request.Invite(AS_ALICE, ANN))).isEqualTo(Code.ALREADY_IN_SESSION);
        assertThat(s.refused(new Request.InviteForSubject(AS_ALICE, "astrology"))).isEqualTo(Code.UNKNOWN_SUBJECT);
        s.allowed(new Request.InviteForSubject(AS_ALICE, "pricing"));
        assertThat(s.offeredTo()).containsExactly(BOB);
        assertThat(s.refused(new Request.InviteForSubject(AS_ALICE, "pricing"))).isEqualTo(Code.ROUTING_IN_PROGRESS);
        s.accepts(BOB);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.INVITED);
        assertThat(s.refused(new Request.Invite(AS_ALICE, CAROL))).as("max-csrs is 2")
                .isEqualTo(Code.MAX_CSRS_REACHED);
    }

    @Test
    void inviteForASubjectNobodyFitsWaitsAndSaysWhy() {
        Scenario s = Scenario.routed(Scenario.allowAll(), 3).subject("pricing")
                .csr("alice", true, 0, 3, 5, Map.of("sales", 8)).allowed(new Request.Start(AS_ANN, "pricing", ALICE))
                .accepts(ALICE)
                .allowed(new Request.InviteForSubject(AS_ALICE, "billing"));
        assertThat(s.offeredTo()).isEmpty();
        assertThat(s.session.queue().purpose()).isEqualTo(Queued.Purpose.CONFERENCE);
        assertThat(s.events(SessionEvent.RoutingWaits.class).get(0).explanation())
                .isEqualTo("no CSR fits: skipped csr:alice (in the session) (needs billing>=5)");
    }

    @Test
    void conferenceAddsASecondCsrWhenAllowed() {
        Scenario s = annWithAlice().allowed(new Request.Conference(AS_ALICE, null, "pricing")).accepts(BOB);
        assertThat(s.session.activeLegsIn(LegRole.CSR)).hasSize(2);
        assertThat(annWithAlice().refused(new Request.Conference(AS_ANN, BOB, null))).isEqualTo(Code.ONLY_CSRS);
        assertThat(annWithAlice().refused(new Request.Conference(AS_ALICE, null, null)))
                .isEqualTo(Code.TARGET_REQUIRED);
        Scenario closed = Scenario.routed(new ServiceDefinition.Allow(false, false, false), 2).subject("pricing")
                .csr("alice", true, 0, 3, 5, Map.of("sales", 8)).csr("bob", true, 0, 3, 5, Map.of("sales", 8))
                .allowed(new Request.Start(AS_ANN, "pricing", ALICE)).accepts(ALICE)
                .allowed(new Request.Join(AS_ALICE));
        assertThat(closed.refused(new Request.Conference(AS_ALICE, BOB, null))).isEqualTo(Code.CONFERENCE_NOT_ALLOWED);
        assertThat(closed.refused(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD)))
                .isEqualTo(Code.TRANSFER_NOT_ALLOWED);
    }

    @Test
    void coldTransferRemovesTheFirstCsrOnlyWhenTheSecondConnects() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD))
                .accepts(BOB);
        assertThat(s.session.pendingTransfer()).isPresent();
        assertThat(s.refused(new Request.Transfer(AS_ALICE, CAROL, null, TransferMode.COLD)))
                .isEqualTo(Code.TRANSFER_IN_PROGRESS);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        s.connects(BOB);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.LEFT);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.pendingTransfer()).isEmpty();
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void aTransferToACsrConferencedInCompletesAtOnceAndTheFirstCsrLeaves() {
        Scenario s = annWithAlice().allowed(new Request.Conference(AS_ALICE, BOB, null)).accepts(BOB);
        assertThat(s.refused(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD)))
                .as("bob was asked in but has not joined").isEqualTo(Code.HANDOVER_NOT_JOINED);
        s.connects(BOB).allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.WARM));
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.LEFT);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.pendingTransfer()).as("nothing is left to wait for").isEmpty();
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.refused(new Request.Transfer(Requester.as(BOB), BOB, null, TransferMode.COLD)))
                .as("nobody transfers to itself").isEqualTo(Code.ALREADY_IN_SESSION);
    }

    @Test
    void warmTransferKeepsBothUntilTheFirstLeaves() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.WARM)).accepts(BOB)
                .connects(BOB);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.pendingTransfer()).isPresent();
        s.allowed(new Request.RemoveLeg(AS_ALICE, s.leg(ALICE).id()));
        assertThat(s.session.pendingTransfer()).isEmpty();
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.isEnded()).isFalse();
    }

    @Test
    void aTransferKeepsItsDeadlineWhenTheFirstCsrLeavesBeforeTheSecondConnects() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.WARM))
                .accepts(BOB);
        s.allowed(new Request.RemoveLeg(AS_ALICE, s.leg(ALICE).id()));
        assertThat(s.session.pendingTransfer()).as("still waiting for bob").isPresent();
        s.connects(BOB);
        assertThat(s.session.pendingTransfer()).isEmpty();
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.CONNECTED);

        Scenario expired = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD))
                .accepts(BOB);
        expired.allowed(new Request.RemoveLeg(AS_ALICE, expired.leg(ALICE).id()));
        expired.happens(new Happening.TransferExpired(expired.session.transfer()));
        assertThat(expired.leg(BOB).state()).isEqualTo(LegState.FAILED);
        assertThat(expired.session.state()).as("no CSR left and none fits: the customer waits")
                .isEqualTo(SessionState.WAITING);
    }

    @Test
    void aTransferToACsrRemovedFromTheDirectoryFailsAndTheFirstCsrKeepsTheCustomer() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD))
                .accepts(BOB);
        s.happens(new Happening.CsrRemoved(BOB, "csr:bob removed from the directory by operator op"));
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.LEFT);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.pendingTransfer()).isEmpty();
        assertThat(s.events(SessionEvent.TransferFailed.class)).hasSize(1);
    }

    @Test
    void transferFailsWhenTheSecondCsrDoesNotConnectInTime() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD))
                .accepts(BOB);
        s.happens(new Happening.TransferExpired(s.session.transfer()));
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.FAILED);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.pendingTransfer()).isEmpty();
    }

    @Test
    void transferBySubjectOffersWhoeverFitsAndKeepsTheFirstCsrUntilTheSecondConnects() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, null, "pricing", TransferMode.COLD));
        assertThat(s.session.queue().purpose()).isEqualTo(Queued.Purpose.TRANSFER);
        assertThat(s.offeredTo()).containsExactly(BOB);
        assertThat(s.refused(new Request.Transfer(AS_ALICE, null, "billing", TransferMode.COLD)))
                .isEqualTo(Code.ROUTING_IN_PROGRESS);
        s.accepts(BOB);
        assertThat(s.session.pendingTransfer()).isPresent();
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        s.connects(BOB);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.LEFT);
        assertThat(s.session.activeLegsIn(LegRole.CSR)).extracting(Leg::endpoint).containsExactly(BOB);
    }

    @Test
    void whenTheTransferringCsrLeavesBeforeAnAnswerTheCustomerKeepsItsPlace() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, null, "pricing", TransferMode.COLD));
        Instant since = s.session.queue().since();
        s.allowed(new Request.RemoveLeg(AS_ALICE, s.leg(ALICE).id()));
        assertThat(s.session.queue().purpose()).isEqualTo(Queued.Purpose.SERVE);
        assertThat(s.session.queue().since()).isEqualTo(since);
        assertThat(s.offeredTo()).as("the offer stands").containsExactly(BOB);
        assertThat(s.session.state()).isEqualTo(SessionState.WAITING);
        s.accepts(BOB).connects(BOB);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void aCsrCallsOffATransferBySubjectAndTheOfferIsWithdrawn() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, null, "pricing", TransferMode.COLD));
        assertThat(s.offeredTo()).containsExactly(BOB);
        String offerId = s.session.queue().offers().get(0).id();
        s.allowed(new Request.CancelHandover(AS_ALICE));
        assertThat(s.session.queued()).isEmpty();
        assertThat(s.events(SessionEvent.Dequeued.class)).last().satisfies(dequeued -> {
            assertThat(dequeued.outcome()).isEqualTo(QueueOutcome.CALLED_OFF);
            assertThat(dequeued.reason()).isEqualTo("called off by csr:alice");
        });
        assertThat(s.events(SessionEvent.OfferClosed.class)).last().satisfies(closed -> {
            assertThat(closed.offer().id()).isEqualTo(offerId);
            assertThat(closed.outcome()).isEqualTo(OfferOutcome.WITHDRAWN);
        });
        assertThat(s.refused(new Request.AcceptOffer(Requester.as(BOB), offerId))).isEqualTo(Code.OFFER_TAKEN);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.refused(new Request.CancelHandover(AS_ALICE))).as("nothing left to call off")
                .isEqualTo(Code.NO_HANDOVER);
    }

    @Test
    void aTransferToANamedCsrIsCalledOffBeforeTheSecondConnects() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD))
                .accepts(BOB);
        s.allowed(new Request.CancelHandover(AS_ALICE));
        assertThat(s.session.pendingTransfer()).isEmpty();
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.FAILED);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.events(SessionEvent.TransferFailed.class)).last()
                .extracting(SessionEvent.TransferFailed::reason).isEqualTo("called off by csr:alice");
    }

    @Test
    void aNamedTransferIsAnOfferWithTheNoteThatOnlyTheNamedCsrGets() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD,
                "Wants a refund for order 1182"));
        assertThat(s.offeredTo()).containsExactly(BOB);
        assertThat(s.session.queue().named()).isEqualTo(BOB);
        assertThat(s.session.queue().note()).isEqualTo("Wants a refund for order 1182");
        assertThat(s.session.queue().purpose()).isEqualTo(Queued.Purpose.TRANSFER);
        assertThat(s.session.activeLegsIn(LegRole.CSR)).extracting(Leg::endpoint).containsExactly(ALICE);
        assertThat(s.session.pendingTransfer()).as("nothing begins before bob says yes").isEmpty();
        assertThat(s.refused(new Request.AcceptOffer(Requester.as(CAROL), s.offer(BOB).id())))
                .as("carol cannot take bob's offer").isEqualTo(Code.OFFER_NOT_FOUND);
        s.happens(new Happening.RouteAgain());
        assertThat(s.offeredTo()).as("routing offers a named request to nobody else").containsExactly(BOB);
        s.accepts(BOB);
        assertThat(s.session.pendingTransfer()).isPresent();
        s.connects(BOB);
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.LEFT);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.CONNECTED);
    }

    @Test
    void aNamedConferenceDeclinedEndsWithTheReasonAndTheFirstCsrKeepsTheCustomer() {
        Scenario s = annWithAlice().allowed(new Request.Conference(AS_ALICE, BOB, null, "second opinion?"));
        String offerId = s.offer(BOB).id();
        s.allowed(new Request.DeclineOffer(Requester.as(BOB), offerId, "on a call with a supplier"));
        assertThat(s.session.queued()).as("nobody else is asked").isEmpty();
        assertThat(s.events(SessionEvent.Dequeued.class)).last().satisfies(dequeued -> {
            assertThat(dequeued.outcome()).isEqualTo(QueueOutcome.DECLINED);
            assertThat(dequeued.reason()).isEqualTo("csr:bob declined: on a call with a supplier");
            assertThat(dequeued.queue().named()).isEqualTo(BOB);
        });
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.session.legs()).extracting(Leg::endpoint).doesNotContain(BOB);
    }

    @Test
    void aNamedTransferNotAnsweredInTimeOrToACsrWhoWentAwayEnds() {
        Scenario silent = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.WARM));
        String offerId = silent.offer(BOB).id();
        silent.later(Duration.ofSeconds(21)).happens(new Happening.OfferExpired(offerId));
        assertThat(silent.session.queued()).isEmpty();
        assertThat(silent.events(SessionEvent.Dequeued.class)).last().extracting(SessionEvent.Dequeued::outcome)
                .isEqualTo(QueueOutcome.DECLINED);
        assertThat(silent.session.pendingTransfer()).isEmpty();
        assertThat(silent.leg(ALICE).state()).isEqualTo(LegState.CONNECTED);

        Scenario away = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD));
        away.happens(new Happening.CsrUnavailable(BOB, "csr:bob went away"));
        assertThat(away.session.queued()).isEmpty();
        assertThat(away.events(SessionEvent.Dequeued.class)).last().extracting(SessionEvent.Dequeued::reason)
                .isEqualTo("csr:bob went away");
    }

    @Test
    void aNamedTransferIsCalledOffWhileOfferedAndTheOfferIsWithdrawn() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.COLD));
        String offerId = s.offer(BOB).id();
        s.allowed(new Request.CancelHandover(AS_ALICE));
        assertThat(s.session.queued()).isEmpty();
        assertThat(s.events(SessionEvent.Dequeued.class)).last().extracting(SessionEvent.Dequeued::outcome)
                .isEqualTo(QueueOutcome.CALLED_OFF);
        assertThat(s.refused(new Request.AcceptOffer(Requester.as(BOB), offerId))).isEqualTo(Code.OFFER_TAKEN);
    }

    @Test
    void aTransferWhoseFirstCsrHasLeftIsNotCalledOff() {
        Scenario s = annWithAlice().allowed(new Request.Transfer(AS_ALICE, BOB, null, TransferMode.WARM))
                .accepts(BOB);
        s.allowed(new Request.RemoveLeg(AS_ALICE, s.leg(ALICE).id()));
        assertThat(s.refused(new Request.CancelHandover(Requester.operator("root")))).isEqualTo(Code.NO_HANDOVER);
        assertThat(s.refused(new Request.CancelHandover(Requester.as(BOB)))).isEqualTo(Code.NO_HANDOVER);
        assertThat(s.session.pendingTransfer()).isPresent();
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.INVITED);
    }

    @Test
    void aConferenceInvitationIsCalledOffButAJoinedCsrStays() {
        Scenario s = annWithAlice().allowed(new Request.Conference(AS_ALICE, BOB, null)).accepts(BOB);
        s.allowed(new Request.CancelHandover(AS_ALICE));
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.FAILED);

        Scenario joined = annWithAlice().allowed(new Request.Conference(AS_ALICE, BOB, null)).accepts(BOB)
                .connects(BOB);
        assertThat(joined.refused(new Request.CancelHandover(AS_ALICE))).isEqualTo(Code.NO_HANDOVER);
        assertThat(joined.leg(BOB).state()).isEqualTo(LegState.CONNECTED);
    }

    @Test
    void onlyACsrInTheSessionOrAnOperatorCallsOffAHandover() {
        Scenario s = annWithAlice().allowed(new Request.Conference(AS_ALICE, null, "pricing"));
        assertThat(s.refused(new Request.CancelHandover(AS_ANN))).isEqualTo(Code.ONLY_CSRS);
        assertThat(s.refused(new Request.CancelHandover(Requester.as(CAROL)))).isEqualTo(Code.NOT_A_MEMBER);
        s.allowed(new Request.CancelHandover(Requester.operator("root")));
        assertThat(s.session.queued()).isEmpty();
    }

    @Test
    void callingOffNeverTakesACustomerOutOfTheQueueNorTheAgentWhoTookIt() {
        Scenario s = sales().allowed(new Request.Start(AS_ANN, "pricing", null));
        assertThat(s.refused(new Request.CancelHandover(Requester.operator("root")))).isEqualTo(Code.NO_HANDOVER);
        assertThat(s.session.queue().purpose()).isEqualTo(Queued.Purpose.SERVE);
        s.accepts(BOB);
        assertThat(s.refused(new Request.CancelHandover(Requester.operator("root")))).as("bob is on his way in")
                .isEqualTo(Code.NO_HANDOVER);

        // Bob, not connected yet, conferences in alice: alice calling off lets nobody go (bob came first) ...
        s.allowed(new Request.Conference(Requester.as(BOB), ALICE, null)).accepts(ALICE);
        assertThat(s.refused(new Request.CancelHandover(AS_ALICE))).isEqualTo(Code.NO_HANDOVER);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.INVITED);
        // ... and bob, or an operator, calling off lets her go and keeps him.
        s.allowed(new Request.CancelHandover(Requester.operator("root")));
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.FAILED);
        assertThat(s.leg(BOB).state()).isEqualTo(LegState.INVITED);
    }

    @Test
    void theCustomerLeavingEndsTheSession() {
        Scenario s = annWithAlice();
        s.allowed(new Request.RemoveLeg(AS_ANN, s.leg(ANN).id()));
        assertThat(s.session.isEnded()).isTrue();
        assertThat(s.session.endReason()).isEqualTo("customer left");
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.LEFT);
    }

    @Test
    void whenTheLastCsrLeavesAnotherIsOfferedOrTheCustomerWaits() {
        Scenario s = annWithAlice();
        s.allowed(new Request.RemoveLeg(AS_ALICE, s.leg(ALICE).id()));
        assertThat(s.offeredTo()).containsExactly(BOB);

        Scenario alone = Scenario.routed(Scenario.allowAll(), 2).subject("pricing")
                .csr("alice", true, 0, 3, 5, Map.of("sales", 8))
                .allowed(new Request.Start(AS_ANN, "pricing", ALICE)).accepts(ALICE)
                .allowed(new Request.Join(AS_ALICE));
        alone.allowed(new Request.RemoveLeg(AS_ALICE, alone.leg(ALICE).id()));
        assertThat(alone.session.state()).isEqualTo(SessionState.WAITING);
        assertThat(alone.session.queued()).isPresent();
    }

    @Test
    void removingAnotherLegNeedsAnOperator() {
        Scenario s = annWithAlice();
        assertThat(s.refused(new Request.RemoveLeg(AS_ALICE, s.leg(ANN).id()))).isEqualTo(Code.NOT_PERMITTED);
        assertThat(s.refused(new Request.RemoveLeg(AS_ALICE, "nope"))).isEqualTo(Code.LEG_NOT_FOUND);
        s.allowed(new Request.RemoveLeg(Requester.operator("op"), s.leg(ALICE).id()));
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.LEFT);
    }

    @Test
    void endNeedsAMemberOrAnOperator() {
        Scenario s = annWithAlice();
        assertThat(s.refused(new Request.End(Requester.as(BOB)))).isEqualTo(Code.NOT_A_MEMBER);
        s.allowed(new Request.End(AS_ALICE));
        assertThat(s.session.endReason()).isEqualTo("ended by csr:alice");
    }

    @Test
    void aWaitingSessionBecomesActiveWhenACsrConnects() {
        Scenario s = Scenario.routed(Scenario.allowAll(), 2).subject("pricing")
                .csr("alice", false, 0, 3, 5, Map.of("sales", 8)).allowed(new Request.Start(AS_ANN, "pricing", null));
        assertThat(s.session.state()).isEqualTo(SessionState.WAITING);
        s.csr("bob", true, 0, 2, 1, Map.of("sales", 5)).allowed(new Request.Invite(Requester.operator("op"), BOB));
        s.connects(BOB);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
    }
}
