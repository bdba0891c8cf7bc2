package io.parley.system.change;

import java.util.LinkedHashMap;
import java.util.Map;

import io.parley.session.Leg;
import io.parley.session.Queued;
import io.parley.session.SessionEvent;

/** The event log's view of a {@link SessionEvent}: a flat map of wire names and values. */
final class EventData {

    private EventData() {
    }

    static Map<String, Object> of(SessionEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        switch (event) {
            case SessionEvent.LegAdded added -> leg(data, added.leg());
            case SessionEvent.LegUpdated updated -> {
                leg(data, updated.leg());
                if (updated.reason() != null) {
                    data.put("reason", updated.reason());
                }
            }
            case SessionEvent.SupervisionChanged changed -> {
                leg(data, changed.leg());
                data.put("from", changed.from().wire());
                data.put("reason", changed.reason());
            }
            case SessionEvent.TakenOver taken -> {
                leg(data, taken.leg());
                data.put("reason", taken.reason());
            }
            case SessionEvent.TransferStarted started -> {
                data.put("fromLegId", started.transfer().fromLegId());
                data.put("toLegId", started.transfer().toLegId());
                data.put("to", started.to().toString());
                data.put("mode", started.transfer().mode().wire());
                data.put("deadline", started.transfer().deadline().toString());
            }
            case SessionEvent.TransferCompleted completed -> {
                data.put("fromLegId", completed.fromLegId());
                data.put("toLegId", completed.toLegId());
                data.put("reason", completed.reason());
            }
            case SessionEvent.TransferFailed failed -> {
                data.put("fromLegId", failed.fromLegId());
                data.put("toLegId", failed.toLegId());
                data.put("reason", failed.reason());
                data.put("failure", failed.failure() == null ? null : failed.failure().wire());
            }
            case SessionEvent.StateChanged changed -> {
                data.put("state", changed.state().wire());
                data.put("reason", changed.reason());
            }
            case SessionEvent.Ended ended -> data.put("reason", ended.reason());
            case SessionEvent.Enqueued enqueued -> {
                queue(data, enqueued.queue());
                data.put("reason", enqueued.reason());
            }
            case SessionEvent.OfferMade made -> {
                data.put("offerId", made.offer().id());
                data.put("csr", made.offer().csr().toString());
                data.put("purpose", made.purpose().wire());
                if (made.subject() != null) {
                    data.put("subject", made.subject());
                }
                data.put("expires", made.offer().expires().toString());
                data.put("decision", made.explanation());
            }
            case SessionEvent.OfferClosed closed -> {
                data.put("offerId", closed.offer().id());
                data.put("csr", closed.offer().csr().toString());
                data.put("outcome", closed.outcome().wire());
                data.put("reason", closed.reason());
            }
            case SessionEvent.RoutingWaits waits -> data.put("decision", waits.explanation());
            case SessionEvent.Dequeued dequeued -> {
                queue(data, dequeued.queue());
                data.put("outcome", dequeued.outcome().wire());
                data.put("reason", dequeued.reason());
            }
            case SessionEvent.ServiceChanged changed -> {
                data.put("from", changed.fromServiceId());
                data.put("to", changed.toServiceId());
                data.put("reason", changed.reason());
            }
        }
        return data;
    }

    private static void queue(Map<String, Object> data, Queued queue) {
        data.put("purpose", queue.purpose().wire());
        if (queue.subject() != null) {
            data.put("subject", queue.subject());
        }
        data.put("since", queue.since().toString());
    }

    private static void leg(Map<String, Object> data, Leg leg) {
        data.put("legId", leg.id());
        data.put("endpoint", leg.endpoint().toString());
        data.put("role", leg.role().wire());
        if (leg.supervision() != null) {
            data.put("supervision", leg.supervision().wire());
        }
        if (leg.label() != null) {
            data.put("label", leg.label());
        }
        data.put("state", leg.state().wire());
        if (!leg.channels().isEmpty()) {
            Map<String, String> channels = new LinkedHashMap<>();
            leg.channels().forEach((channel, state) -> channels.put(channel.wire(), state.wire()));
            data.put("channels", channels);
        }
    }
}
