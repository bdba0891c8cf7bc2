package io.parley.api.ws;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.ServiceSession;
import io.parley.session.Supervision;

/**
 * What this replica knows of the legs of each session it holds connections of, as of the newest version of the
 * session it has seen: which legs have page push and voice connected (wherever: those without a connection here
 * are on another replica and get that traffic through the cluster), and whom each leg reaches (a monitoring
 * supervisor nobody, a whispering one the staff only, a leg not known yet the staff only).
 */
@ApplicationScoped
class LegPictures {

    /** Who gets what a leg sends: everybody, the session's staff only, or nobody (a monitoring supervisor). */
    enum Reach {
        EVERYBODY, STAFF, NOBODY;

        boolean reaches(LegSocket socket) {
            return switch (this) {
                case EVERYBODY -> true;
                case STAFF -> socket.staff();
                case NOBODY -> false;
            };
        }
    }

    /**
     * @param media per media channel, the legs that said it is connected
     * @param open the active legs a customer may get anything of (every one but a hidden supervisor's)
     * @param hidden the monitoring and whispering supervisors' legs
     * @param monitoring the monitoring supervisors' legs: they send nothing at all
     * @param customers the customers' active legs
     * @param firstAgent the leg of the CSR who served the session first (active or not), if one did
     */
    private record Picture(long version, Map<Channel, Set<String>> media, Set<String> open, Set<String> hidden,
            Set<String> monitoring, Set<String> customers, Optional<String> firstAgent) {
    }

    private final Map<String, Picture> pictures = new ConcurrentHashMap<>();

    /** Takes the session's picture, unless a newer one came meanwhile (a connection opening read an older one). */
    void note(ServiceSession session) {
        Map<Channel, Set<String>> media = new EnumMap<>(Channel.class);
        for (Channel channel : List.of(Channel.PAGE_PUSH, Channel.VOICE)) {
            media.put(channel, ids(session, leg -> leg.channel(channel) == ChannelState.CONNECTED));
        }
        Picture seen = new Picture(session.version(), media, ids(session, leg -> !leg.hiddenFromCustomers()),
                ids(session, Leg::hiddenFromCustomers), ids(session, leg -> leg.supervision() == Supervision.MONITOR),
                ids(session, leg -> leg.role() == LegRole.CUSTOMER),
                session.legs().stream().filter(leg -> leg.role() == LegRole.CSR).map(Leg::id).findFirst());
        pictures.merge(session.id(), seen, (known, next) -> next.version() >= known.version() ? next : known);
    }

    void forget(String sessionId) {
        pictures.remove(sessionId);
    }

    /** The legs that said this media channel is connected. */
    Set<String> connected(String sessionId, Channel channel) {
        Picture picture = pictures.get(sessionId);
        return picture == null ? Set.of() : picture.media().getOrDefault(channel, Set.of());
    }

    /** How far what the leg sends (media, typing) goes. */
    Reach reach(String sessionId, String fromLegId) {
        Picture picture = pictures.get(sessionId);
        if (picture != null && picture.monitoring().contains(fromLegId)) {
            return Reach.NOBODY;
        }
        return seenBy(sessionId, fromLegId);
    }

    /** Who may learn that the leg is there (its read receipts, its voice signals): everybody, or staff only. */
    Reach seenBy(String sessionId, String legId) {
        Picture picture = pictures.get(sessionId);
        return picture != null && picture.open().contains(legId) ? Reach.EVERYBODY : Reach.STAFF;
    }

    /** Whether the leg is a monitoring or whispering supervisor's, as far as this replica knows. */
    boolean hiddenFromCustomers(String sessionId, String legId) {
        Picture picture = pictures.get(sessionId);
        return picture != null && picture.hidden().contains(legId);
    }

    /** Whether the leg is a customer's. */
    boolean customer(String sessionId, String legId) {
        Picture picture = pictures.get(sessionId);
        return picture != null && picture.customers().contains(legId);
    }

    /** The leg of the CSR who served the session first, if this replica knows the session and one did. */
    Optional<String> firstAgent(String sessionId) {
        Picture picture = pictures.get(sessionId);
        return picture == null ? Optional.empty() : picture.firstAgent();
    }

    /** The staff legs the customer sees in the session now (CSRs, supervisors who barged in). */
    Set<String> staffSeen(String sessionId) {
        Picture picture = pictures.get(sessionId);
        return picture == null ? Set.of() : picture.open().stream()
                .filter(legId -> !picture.customers().contains(legId)).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> ids(ServiceSession session, Predicate<Leg> matching) {
        return session.activeLegs().stream().filter(matching).map(Leg::id).collect(Collectors.toUnmodifiableSet());
    }
}
