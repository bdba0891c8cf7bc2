package io.parley.session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A session's place in its service's queue: what it waits for, since when, the offers out now, and the
 * CSRs that declined or let an offer time out during this wait, with when (they are passed over while
 * somebody else fits, until they are ready again or the service's retry-after has gone by).
 *
 * @param subject the subject routing picks for (a transfer's subject may differ from the session's)
 * @param fromLegId for a conference or transfer, the leg of the CSR who asked (a transfer's first CSR stays until
 *     the second has connected)
 * @param mode for a transfer, cold or warm
 * @param named for a conference or transfer to a named CSR, that CSR: it alone is offered the session, and its
 *     decline or silence ends the wait (the asking CSR keeps the customer); null when routing picks
 * @param note the asking CSR's note for the CSR who takes a conference or transfer, or null
 */
public record Queued(Purpose purpose, String subject, Instant since, String fromLegId, TransferMode mode,
        Map<EndpointRef, Instant> passed, List<Offer> offers, EndpointRef named, String note) {

    /** What the session waits for. */
    public enum Purpose implements WireName {
        /** The customer waits for a CSR. */
        SERVE,
        /** A CSR asked for a second CSR to join. */
        CONFERENCE,
        /** A CSR hands the customer to a second CSR, and stays until that one has connected. */
        TRANSFER
    }

    public Queued {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(since, "since");
        passed = Map.copyOf(passed);
        offers = List.copyOf(offers);
    }

    public Queued(Purpose purpose, String subject, Instant since, String fromLegId, TransferMode mode,
            Map<EndpointRef, Instant> passed, List<Offer> offers) {
        this(purpose, subject, since, fromLegId, mode, passed, offers, null, null);
    }

    public static Queued waiting(Purpose purpose, String subject, Instant since, String fromLegId, TransferMode mode) {
        return new Queued(purpose, subject, since, fromLegId, mode, Map.of(), List.of());
    }

    /** A wait for the named CSR alone (a conference or transfer asked of one agent), not for whoever fits. */
    public boolean forNamedCsr() {
        return named != null;
    }

    /** Whom the wait asks for, in words: the named CSR, or whoever fits the subject. */
    public String askedOf() {
        return named != null ? named.toString() : "whoever fits " + subject;
    }

    /** A CSR's wait for a second CSR (conference or transfer), not a customer's wait to be served. */
    public boolean forSecondCsr() {
        return purpose != Purpose.SERVE;
    }

    /**
     * The CSRs passed over in this wait: those who declined or let an offer expire, unless they have been
     * ready again since (set themselves available); with {@code recentOnly}, only those
     * whose pass is younger than {@code retryAfter} (the others are asked again when nobody else fits).
     */
    public Set<EndpointRef> passedOver(Situation situation, Duration retryAfter, boolean recentOnly) {
        Instant retryFrom = situation.now().minus(retryAfter);
        return passed.entrySet().stream()
                .filter(pass -> situation.csr(pass.getKey()).map(Candidate::readySince)
                        .filter(ready -> ready.isAfter(pass.getValue())).isEmpty())
                .filter(pass -> !recentOnly || pass.getValue().isAfter(retryFrom))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** The same wait with more CSRs passed over (the later time wins): for a ranking, not stored. */
    public Queued passingAlso(Map<EndpointRef, Instant> more) {
        Map<EndpointRef, Instant> merged = new LinkedHashMap<>(passed);
        more.forEach((csr, at) -> merged.merge(csr, at, (a, b) -> a.isAfter(b) ? a : b));
        return new Queued(purpose, subject, since, fromLegId, mode, merged, offers, named, note);
    }

    public Optional<Offer> offer(String offerId) {
        return offers.stream().filter(o -> o.id().equals(offerId)).findFirst();
    }

    public Queued withOffers(List<Offer> next) {
        return new Queued(purpose, subject, since, fromLegId, mode, passed, next, named, note);
    }

    /** Without the offer; its CSR is passed over (from {@code at}) when it declined or let the offer expire. */
    public Queued closing(Offer offer, OfferOutcome outcome, Instant at) {
        Map<EndpointRef, Instant> nextPassed = new LinkedHashMap<>(passed);
        if (outcome.passesOver()) {
            nextPassed.put(offer.csr(), at);
        }
        return new Queued(purpose, subject, since, fromLegId, mode, nextPassed,
                offers.stream().filter(o -> !o.id().equals(offer.id())).toList(), named, note);
    }
}
