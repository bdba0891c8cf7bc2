package io.parley.session;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A session's place in its service's queue: what it waits for, since when, the offers out now, and the
 * CSRs that declined or let an offer time out during this wait (they are not asked again).
 *
 * @param subject the subject routing picks for (a transfer's subject may differ from the session's)
 * @param fromLegId for a transfer, the first CSR's leg, which stays until the second has connected
 * @param mode for a transfer, cold or warm
 */
public record Queued(Purpose purpose, String subject, Instant since, String fromLegId, TransferMode mode,
        Set<EndpointRef> passed, List<Offer> offers) {

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
        passed = Set.copyOf(passed);
        offers = List.copyOf(offers);
    }

    public static Queued waiting(Purpose purpose, String subject, Instant since, String fromLegId, TransferMode mode) {
        return new Queued(purpose, subject, since, fromLegId, mode, Set.of(), List.of());
    }

    /** A CSR's wait for a second CSR (conference or transfer), not a customer's wait to be served. */
    public boolean forSecondCsr() {
        return purpose != Purpose.SERVE;
    }

    public Optional<Offer> offer(String offerId) {
        return offers.stream().filter(o -> o.id().equals(offerId)).findFirst();
    }

    public Queued withOffers(List<Offer> next) {
        return new Queued(purpose, subject, since, fromLegId, mode, passed, next);
    }

    /** Without the offer; its CSR is passed over when it declined or let the offer expire. */
    public Queued closing(Offer offer, OfferOutcome outcome) {
        Set<EndpointRef> nextPassed = new LinkedHashSet<>(passed);
        if (outcome.passesOver()) {
            nextPassed.add(offer.csr());
        }
        return new Queued(purpose, subject, since, fromLegId, mode, nextPassed,
                offers.stream().filter(o -> !o.id().equals(offer.id())).toList());
    }
}
