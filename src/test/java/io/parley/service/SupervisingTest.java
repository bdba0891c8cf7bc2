package io.parley.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Refusal.Code;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.SessionEvent;
import io.parley.session.SessionState;
import io.parley.session.Supervision;

class SupervisingTest {

    static final EndpointRef ANN = EndpointRef.customer("ann");
    static final EndpointRef ALICE = EndpointRef.csr("alice");
    static final EndpointRef SAM = EndpointRef.csr("sam");
    static final Requester AS_SAM = Requester.supervisor(SAM);

    /** Ann asked for pricing with alice named, alice accepted; both are connected. */
    private static Scenario annWithAlice(ServiceDefinition.Allow allow) {
        return Scenario.routed(allow, 2).subject("pricing")
                .csr("alice", true, 0, 3, 5, Map.of("sales", 8))
                .csr("sam", true, 0, 3, 5, Map.of())
                .allowed(new Request.Start(Requester.as(ANN), "pricing", ALICE)).accepts(ALICE).connects(ANN)
                .allowed(new Request.Join(Requester.as(ALICE))).connects(ALICE);
    }

    private static Scenario annWithAlice() {
        return annWithAlice(Scenario.allowAll());
    }

    @Test
    void aSupervisorMonitorsUnseenThenWhispersAndBargesInOnTheSameLeg() {
        Scenario s = annWithAlice().allowed(new Request.Supervise(AS_SAM, Supervision.MONITOR));
        Leg monitoring = s.leg(SAM);
        assertThat(monitoring.role()).isEqualTo(LegRole.SUPERVISOR);
        assertThat(monitoring.state()).as("it gets connection details, as a join does").isEqualTo(LegState.JOINING);
        assertThat(monitoring.hiddenFromCustomers()).isTrue();

        s.connects(SAM).allowed(new Request.Supervise(AS_SAM, Supervision.WHISPER));
        assertThat(s.leg(SAM).id()).isEqualTo(monitoring.id());
        assertThat(s.leg(SAM).supervision()).isEqualTo(Supervision.WHISPER);
        assertThat(s.leg(SAM).state()).isEqualTo(LegState.CONNECTED);
        assertThat(s.leg(SAM).hiddenFromCustomers()).isTrue();
        assertThat(s.events(SessionEvent.SupervisionChanged.class)).singleElement()
                .satisfies(changed -> assertThat(changed.from()).isEqualTo(Supervision.MONITOR));

        s.allowed(new Request.Supervise(AS_SAM, Supervision.BARGE));
        assertThat(s.leg(SAM).hiddenFromCustomers()).as("the customer is told").isFalse();
        assertThat(s.session.activeLegs()).hasSize(3);
        assertThat(s.session.activeLegsIn(LegRole.CSR)).as("a supervisor is never counted a CSR").hasSize(1);
    }

    @Test
    void onlySupervisorsMonitorWhisperOrBargeIn() {
        Scenario s = annWithAlice();
        assertThat(s.refused(new Request.Supervise(Requester.as(EndpointRef.csr("bob")), Supervision.MONITOR)))
                .isEqualTo(Code.NOT_PERMITTED);
        assertThat(s.refused(new Request.Supervise(Requester.operator("ops"), Supervision.MONITOR)))
                .isEqualTo(Code.NOT_PERMITTED);
        assertThat(s.refused(new Request.Supervise(Requester.as(ANN), Supervision.BARGE)))
                .isEqualTo(Code.NOT_PERMITTED);
    }

    @Test
    void aServiceMayForbidAWayOfSupervising() {
        Scenario s = annWithAlice(new ServiceDefinition.Allow(true, true, false, Set.of(Supervision.MONITOR)));
        assertThat(s.refused(new Request.Supervise(AS_SAM, Supervision.WHISPER)))
                .isEqualTo(Code.SUPERVISION_NOT_ALLOWED);
        assertThat(s.refused(new Request.Supervise(AS_SAM, Supervision.BARGE)))
                .isEqualTo(Code.SUPERVISION_NOT_ALLOWED);
        s.allowed(new Request.Supervise(AS_SAM, Supervision.MONITOR));
        assertThat(s.refused(new Request.Supervise(AS_SAM, Supervision.WHISPER)))
                .as("nor may a monitoring supervisor switch to it").isEqualTo(Code.SUPERVISION_NOT_ALLOWED);
    }

    @Test
    void theSessionsCsrDoesNotSuperviseItself() {
        assertThat(annWithAlice().refused(new Request.Supervise(Requester.supervisor(ALICE), Supervision.MONITOR)))
                .isEqualTo(Code.ALREADY_IN_SESSION);
    }

    @Test
    void aSupervisorWhoBargedInTakesOverAndTheCsrLeavesWithoutTheCustomerWaitingAgain() {
        Scenario s = annWithAlice().allowed(new Request.Supervise(AS_SAM, Supervision.BARGE)).connects(SAM)
                .allowed(new Request.TakeOver(AS_SAM));
        assertThat(s.leg(SAM).role()).isEqualTo(LegRole.CSR);
        assertThat(s.leg(SAM).supervision()).isNull();
        assertThat(s.leg(ALICE).state()).isEqualTo(LegState.LEFT);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.session.queued()).as("never back in the queue").isEmpty();
        assertThat(s.events(SessionEvent.TakenOver.class)).singleElement()
                .satisfies(taken -> assertThat(taken.reason()).isEqualTo("taken over by csr:sam"));
    }

    @Test
    void aSupervisorTakesOverOnlyAfterBargingIn() {
        Scenario s = annWithAlice();
        assertThat(s.refused(new Request.TakeOver(AS_SAM))).isEqualTo(Code.NOT_A_MEMBER);
        s.allowed(new Request.Supervise(AS_SAM, Supervision.WHISPER));
        assertThat(s.refused(new Request.TakeOver(AS_SAM))).isEqualTo(Code.NOT_PERMITTED);
    }

    @Test
    void anUnseenSupervisorCannotEndTheSessionButOneWhoBargedInCan() {
        Scenario s = annWithAlice().allowed(new Request.Supervise(AS_SAM, Supervision.MONITOR));
        assertThat(s.refused(new Request.End(AS_SAM))).isEqualTo(Code.NOT_PERMITTED);
        s.allowed(new Request.Supervise(AS_SAM, Supervision.BARGE)).allowed(new Request.End(AS_SAM));
        assertThat(s.session.isEnded()).isTrue();
    }

    @Test
    void aSupervisorLeavingChangesNothingForTheCustomerAndTheCsr() {
        Scenario s = annWithAlice().allowed(new Request.Supervise(AS_SAM, Supervision.MONITOR));
        s.allowed(new Request.RemoveLeg(AS_SAM, s.leg(SAM).id()));
        assertThat(s.leg(SAM).state()).isEqualTo(LegState.LEFT);
        assertThat(s.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.events(SessionEvent.Enqueued.class)).as("ann was only queued once, at the start").hasSize(1);
    }

    @Test
    void aRoomItsPartiesLeftEndsThoughASupervisorIsStillThere() {
        Scenario s = Scenario.room(Scenario.allowAll()).csr("carol", true, 0, 3, 5, Map.of("espresso", 9))
                .allowed(new Request.Start(Requester.as(ANN), "grinders", null)).connects(ANN)
                .allowed(new Request.Supervise(AS_SAM, Supervision.MONITOR));
        s.allowed(new Request.RemoveLeg(Requester.as(ANN), s.leg(ANN).id()));
        assertThat(s.session.isEnded()).isTrue();
        assertThat(s.leg(SAM).state()).isEqualTo(LegState.LEFT);
    }
}
