package io.parley.transport;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.session.EndpointRef;

/**
 * The tokens refused before they expire, in memory, so that a check costs no database round trip: per endpoint
 * the first second from which its tokens are accepted again, the agents taken out of the directory, and single
 * tokens by id until they expire. Pure and thread-safe: reads take no lock, changes are made one at a time.
 *
 * <p>A token's {@code iat} is in whole seconds, so "issued before a moment" is kept as "accepted from the next
 * whole second": a token issued in the same second as the revocation is refused whether it came before or after
 * it, and whoever issues a token for the endpoint waits until {@link #acceptedFrom} has come (at most a second),
 * so that a sign-in after a sign-out is accepted.
 *
 * <p>Bounded: at most {@code maxTokens} single tokens; past that the oldest are folded into their endpoint's
 * "accepted from" (the endpoint's tokens issued up to the folded one are refused too, which errs on the safe
 * side: those agents sign in again). An entry is forgotten once every token it refuses has expired anyway.
 */
public final class RevocationList {

    private final int maxTokens;
    /** Single tokens by id ({@code jti}), kept until they expire. */
    private final Map<String, Revocation.Token> tokens = new ConcurrentHashMap<>();
    /** Per endpoint, the first instant (a whole second) a token must be issued at to be accepted. */
    private final Map<EndpointRef, Instant> acceptedFrom = new ConcurrentHashMap<>();
    /** Agents taken out of the directory. */
    private final Set<EndpointRef> removed = ConcurrentHashMap.newKeySet();
    /** The endpoint tokens a console token was traded for here, by the console token's id: its sign-out ends them. */
    private final Map<String, List<EndpointGrant>> traded = new ConcurrentHashMap<>();

    public RevocationList(int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1");
        }
        this.maxTokens = maxTokens;
    }

    /** Takes a revocation in (made here, heard from another replica or read at start-up). */
    public synchronized void apply(Revocation revocation) {
        switch (revocation) {
            case Revocation.Token token -> {
                tokens.put(token.id(), token);
                if (tokens.size() > maxTokens) {
                    foldOldest(tokens.size() - maxTokens + maxTokens / 10);
                }
            }
            case Revocation.IssuedBefore before -> acceptFrom(before.endpoint(), nextWholeSecond(before.moment()));
            case Revocation.Removed gone -> removed.add(gone.endpoint());
            case Revocation.Readmitted back -> removed.remove(back.endpoint());
        }
    }

    /** Whether a token that verified is refused all the same. */
    public boolean refuses(EndpointGrant grant) {
        if (removed.contains(grant.endpoint()) || tokens.containsKey(grant.id())) {
            return true;
        }
        Instant from = acceptedFrom.get(grant.endpoint());
        return from != null && grant.issuedAt().isBefore(from);
    }

    /** The agents taken out of the directory, as this replica knows them now. */
    public Set<EndpointRef> removedAgents() {
        return Set.copyOf(removed);
    }

    /** Whether the endpoint is an agent taken out of the directory (none of its tokens opens anything). */
    public boolean isRemoved(EndpointRef endpoint) {
        return removed.contains(endpoint);
    }

    /**
     * From when a token issued for the endpoint is accepted; empty when any is. A token issued earlier is
     * refused, so an issuer waits until then (less than a second after a revocation).
     */
    public Optional<Instant> acceptedFrom(EndpointRef endpoint) {
        return Optional.ofNullable(acceptedFrom.get(endpoint));
    }

    /** An endpoint token was issued here in exchange for a console token: revoking the console token ends it. */
    public synchronized void traded(String consoleTokenId, EndpointGrant endpointToken) {
        if (traded.size() >= maxTokens) {
            return;
        }
        traded.computeIfAbsent(consoleTokenId, id -> new ArrayList<>()).add(endpointToken);
    }

    /** The endpoint tokens traded here for the console token, forgotten as they are answered. */
    public synchronized List<EndpointGrant> tradedFor(String consoleTokenId) {
        List<EndpointGrant> grants = traded.remove(consoleTokenId);
        return grants == null ? List.of() : List.copyOf(grants);
    }

    /**
     * Forgets what refuses nothing any more at {@code now}: single tokens that have expired, and "accepted from"
     * instants older than the longest life of a token they could refuse.
     */
    public synchronized void forget(Instant now, Duration longestLife) {
        tokens.values().removeIf(token -> !token.expiresAt().isAfter(now));
        acceptedFrom.values().removeIf(from -> !from.plus(longestLife).isAfter(now));
        traded.values().removeIf(grants -> {
            grants.removeIf(grant -> !grant.expiresAt().isAfter(now));
            return grants.isEmpty();
        });
    }

    /** How many single tokens are kept (bounded by {@code maxTokens}). */
    public int singleTokens() {
        return tokens.size();
    }

    /** The whole second at or after {@code moment}: the first {@code iat} issued after it. */
    public static Instant nextWholeSecond(Instant moment) {
        Instant second = moment.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(moment) ? second : second.plusSeconds(1);
    }

    private void acceptFrom(EndpointRef endpoint, Instant from) {
        acceptedFrom.merge(endpoint, from, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The {@code count} single tokens issued first become their endpoints' "accepted from" the second after. */
    private void foldOldest(int count) {
        List<Revocation.Token> oldest = tokens.values().stream()
                .sorted(Comparator.comparing(Revocation.Token::issuedAt)).limit(count).toList();
        for (Revocation.Token token : oldest) {
            acceptFrom(token.endpoint(), token.issuedAt().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
            tokens.remove(token.id());
        }
    }
}
