package io.parley.api.ws;

import java.util.List;
import java.util.Optional;

import io.parley.pagepush.Leadership;
import io.parley.pagepush.NavigationRule;
import io.parley.pagepush.PageSharing;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Channel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * Follow-me page push: the leader's navigation (checked against the service's allowed origins),
 * scrolling, pointer and highlights reach the other legs; a refused URL never does. Every change of
 * leader is announced to all legs with a {@code leader} message: when a leg takes the lead, when the
 * first push makes its sender the leader, and ({@code legId: null}) when the leader's channel closed and
 * did not come back within the lead grace, or its leg ended.
 */
@WebSocket(path = "/ws/sessions/{sessionId}/legs/{legId}/page-push")
public class PagePushSocket {

    private static final int MAX_SELECTOR = 256;

    private final Channels channels;
    private final Fanout fanout;
    private final Leadership leadership;
    private final ServiceCatalogue catalogue;
    private final LeadReleases releases;
    private final PageSharing sharing;

    public PagePushSocket(Channels channels, Fanout fanout, Leadership leadership, ServiceCatalogue catalogue,
            LeadReleases releases, PageSharing sharing) {
        this.sharing = sharing;
        this.channels = channels;
        this.fanout = fanout;
        this.leadership = leadership;
        this.catalogue = catalogue;
        this.releases = releases;
    }

    /**
     * A page that connects learns who leads and, when it follows, the page the leader is on and where it has
     * scrolled to there. Those come from the replica holding the leader's page push: when that is another
     * one, or this replica does not know who leads, it asks the others (the answer comes as the leader's own
     * messages would). A leader's page that connects calls off the release of the lead its last page left.
     * All of this is told before the page's {@code ready}: a client that has it knows who leads.
     */
    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return channels.open(connection, Channel.PAGE_PUSH, this::opened).replaceWithVoid();
    }

    private void opened(LegSocket socket) {
        String sessionId = socket.sessionId();
        releases.cancel(sessionId, socket.legId());
        fanout.sendPagePush(socket.connection(), fanout.sharingOf(sessionId, null));
        Optional<String> leader = leadership.leader(sessionId);
        leader.ifPresent(legId -> fanout.sendPagePush(socket.connection(), new PagePushMessages.Out.Leader(legId)));
        boolean shut = socket.staff() && !fanout.hiddenFromCustomers(sessionId, socket.legId())
                && fanout.notShared(sessionId, socket.legId()).isPresent();
        if (leader.isEmpty() || !fanout.hasChannel(sessionId, leader.get(), Channel.PAGE_PUSH)) {
            fanout.askWhoLeads(socket);
        } else if (!leader.get().equals(socket.legId()) && !shut) {
            // An agent the customer's page is not shared with is not told where it is.
            fanout.whereTheLeaderIs(sessionId, leader.get()).forEach(told -> fanout.sendPagePush(
                    socket.connection(), told));
        }
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String frame) {
        LegSocket socket = fanout.socketOf(connection);
        if (socket == null) {
            return;
        }
        channels.read(connection, frame, PagePushMessages.In.class, message -> ConnectionLimits.Limit.PAGE_PUSH,
                error -> fanout.sendPagePush(connection, error))
                .flatMap(message -> relayed(socket, message))
                .ifPresent(out -> fanout.relayPagePush(socket, out));
    }

    /**
     * The leader's page is usually changing: a newer page of the leg connected already, or does within the
     * grace (here or on another replica), and leads on. A leg that ended gives the lead up at once.
     */
    @OnClose
    public void close(WebSocketConnection connection) {
        LegSocket socket = fanout.unregister(connection);
        if (socket == null || fanout.hasChannel(socket.sessionId(), socket.legId(), Channel.PAGE_PUSH)
                || leadership.leader(socket.sessionId()).filter(socket.legId()::equals).isEmpty()) {
            return;
        }
        Runnable release = () -> {
            if (!fanout.hasChannel(socket.sessionId(), socket.legId(), Channel.PAGE_PUSH)
                    && leadership.release(socket.sessionId(), socket.legId())) {
                fanout.relayPagePush(socket, new PagePushMessages.Out.Leader(null));
            }
        };
        CloseReason reason = connection.closeReason();
        if (reason != null && reason.getCode() == CloseCodes.LEG_ENDED) {
            release.run();
        } else {
            releases.schedule(socket.sessionId(), socket.legId(), release);
        }
    }

    /** What the others receive for this message, or empty (after telling the sender why) when nothing. */
    private Optional<PagePushMessages.Out> relayed(LegSocket socket, PagePushMessages.In message) {
        String legId = socket.legId();
        if (fanout.hiddenFromCustomers(socket.sessionId(), legId)) {
            // A monitoring or whispering supervisor follows the pages; leading them would show it to the customer.
            fanout.sendPagePush(socket.connection(), new ErrorFrame("not-permitted",
                    "a supervisor who is not seen follows the page; barge in to lead it"));
            return Optional.empty();
        }
        Optional<ErrorFrame> unshared = unshared(socket, message);
        if (unshared.isPresent()) {
            fanout.sendPagePush(socket.connection(), unshared.get());
            return Optional.empty();
        }
        if (message instanceof PagePushMessages.In.Stop) {
            // Nobody leads the page any more: neither an agent taking it along nor the customer showing it.
            Optional<String> leader = leadership.leader(socket.sessionId());
            if (leader.isPresent() && leadership.release(socket.sessionId(), leader.get())) {
                PagePushMessages.Out.Leader nobody = new PagePushMessages.Out.Leader(null);
                fanout.sendPagePush(socket.connection(), nobody);
                fanout.relayPagePush(socket, nobody);
            }
            sharing.stop(socket.sessionId());
            fanout.sharingChanged(socket);
            return Optional.empty();
        }
        if (message instanceof PagePushMessages.In.Share) {
            sharing.share(socket.sessionId(), fanout.staffSeen(socket.sessionId()));
            fanout.sharingChanged(socket);
            return Optional.empty();
        }
        if (message instanceof PagePushMessages.In.Stay) {
            // The agent learns the push was not followed; the lead stays as it was.
            return Optional.of(new PagePushMessages.Out.Stayed(legId));
        }
        if (message instanceof PagePushMessages.In.Lead) {
            leadership.take(socket.sessionId(), legId);
            PagePushMessages.Out.Leader leader = new PagePushMessages.Out.Leader(legId);
            fanout.sendPagePush(socket.connection(), leader);
            return Optional.of(leader);
        }
        // A message refused for what it says neither takes the lead nor is followed.
        Optional<ErrorFrame> refusal = refusal(socket, message);
        if (refusal.isPresent()) {
            fanout.sendPagePush(socket.connection(), refusal.get());
            return Optional.empty();
        }
        switch (leadership.claim(socket.sessionId(), legId)) {
            case FOLLOWS -> {
                fanout.sendPagePush(socket.connection(), new ErrorFrame("not-leader",
                        "another leg leads; send {\"type\":\"lead\"} to take over"));
                return Optional.empty();
            }
            case TOOK -> {
                PagePushMessages.Out.Leader leader = new PagePushMessages.Out.Leader(legId);
                fanout.sendPagePush(socket.connection(), leader);
                fanout.relayPagePush(socket, leader);
            }
            case LEADS -> {
            }
        }
        return Optional.of(switch (message) {
            case PagePushMessages.In.Navigate navigate -> {
                String url = navigate.url().trim();
                leadership.navigated(socket.sessionId(), url);
                yield new PagePushMessages.Out.Navigate(legId, url, false);
            }
            case PagePushMessages.In.Scroll scroll -> {
                leadership.scrolled(socket.sessionId(), new Leadership.Position(scroll.x(), scroll.y()));
                yield new PagePushMessages.Out.Scroll(legId, scroll.x(), scroll.y());
            }
            case PagePushMessages.In.Pointer pointer ->
                new PagePushMessages.Out.Pointer(legId, pointer.x(), pointer.y(), pointer.selector());
            case PagePushMessages.In.Highlight highlight -> new PagePushMessages.Out.Highlight(legId,
                    highlight.selector());
            case PagePushMessages.In.Lead lead -> throw new IllegalStateException("a lead is answered above");
            case PagePushMessages.In.Stop stop -> throw new IllegalStateException("a stop is answered above");
            case PagePushMessages.In.Share share -> throw new IllegalStateException("a share is answered above");
            case PagePushMessages.In.Stay stay -> throw new IllegalStateException("a stay is answered above");
        });
    }

    /**
     * Why the message goes nowhere for the customer's consent, if it does not: only the customer stops or shares
     * their page, or stays on it when a push asked first; an agent it is not shared with (one who joined later and
     * was not said yes to, or anyone once the customer stopped) neither leads nor pushes; a customer who stopped
     * shares again before leading.
     */
    private Optional<ErrorFrame> unshared(LegSocket socket, PagePushMessages.In message) {
        boolean customer = !socket.staff();
        boolean consent = switch (message) {
            case PagePushMessages.In.Stop stop -> true;
            case PagePushMessages.In.Share share -> true;
            case PagePushMessages.In.Stay stay -> true;
            case PagePushMessages.In.Lead lead -> false;
            case PagePushMessages.In.Navigate navigate -> false;
            case PagePushMessages.In.Scroll scroll -> false;
            case PagePushMessages.In.Pointer pointer -> false;
            case PagePushMessages.In.Highlight highlight -> false;
        };
        if (consent) {
            return customer ? Optional.empty() : Optional.of(new ErrorFrame("not-permitted",
                    "only the customer decides what their page shows and whom it is shared with"));
        }
        if (customer) {
            return sharing.of(socket.sessionId()).stopped()
                    ? Optional.of(new ErrorFrame("not-shared", "you stopped sharing your page; share it again first"))
                    : Optional.empty();
        }
        return fanout.notShared(socket.sessionId(), socket.legId())
                .map(refusal -> new ErrorFrame(refusal.code(), refusal.sentence()));
    }

    /** Why the message cannot be followed whoever leads, if it cannot. */
    private Optional<ErrorFrame> refusal(LegSocket socket, PagePushMessages.In message) {
        return switch (message) {
            case PagePushMessages.In.Navigate navigate -> NavigationRule.refusal(navigate.url(),
                    catalogue.find(socket.serviceId()).map(ServiceDefinition::allowedOrigins).orElse(List.of()),
                    channels.publicUrl().toString())
                    .map(why -> new ErrorFrame("url-not-allowed", why));
            case PagePushMessages.In.Scroll scroll -> position(scroll.x(), scroll.y());
            case PagePushMessages.In.Pointer pointer -> position(pointer.x(), pointer.y())
                    .or(() -> pointer.selector() == null ? Optional.empty() : selector(pointer.selector()));
            case PagePushMessages.In.Highlight highlight -> selector(highlight.selector());
            case PagePushMessages.In.Lead lead -> Optional.empty();
            case PagePushMessages.In.Stop stop -> Optional.empty();
            case PagePushMessages.In.Share share -> Optional.empty();
            case PagePushMessages.In.Stay stay -> Optional.empty();
        };
    }

    private static Optional<ErrorFrame> selector(String selector) {
        return selector != null && !selector.isBlank() && selector.length() <= MAX_SELECTOR ? Optional.empty()
                : Optional.of(new ErrorFrame("invalid-request", "selector: 1 to " + MAX_SELECTOR + " characters"));
    }

    private static Optional<ErrorFrame> position(double x, double y) {
        return x >= 0 && x <= 1 && y >= 0 && y <= 1 ? Optional.empty()
                : Optional.of(new ErrorFrame("invalid-request", "x and y are fractions of the page, 0 to 1"));
    }
}
