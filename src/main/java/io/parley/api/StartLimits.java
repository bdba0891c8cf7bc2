package io.parley.api;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.limits.AddressKey;
import io.parley.limits.TokenBucket;
import io.parley.limits.TokenBuckets;
import io.parley.session.Requester;
import io.parley.system.reads.OpenSessions;
import io.smallrye.mutiny.Uni;

/**
 * What callers without an account may start ({@link RequestLimitsConfig}): session starts per client address
 * (anonymous callers and visitors; an IPv6 caller per /64, {@link AddressKey}) and per visitor, over which a
 * start is {@code 429 too-many-requests} with {@code Retry-After}; and open sessions per visitor, past which a
 * start is {@code 409 too-many-open-sessions}.
 * Agents and operators are not limited here: they signed in.
 */
@ApplicationScoped
public class StartLimits {

    /** What the per-address refusal names. */
    static final String FROM_ADDRESS = "starts from your address";

    private final TokenBuckets perAddress;
    private final TokenBuckets perVisitor;
    private final Set<String> exempt;
    private final int maxOpen;
    private final OpenSessions open;

    public StartLimits(RequestLimitsConfig config, Clock clock, OpenSessions open) {
        this.perAddress = new TokenBuckets(new TokenBucket.Rate(config.startsPerAddress() * 1000.0
                / config.window().toMillis(), Math.min(config.startsPerAddress(), config.startsPerAddressAtOnce())),
                config.maxTracked(), clock);
        this.perVisitor = new TokenBuckets(config.startsPerVisitor(), config.window(), config.maxTracked(), clock);
        this.exempt = Set.copyOf(config.exemptAddresses().orElse(List.of()));
        this.maxOpen = config.openSessionsPerVisitor();
        this.open = open;
    }

    /** Takes a start from the caller's rates, or refuses it with 429. */
    public void admitRate(Optional<Requester> caller, String address) {
        if (caller.isPresent() && !isVisitor(caller.get())) {
            return;
        }
        if (!exempt.contains(address)) {
            refuseOver(perAddress.take(AddressKey.of(address)), FROM_ADDRESS);
        }
        if (caller.isPresent()) {
            refuseOver(perVisitor.take(caller.get().endpoint().id()), "starts by this visitor");
        }
    }

    /**
     * The refusal an anonymous start from this address would get now, without taking a start: the address has
     * used up its starts. Empty when it has one left or is exempt.
     */
    public Optional<TokenBuckets.Admission> usedUp(String address) {
        if (exempt.contains(address)) {
            return Optional.empty();
        }
        TokenBuckets.Admission admission = perAddress.check(AddressKey.of(address));
        return admission.allowed() ? Optional.empty() : Optional.of(admission);
    }

    /** The answer to a start over the address's rate: {@code 429 too-many-requests}. */
    static Problem overRate(String what, TokenBuckets.Admission admission) {
        return Problem.of(429, "too-many-requests", "too many session " + what + "; try again in "
                + admission.retryAfterSeconds() + "s");
    }

    /** Refuses (409) a visitor already in its maximum of open sessions; one count per visitor start. */
    public Uni<Void> admitOpen(Optional<Requester> caller) {
        if (caller.isEmpty() || !isVisitor(caller.get())) {
            return Uni.createFrom().voidItem();
        }
        return open.of(caller.get().endpoint()).map(count -> {
            if (count >= maxOpen) {
                throw new ProblemException(Problem.of(409, "too-many-open-sessions", "a visitor may be in "
                        + maxOpen + " open sessions at once; end one (POST /api/sessions/{id}/end) first"));
            }
            return null;
        });
    }

    private static boolean isVisitor(Requester caller) {
        return !caller.operator() && caller.endpoint().isCustomer();
    }

    private static void refuseOver(TokenBuckets.Admission admission, String what) {
        if (!admission.allowed()) {
            throw new ProblemException(overRate(what, admission)).retryAfter(admission.retryAfterSeconds());
        }
    }
}
