package io.parley.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.Supervision;

class LegPicturesTest {

    private static final Instant AT = Instant.parse("2026-12-03T08:00:00Z");

    private static Leg leg(String id, LegRole role, Supervision supervision, Map<Channel, ChannelState> channels) {
        return new Leg(id, EndpointRef.parse(role == LegRole.CUSTOMER ? "customer:ann" : "csr:" + id), role,
                LegState.CONNECTED, channels, AT, null, supervision);
    }

    private static ServiceSession session(long version, Leg... legs) {
        return new ServiceSession("s-1", "sales", "pricing", SessionState.ACTIVE, List.of(legs), null, null, version,
                AT, null, null);
    }

    @Test
    void eachLegReachesWhomItsRoleAndModeAllowAndAnUnknownLegOnlyStaff() {
        LegPictures pictures = new LegPictures();
        pictures.note(session(3, leg("ann", LegRole.CUSTOMER, null, Map.of(Channel.VOICE, ChannelState.CONNECTED)),
                leg("alice", LegRole.CSR, null, Map.of()),
                leg("sam", LegRole.SUPERVISOR, Supervision.WHISPER, Map.of()),
                leg("tom", LegRole.SUPERVISOR, Supervision.MONITOR, Map.of()),
                leg("bea", LegRole.SUPERVISOR, Supervision.BARGE, Map.of())));
        assertThat(pictures.reach("s-1", "ann")).isEqualTo(LegPictures.Reach.EVERYBODY);
        assertThat(pictures.reach("s-1", "alice")).isEqualTo(LegPictures.Reach.EVERYBODY);
        assertThat(pictures.reach("s-1", "bea")).isEqualTo(LegPictures.Reach.EVERYBODY);
        assertThat(pictures.reach("s-1", "sam")).isEqualTo(LegPictures.Reach.STAFF);
        assertThat(pictures.reach("s-1", "tom")).isEqualTo(LegPictures.Reach.NOBODY);
        assertThat(pictures.seenBy("s-1", "tom")).as("its read receipts reach staff")
                .isEqualTo(LegPictures.Reach.STAFF);
        assertThat(pictures.reach("s-1", "who")).isEqualTo(LegPictures.Reach.STAFF);
        assertThat(pictures.reach("s-2", "ann")).as("a session not held here").isEqualTo(LegPictures.Reach.STAFF);
        assertThat(pictures.hiddenFromCustomers("s-1", "sam")).isTrue();
        assertThat(pictures.hiddenFromCustomers("s-1", "bea")).isFalse();
        assertThat(pictures.hiddenFromCustomers("s-1", "who")).as("a leg that ended still gives a lead up").isFalse();
        assertThat(pictures.connected("s-1", Channel.VOICE)).containsExactly("ann");
    }

    @Test
    void anOlderPictureArrivingLateChangesNothing() {
        LegPictures pictures = new LegPictures();
        pictures.note(session(5, leg("sam", LegRole.SUPERVISOR, Supervision.BARGE, Map.of())));
        pictures.note(session(4, leg("sam", LegRole.SUPERVISOR, Supervision.MONITOR, Map.of())));
        assertThat(pictures.reach("s-1", "sam")).isEqualTo(LegPictures.Reach.EVERYBODY);
        pictures.note(session(6, leg("sam", LegRole.SUPERVISOR, Supervision.MONITOR, Map.of())));
        assertThat(pictures.reach("s-1", "sam")).isEqualTo(LegPictures.Reach.NOBODY);
        pictures.forget("s-1");
        assertThat(pictures.reach("s-1", "sam")).isEqualTo(LegPictures.Reach.STAFF);
    }
}
