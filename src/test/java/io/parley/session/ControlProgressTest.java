package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which events a control channel is told of, one mapping for the fan-out and for the replicas' channel. */
class ControlProgressTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static Queued waiting(Queued.Purpose purpose, EndpointRef named) {
        return new Queued(purpose, "billing", NOW, purpose == Queued.Purpose.SERVE ? null : "leg-1", null, Map.of(),
                List.of(), named, null);
    }

    private static Leg leg(LegState state) {
        return new Leg("leg-2", EndpointRef.customer("v-1"), LegRole.CUSTOMER, state, Map.of(), NOW);
    }

    @Test
    void transfersHandoversLegsThatLeftAndTheEndAreTold() {
        PendingTransfer transfer = new PendingTransfer("leg-1", "leg-3", TransferMode.WARM, NOW.plusSeconds(30));

        assertThat(ControlProgress.of(new SessionEvent.TransferStarted(transfer, EndpointRef.csr("bob"))))
                .contains(new ControlProgress.TransferStarted("leg-1", "leg-3"));
        assertThat(ControlProgress.of(new SessionEvent.TransferFailed("leg-1", "leg-3", "no answer",
                TransferFailure.NOT_CONNECTED)))
                .contains(new ControlProgress.TransferFailed("leg-1", "leg-3", "no answer",
                        TransferFailure.NOT_CONNECTED));
        assertThat(ControlProgress.of(new SessionEvent.Dequeued(waiting(Queued.Purpose.TRANSFER,
                EndpointRef.csr("carol")), QueueOutcome.DECLINED, "busy")))
                .contains(new ControlProgress.HandoverEnded("leg-1", Queued.Purpose.TRANSFER, "billing",
                        EndpointRef.csr("carol"), QueueOutcome.DECLINED, "busy"));
        assertThat(ControlProgress.of(new SessionEvent.LegUpdated(leg(LegState.LEFT), "left")))
                .contains(new ControlProgress.LegEnded(leg(LegState.LEFT), "left"));
        assertThat(ControlProgress.of(new SessionEvent.Ended("everyone left")))
                .contains(new ControlProgress.Ended("everyone left"));
    }

    @Test
    void whatTheRosterOrOtherNoticesShowIsNotToldAgain() {
        assertThat(ControlProgress.of(new SessionEvent.Dequeued(waiting(Queued.Purpose.SERVE, null),
                QueueOutcome.ANSWERED, "accepted"))).isEmpty();
        assertThat(ControlProgress.of(new SessionEvent.LegUpdated(leg(LegState.CONNECTED)))).isEmpty();
        assertThat(ControlProgress.of(new SessionEvent.LegAdded(leg(LegState.INVITED)))).isEmpty();
        assertThat(ControlProgress.of(new SessionEvent.OfferMade(new Offer("o-1", EndpointRef.csr("bob"), NOW,
                NOW.plusSeconds(20)), Queued.Purpose.SERVE, "billing", "longest idle"))).isEmpty();
        assertThat(ControlProgress.of(new SessionEvent.RoutingWaits("nobody available"))).isEmpty();
    }
}
