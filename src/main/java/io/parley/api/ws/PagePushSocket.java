package io.parley.api.ws;

import java.util.List;
import java.util.Optional;

import io.parley.pagepush.Leadership;
import io.parley.pagepush.NavigationRule;
import io.parley.service.ServiceCatalogue;
import io.parley.service.ServiceDefinition;
import io.parley.session.Channel;
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
 * first push makes its sender the leader, and ({@code legId: null}) when the leader's channel closes.
 */
@WebSocket(path = "/ws/sessions/{sessionId}/legs/{legId}/page-push")
public class PagePushSocket {

    private static final int MAX_SELECTOR = 256;

    private final Channels channels;
    private final Fanout fanout;
    private final Leadership leadership;
    private final ServiceCatalogue catalogue;

    public PagePushSocket(Channels channels, Fanout fanout, Leadership leadership, ServiceCatalogue catalogue) {
        this.channels = channels;
        this.fanout = fanout;
        this.leadership = leadership;
        this.catalogue = catalogue;
    }

    /**
     * A page that connects learns who leads and, when it follows, the page the leader is on and where it has
     * scrolled to there; when this replica does not know, it asks the others (the answer comes as the
     * leader's own messages would).
     */
    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return channels.open(connection, Channel.PAGE_PUSH).invoke(socket -> socket.ifPresent(s -> leadership
                .leader(s.sessionId()).ifPresentOrElse(leader -> {
                    fanout.sendPagePush(connection, new PagePushMessages.Out.Leader(leader));
                    if (!leader.equals(s.legId())) {
                        leadership.page(s.sessionId()).ifPresent(url -> fanout.sendPagePush(connection,
                                new PagePushMessages.Out.Navigate(leader, url, true)));
                        leadership.scroll(s.sessionId()).ifPresent(at -> fanout.sendPagePush(connection,
                                new PagePushMessages.Out.Scroll(leader, at.x(), at.y())));
                    }
                }, () -> fanout.askWhoLeads(s))))
                .replaceWithVoid();
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String frame) {
        Fanout.Socket socket = fanout.socketOf(connection);
        if (socket == null) {
            return;
        }
        channels.read(frame, PagePushMessages.In.class, error -> fanout.sendPagePush(connection, error))
                .flatMap(message -> relayed(socket, message))
                .ifPresent(out -> fanout.relayPagePush(socket, out));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Fanout.Socket socket = fanout.unregister(connection);
        // A page of the leader's that closes while a newer page of the same leg is connected (navigation)
        // leaves the lead where it is.
        if (socket != null && !fanout.hasChannel(socket.sessionId(), socket.legId(), Channel.PAGE_PUSH)
                && leadership.release(socket.sessionId(), socket.legId())) {
            fanout.relayPagePush(socket, new PagePushMessages.Out.Leader(null));
        }
    }

    /** What the others receive for this message, or empty (after telling the sender why) when nothing. */
    private Optional<PagePushMessages.Out> relayed(Fanout.Socket socket, PagePushMessages.In message) {
        String legId = socket.legId();
        if (message instanceof PagePushMessages.In.Lead) {
            leadership.take(socket.sessionId(), legId);
            PagePushMessages.Out.Leader leader = new PagePushMessages.Out.Leader(legId);
            fanout.sendPagePush(socket.connection(), leader);
            return Optional.of(leader);
        }
        switch (leadership.claim(socket.sessionId(), legId)) {
            case FOLLOWS -> {
                return refuse(socket, "not-leader", "another leg leads; send {\"type\":\"lead\"} to take over");
            }
            case TOOK -> {
                PagePushMessages.Out.Leader leader = new PagePushMessages.Out.Leader(legId);
                fanout.sendPagePush(socket.connection(), leader);
                fanout.relayPagePush(socket, leader);
            }
            case LEADS -> {
            }
        }
        return switch (message) {
            case PagePushMessages.In.Navigate navigate -> {
                List<String> origins = catalogue.find(socket.serviceId()).map(ServiceDefinition::allowedOrigins)
                        .orElse(List.of());
                Optional<String> refusal = NavigationRule.refusal(navigate.url(), origins,
                        Channels.base(socket.connection()).toString());
                if (refusal.isPresent()) {
                    yield refuse(socket, "url-not-allowed", refusal.get());
                }
                String url = navigate.url().trim();
                leadership.navigated(socket.sessionId(), url);
                yield Optional.of(new PagePushMessages.Out.Navigate(legId, url, false));
            }
            case PagePushMessages.In.Scroll scroll -> {
                if (!position(scroll.x(), scroll.y())) {
                    yield refuse(socket, "invalid-request", "x and y are fractions of the page, 0 to 1");
                }
                leadership.scrolled(socket.sessionId(), new Leadership.Position(scroll.x(), scroll.y()));
                yield Optional.of(new PagePushMessages.Out.Scroll(legId, scroll.x(), scroll.y()));
            }
            case PagePushMessages.In.Pointer pointer -> position(pointer.x(), pointer.y())
                    ? Optional.of(new PagePushMessages.Out.Pointer(legId, pointer.x(), pointer.y()))
                    : refuse(socket, "invalid-request", "x and y are fractions of the page, 0 to 1");
            case PagePushMessages.In.Highlight highlight -> highlight.selector() != null
                    && !highlight.selector().isBlank() && highlight.selector().length() <= MAX_SELECTOR
                            ? Optional.of(new PagePushMessages.Out.Highlight(legId, highlight.selector()))
                            : refuse(socket, "invalid-request", "selector: 1 to " + MAX_SELECTOR + " characters");
            case PagePushMessages.In.Lead lead -> Optional.empty();
        };
    }

    private Optional<PagePushMessages.Out> refuse(Fanout.Socket socket, String code, String message) {
        fanout.sendPagePush(socket.connection(), new ErrorFrame(code, message));
        return Optional.empty();
    }

    private static boolean position(double x, double y) {
        return x >= 0 && x <= 1 && y >= 0 && y <= 1;
    }
}
