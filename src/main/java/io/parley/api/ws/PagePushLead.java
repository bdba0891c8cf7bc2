package io.parley.api.ws;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.pagepush.Leadership;
import io.parley.pagepush.PageSharing;
import io.parley.pagepush.Sharing;
import io.parley.session.Channel;
import io.parley.session.ServiceSession;
import io.parley.system.cluster.ClusterNotices;

/**
 * Keeps this replica's view of a session's page push in step with the cluster's: who leads and where the leader's
 * page is, and whom the customer shares their page with, so that each page is told and reached as it would be
 * on the replica holding the leader.
 */
@ApplicationScoped
class PagePushLead {

    private static final Logger LOG = Logger.getLogger(PagePushLead.class);

    private final ConnectionRegistry registry;
    private final LegPictures pictures;
    private final Frames frames;
    private final ClusterNotices cluster;
    private final Leadership leadership;
    private final LeadReleases releases;
    private final PageSharing sharing;

    PagePushLead(ConnectionRegistry registry, LegPictures pictures, Frames frames, ClusterNotices cluster,
            Leadership leadership, LeadReleases releases, PageSharing sharing) {
        this.registry = registry;
        this.pictures = pictures;
        this.frames = frames;
        this.cluster = cluster;
        this.leadership = leadership;
        this.releases = releases;
        this.sharing = sharing;
    }

    /**
     * What a leg elsewhere does on page push tells this replica who leads, so that its own legs are refused or
     * let through as they would be there. Only a {@code leader} message moves the lead (or, without a leg,
     * gives it up): navigation, scrolling and pointing that were on their way when the lead moved must not
     * move it back. They fill in a lead this replica did not know of, and keep the leader's page and scroll
     * position. Traffic from a leg whose page closed here says its next page connected there: it leads on.
     */
    void followLead(String sessionId, String fromLegId, String text) {
        releases.cancel(sessionId, fromLegId);
        try {
            PagePushMessages.Out message = frames.readPagePush(text);
            if (message instanceof PagePushMessages.Out.Leader leader) {
                if (leader.legId() == null) {
                    leadership.release(sessionId, fromLegId);
                } else {
                    leadership.take(sessionId, leader.legId());
                }
                return;
            }
            if (message instanceof PagePushMessages.Out.Sharing told) {
                if (told.legId() != null && pictures.customer(sessionId, told.legId())) {
                    sharing.learn(sessionId, told.stopped(), Set.copyOf(told.with()));
                    if (told.stopped()) {
                        // The customer's replica released whoever led; its leader message names the customer.
                        leadership.leader(sessionId).ifPresent(leader -> leadership.release(sessionId, leader));
                    }
                }
                return;
            }
            if (leadership.claim(sessionId, fromLegId) == Leadership.Claim.FOLLOWS) {
                return;
            }
            switch (message) {
                case PagePushMessages.Out.Scroll scroll -> leadership.scrolled(sessionId,
                        new Leadership.Position(scroll.x(), scroll.y()));
                case PagePushMessages.Out.Navigate navigate -> leadership.navigated(sessionId, navigate.url());
                // Handled above (leader, sharing), or no move of the leader's page.
                case PagePushMessages.Out.Leader leader -> {
                }
                case PagePushMessages.Out.Sharing told -> {
                }
                case PagePushMessages.Out.Pointer pointer -> {
                }
                case PagePushMessages.Out.Highlight highlight -> {
                }
                case PagePushMessages.Out.Stayed stayed -> {
                }
                case ErrorFrame error -> {
                }
            }
        } catch (IOException e) {
            LOG.debugf("Unreadable page push from another replica: %s", e.getMessage());
        }
    }

    /**
     * Only the replica holding the leader's page-push connection answers (what another one remembers may be
     * out of date): its {@code leader}, then its current page (as a catch-up) and its last scroll position
     * there, go out as the leader's own would.
     */
    void retellLead(String sessionId) {
        leadership.leader(sessionId).filter(leader -> registry.hasChannel(sessionId, leader, Channel.PAGE_PUSH))
                .ifPresent(leader -> {
                    cluster.relay(sessionId, leader, Channel.PAGE_PUSH,
                            frames.pagePushText(new PagePushMessages.Out.Leader(leader)));
                    whereTheLeaderIs(sessionId, leader).forEach(told -> cluster.relay(sessionId, leader,
                            Channel.PAGE_PUSH, frames.pagePushText(told)));
                });
    }

    /**
     * What a page that connects after the leader went and scrolled there is told: the leader's page (as a
     * catch-up), then its scroll position on it; each when known.
     */
    List<PagePushMessages.Out> whereTheLeaderIs(String sessionId, String leader) {
        List<PagePushMessages.Out> told = new ArrayList<>(2);
        leadership.page(sessionId).ifPresent(url -> told.add(new PagePushMessages.Out.Navigate(leader, url, true)));
        leadership.scroll(sessionId).ifPresent(at -> told.add(new PagePushMessages.Out.Scroll(leader, at.x(),
                at.y())));
        return told;
    }

    /**
     * Whom a leg's page push reaches, as the customer shares their page: the customer's own traffic reaches the
     * staff it is shared with (and the supervisors who watch unseen, as they watch what the agent sees), a staff
     * leg's reaches the customer only while it is shared with that leg.
     */
    Predicate<LegSocket> pageReaches(String sessionId, String fromLegId) {
        boolean fromCustomer = pictures.customer(sessionId, fromLegId);
        Set<String> with = sharedWith(sessionId);
        if (!fromCustomer && with.contains(fromLegId)) {
            return socket -> true;
        }
        if (fromCustomer) {
            return socket -> !socket.staff() || with.contains(socket.legId())
                    || pictures.hiddenFromCustomers(sessionId, socket.legId());
        }
        return LegSocket::staff;
    }

    /** Whether the page-push message says who leads or whom the page is shared with (not where it is). */
    boolean announcement(String text) {
        try {
            return switch (frames.readPagePush(text)) {
                case PagePushMessages.Out.Leader leader -> true;
                case PagePushMessages.Out.Sharing told -> true;
                case PagePushMessages.Out.Navigate navigate -> false;
                case PagePushMessages.Out.Scroll scroll -> false;
                case PagePushMessages.Out.Pointer pointer -> false;
                case PagePushMessages.Out.Highlight highlight -> false;
                case PagePushMessages.Out.Stayed stayed -> false;
                case ErrorFrame error -> false;
            };
        } catch (IOException e) {
            return false;
        }
    }

    /** The staff legs the session's customer shares their page with, as far as this replica knows. */
    Set<String> sharedWith(String sessionId) {
        return sharing.of(sessionId).with(pictures.firstAgent(sessionId));
    }

    /** Why the staff leg's page push goes nowhere (the customer does not share their page with it), if it does not. */
    Optional<Sharing.Refusal> notShared(String sessionId, String staffLegId) {
        return sharing.of(sessionId).refusal(staffLegId, pictures.firstAgent(sessionId));
    }

    /**
     * What the session's page push is told of its sharing: whether it stopped, and the staff in the conversation
     * it is shared with; {@code legId} the customer's leg that changed it, or null.
     */
    PagePushMessages.Out.Sharing sharingOf(String sessionId, String legId) {
        Set<String> seen = staffSeen(sessionId);
        return new PagePushMessages.Out.Sharing(legId, sharing.of(sessionId).stopped(),
                sharedWith(sessionId).stream().filter(seen::contains).sorted().toList());
    }

    /**
     * The customer changed whom their page is shared with: the sharing as it is now, taken as told (the caller
     * tells every page of the session, here and elsewhere).
     */
    PagePushMessages.Out.Sharing sharingChanged(LegSocket customer) {
        PagePushMessages.Out.Sharing now = sharingOf(customer.sessionId(), customer.legId());
        sharing.tell(customer.sessionId(), new PageSharing.Told(now.stopped(), Set.copyOf(now.with())));
        return now;
    }

    /** The staff the customer sees in the session now: those a customer's {@code share} shares with. */
    Set<String> staffSeen(String sessionId) {
        return pictures.staffSeen(sessionId);
    }

    /**
     * Somebody joined or left: the session's page-push connections here are told whom the page is shared with when
     * that changed (a conversation's first agent joined, the sharing of one who left ends). An ended conversation's
     * sharing is forgotten: a new conversation starts with none.
     */
    void tellSharing(ServiceSession session) {
        if (session.isEnded()) {
            sharing.forget(session.id());
            return;
        }
        PagePushMessages.Out.Sharing now = sharingOf(session.id(), null);
        if (sharing.tell(session.id(), new PageSharing.Told(now.stopped(), Set.copyOf(now.with())))) {
            registry.sockets(session.id(), Channel.PAGE_PUSH)
                    .forEach(socket -> frames.sendPagePush(socket.connection(), now));
        }
    }

    /** The session has no connection here any more: what was known of its sharing goes. */
    void forget(String sessionId) {
        sharing.forget(sessionId);
    }
}
