package io.parley.system.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.session.CsrState;
import io.parley.system.cluster.ClusterMessage;

/** Positions in the live stream, and the test that tells which cluster messages announce a change. */
class StreamPositionTest {

    @Test
    void aPositionReadsBackAsWrittenAndOrdersByTransactionThenAgentBeforeSessionThenId() {
        StreamItem.Position agent = new StreamItem.Position(7, StreamItem.Kind.AGENT, 90);
        StreamItem.Position session = new StreamItem.Position(7, StreamItem.Kind.SESSION, 3);
        StreamItem.Position later = new StreamItem.Position(8, StreamItem.Kind.AGENT, 1);
        assertThat(StreamItem.Position.parse(session.toString())).contains(session);
        assertThat(List.of(later, session, agent, StreamItem.Position.before(7)).stream().sorted())
                .containsExactly(StreamItem.Position.before(7), agent, session, later);
        assertThat(session.agentIdAfter()).as("every agent entry of its transaction came before it")
                .isEqualTo(Long.MAX_VALUE);
        assertThat(agent.sessionIdAfter()).isEqualTo(-1);
    }

    @Test
    void anythingElseIsNoPosition() {
        for (String text : new String[] {null, "", "7", "7-s", "7-x-1", "a-s-1", "7-s-b", "-7-s-1", "7-s--1", "7-ss-1",
                "7-s-1-2", "7 -s-1", "1".repeat(50) + "-s-1", "18446744073709551616-s-1"}) {
            assertThat(StreamItem.Position.parse(text)).as(text).isEmpty();
        }
    }

    @Test
    void changesAreToldFromTheOpeningOfAMessageAsSentAndMediaIsNot() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        List<ClusterMessage> changes = List.of(new ClusterMessage.Changed("s", List.of()),
                new ClusterMessage.Offered("s", "o", "alice"),
                new ClusterMessage.OfferClosed("s", null, null, null),
                new ClusterMessage.AgentState("alice", CsrState.AVAILABLE, CsrState.AWAY, "away", Instant.EPOCH));
        for (ClusterMessage change : changes) {
            assertThat(ClusterMessage.announcesChange(json.writerFor(ClusterMessage.class).writeValueAsString(change)))
                    .as("%s", change).isTrue();
        }
        assertThat(ClusterMessage.announcesChange(json.writerFor(ClusterMessage.class).writeValueAsString(
                new ClusterMessage.Audio("s", "leg", new byte[] {1})))).isFalse();
        assertThat(ClusterMessage.announcesChange(json.writerFor(ClusterMessage.class).writeValueAsString(
                new ClusterMessage.Chat("s", 4)))).isFalse();
    }
}
