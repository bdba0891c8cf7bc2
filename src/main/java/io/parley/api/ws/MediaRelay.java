package io.parley.api.ws;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.session.Channel;
import io.parley.system.cluster.ClusterNotices;
import io.vertx.core.buffer.Buffer;

/**
 * Carries what a leg sends on voice and page push to the session's other legs, on this replica and through the
 * cluster to the others, as far as each leg's reach (and the customer's page sharing) lets it go.
 */
@ApplicationScoped
class MediaRelay {

    private static final Logger LOG = Logger.getLogger(MediaRelay.class);

    private final ConnectionRegistry registry;
    private final LegPictures pictures;
    private final Frames frames;
    private final ClusterNotices cluster;
    private final PagePushLead lead;

    MediaRelay(ConnectionRegistry registry, LegPictures pictures, Frames frames, ClusterNotices cluster,
            PagePushLead lead) {
        this.registry = registry;
        this.pictures = pictures;
        this.frames = frames;
        this.cluster = cluster;
        this.lead = lead;
    }

    /** Sends a page-push message to every other leg's page-push connection in the session, here or elsewhere. */
    void relayPagePush(LegSocket from, PagePushMessages.Out message) {
        relayText(from, frames.pagePushText(message));
    }

    /** Sends a voice control message to every other leg's voice connection in the session, here or elsewhere. */
    void relayVoice(LegSocket from, VoiceMessages.Out message) {
        relayText(from, frames.voiceText(message));
    }

    private void relayText(LegSocket from, String text) {
        relayHere(from.sessionId(), from.legId(), from.channel(), text);
        if (elsewhere(from)) {
            cluster.relay(from.sessionId(), from.legId(), from.channel(), text);
        }
    }

    /** Sends an audio frame to every other leg's voice connection in the session, as it came. */
    void relayAudio(LegSocket from, Buffer frame) {
        sendAudio(from.sessionId(), from.legId(), frame);
        if (elsewhere(from)) {
            cluster.relayAudio(from.sessionId(), from.legId(), frame.getBytes());
        }
    }

    /** To the connections here of the session's other legs on {@code channel}, from a leg here or elsewhere. */
    void relay(String sessionId, String fromLegId, Channel channel, String text) {
        if (channel == Channel.PAGE_PUSH) {
            lead.followLead(sessionId, fromLegId, text);
        }
        relayHere(sessionId, fromLegId, channel, text);
    }

    /** An audio frame from a leg elsewhere, to the connections here of the session's other legs. */
    void relayAudio(String sessionId, String fromLegId, byte[] frame) {
        sendAudio(sessionId, fromLegId, Buffer.buffer(frame));
    }

    /**
     * A page-push connection opened here, and this replica does not know who leads or does not hold the
     * leader's page push: when a leg of the session has page push on another replica, the replica holding the
     * leader tells again.
     */
    void askWhoLeads(LegSocket opened) {
        if (elsewhere(opened)) {
            cluster.askWhoLeads(opened.sessionId());
        }
    }

    private void relayHere(String sessionId, String fromLegId, Channel channel, String text) {
        // A supervisor the customer does not see never moves anybody's page (its socket refuses it; this holds it
        // for what comes from another replica too). A leg that ended still gives the lead up.
        if (channel == Channel.PAGE_PUSH) {
            if (!pictures.hiddenFromCustomers(sessionId, fromLegId)) {
                List<LegSocket> to = registry.others(sessionId, fromLegId, channel);
                Predicate<LegSocket> consented = lead.pageReaches(sessionId, fromLegId);
                // Read only when it matters: who leads and whom the page is shared with reach everybody.
                boolean all = to.stream().allMatch(consented) || lead.announcement(text);
                to.stream().filter(socket -> all || consented.test(socket))
                        .forEach(socket -> frames.sendText(socket.connection(), text));
            }
            return;
        }
        // Voice signals (mute, codecs) of a leg the customer does not see reach the staff.
        LegPictures.Reach signals = pictures.seenBy(sessionId, fromLegId);
        registry.others(sessionId, fromLegId, channel).stream().filter(signals::reaches)
                .forEach(socket -> frames.sendText(socket.connection(), text));
    }

    private void sendAudio(String sessionId, String fromLegId, Buffer frame) {
        LegPictures.Reach reach = pictures.reach(sessionId, fromLegId);
        for (LegSocket socket : registry.others(sessionId, fromLegId, Channel.VOICE)) {
            if (socket.connection().isOpen() && reach.reaches(socket)) {
                socket.connection().sendBinary(frame).subscribe().with(done -> {},
                        failure -> LOG.debugf("audio to %s failed: %s", socket.connection().id(),
                                failure.getMessage()));
            }
        }
    }

    /** Whether another leg of the session has this channel connected on another replica. */
    private boolean elsewhere(LegSocket from) {
        Set<String> connected = pictures.connected(from.sessionId(), from.channel());
        if (connected.isEmpty()) {
            return false;
        }
        Set<String> here = registry.sockets(from.sessionId(), from.channel()).stream().map(LegSocket::legId)
                .collect(Collectors.toSet());
        return connected.stream().anyMatch(legId -> !legId.equals(from.legId()) && !here.contains(legId));
    }
}
