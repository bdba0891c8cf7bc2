package io.parley.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Refusal.Code;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.session.TransferMode;
import io.parley.session.Verdict;

class DirectAndRoomBehaviourTest {

    static final EndpointRef ANN = EndpointRef.customer("ann");
    static final EndpointRef BEN = EndpointRef.customer("ben");
    static final EndpointRef CAROL = EndpointRef.csr("carol");
    static final EndpointRef ALICE = EndpointRef.csr("alice");

    private static Scenario callback() {
        return Scenario.direct(new ServiceDefinition.Allow(false, true, false))
                .csr("carol", true, 0, 3, 10, Map.of("espresso", 9))
                .csr("alice", true, 0, 3, 20, Map.of("sales", 8));
    }

    private static Scenario desk() {
        return Scenario.room(new ServiceDefinition.Allow(true, false, true))
                .csr("carol", true, 0, 3, 10, Map.of("espresso", 9))
                .csr("alice", true, 0, 3, 20, Map.of("sales", 8));
    }

    @Test
    void directNeedsTheOtherEndpointNamed() {
        assertThat(callback().refused(new Request.Start(Requester.as(ANN), null, null)))
                .isEqualTo(Code.ENDPOINT_REQUIRED);
        assertThat(callback().refused(new Request.Start(Requester.as(ANN), null, ANN)))
                .isEqualTo(Code.ALREADY_IN_SESSION);
        assertThat(callback().refused(new Request.Start(Requester.as(ANN), null, EndpointRef.csr("zed"))))
                .isEqualTo(Code.ENDPOINT_NOT_FOUND);
        Scenario s = callback().allowed(new Request.Start(Requester.as(ANN), null, CAROL)).accepts(CAROL);
        assertThat(s.leg(ANN).state()).isEqualTo(LegState.JOINING);
        assertThat(s.leg(CAROL).state()).isEqualTo(LegState.INVITED);
    }

    @Test
    void directEndsWhenOneSideIsLeftAlone() {
        Scenario s = callback().allowed(new Request.Start(Requester.as(ANN), null, CAROL)).accepts(CAROL)
                .allowed(new Request.Join(Requester.operator("op")));
        s.allowed(new Request.RemoveLeg(Requester.as(CAROL), s.leg(CAROL).id()));
        assertThat(s.session.isEnded()).as("an observer is not a side").isTrue();
        assertThat(s.session.endReason()).isEqualTo("the other side left");
    }

    @Test
    void aDirectSessionEndsWhenItsCsrIsRemovedFromTheDirectory() {
        Scenario s = callback().allowed(new Request.Start(Requester.as(ANN), null, CAROL)).accepts(CAROL);
        s.happens(new Happening.CsrRemoved(CAROL, "csr:carol removed from the directory by operator op"));
        assertThat(s.leg(CAROL).state()).isEqualTo(LegState.LEFT);
        assertThat(s.session.isEnded()).isTrue();
        assertThat(s.session.endReason()).isEqualTo("the other side left");
    }

    @Test
    void directFollowsTheServicesAllowList() {
        Scenario s = callback().allowed(new Request.Start(Requester.as(ANN), null, CAROL)).accepts(CAROL)
                .allowed(new Request.Join(Requester.as(CAROL)));
        assertThat(s.refused(new Request.Conference(Requester.as(CAROL), ALICE, null)))
                .isEqualTo(Code.CONFERENCE_NOT_ALLOWED);
        s.allowed(new Request.Transfer(Requester.as(CAROL), ALICE, null, TransferMode.COLD)).accepts(ALICE)
                .connects(ALICE);
        assertThat(s.leg(CAROL).state()).isEqualTo(LegState.LEFT);
        assertThat(s.session.isEnded()).isFalse();
    }

    @Test
    void aRoomIsForADeclaredSubject() {
        Scenario room = desk();
        room.session = ServiceSession.opened("s-2", "expert-desk", null, Scenario.T0);
        assertThat(room.refused(new Request.Start(Requester.as(ANN), null, null))).isEqualTo(Code.SUBJECT_REQUIRED);
        assertThat(desk().refused(new Request.Start(Requester.as(ANN), "kettles", null)))
                .isEqualTo(Code.UNKNOWN_SUBJECT);
        assertThat(desk().service.sessionsAreSubjectRooms()).isTrue();
    }

    @Test
    void theFirstCustomerInARoomBringsInWhoeverFitsAndOthersJoin() {
        Scenario s = desk().allowed(new Request.Start(Requester.as(ANN), "grinders", null));
        assertThat(s.offeredTo()).as("espresso skill").containsExactly(CAROL);
        s.accepts(CAROL);
        assertThat(s.leg(CAROL).state()).isEqualTo(LegState.INVITED);
        s.allowed(new Request.Start(Requester.as(BEN), "grinders", null));
        assertThat(s.session.activeLegsIn(LegRole.CUSTOMER)).hasSize(2);
        assertThat(s.session.activeLegsIn(LegRole.CSR)).as("a CSR is already in the room").hasSize(1);
        Verdict again = s.decide(new Request.Start(Requester.as(BEN), "grinders", null));
        assertThat(((Verdict.Allowed) again).decisions()).as("asking again changes nothing").isEmpty();
    }

    @Test
    void anyoneMayJoinARoomByIdAndCustomersMayInviteWhenAllowed() {
        Scenario s = desk().allowed(new Request.Start(Requester.as(ANN), "grinders", null))
                .allowed(new Request.Join(Requester.as(BEN)));
        assertThat(s.leg(BEN).state()).isEqualTo(LegState.JOINING);
        assertThat(s.refused(new Request.Invite(Requester.as(BEN), EndpointRef.customer("cid"))))
                .as("only staff name a customer").isEqualTo(Code.CUSTOMERS_NAMED_BY_STAFF);
        s.allowed(new Request.Invite(Requester.operator("op"), EndpointRef.customer("cid")));
        assertThat(s.labelled("cid").state()).isEqualTo(LegState.INVITED);
        assertThat(s.labelled("cid").endpoint()).as("a label, never an identity")
                .isNotEqualTo(EndpointRef.customer("cid"));
        assertThat(s.refused(new Request.Invite(Requester.operator("op"), EndpointRef.customer("cid"))))
                .as("the same label twice").isEqualTo(Code.ALREADY_IN_SESSION);
        s.allowed(new Request.Join(Requester.as(CAROL)));
        assertThat(s.refused(new Request.Transfer(Requester.as(CAROL), ALICE, null, TransferMode.COLD)))
                .isEqualTo(Code.TRANSFER_NOT_ALLOWED);
    }

    @Test
    void aRoomEndsWhenTheLastOneLeaves() {
        Scenario s = desk().allowed(new Request.Start(Requester.as(ANN), "grinders", null)).accepts(CAROL);
        s.allowed(new Request.RemoveLeg(Requester.as(CAROL), s.leg(CAROL).id()));
        assertThat(s.session.isEnded()).isFalse();
        s.allowed(new Request.RemoveLeg(Requester.as(ANN), s.leg(ANN).id()));
        assertThat(s.session.isEnded()).isTrue();
        assertThat(s.session.endReason()).isEqualTo("room empty");
    }

    @Test
    void aFullRoomRefusesMore() {
        Scenario s = desk();
        for (int i = 0; i < 6; i++) {
            s.allowed(new Request.Join(Requester.as(EndpointRef.customer("c" + i))));
        }
        assertThat(s.refused(new Request.Join(Requester.as(ANN)))).isEqualTo(Code.MAX_PARTICIPANTS_REACHED);
    }
}
