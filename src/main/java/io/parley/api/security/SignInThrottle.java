package io.parley.api.security;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.api.RequestLimitsConfig;
import io.parley.limits.AddressKey;
import io.parley.limits.TokenBuckets;
import io.parley.limits.TokenBuckets.Admission;

/**
 * Password guessing, slowed down: failed sign-ins are counted per user at an address and per address (an IPv6
 * caller's /64, {@link AddressKey}; {@code parley.limits.requests.sign-in-*}); past either limit the next attempt
 * is refused without checking the password. The lock is per address, so the same user signing in from elsewhere
 * is not locked out by whoever guesses its password; a successful sign-in clears its user's count at that address.
 * An address that has failed as often as one user may is a guesser: its further checks share the replica's slow
 * lane ({@code sign-in-checks-after-failures}) with every other guesser's.
 */
@ApplicationScoped
public class SignInThrottle {

    private final TokenBuckets perUser;
    private final TokenBuckets perAddress;
    /** Failures per address up to the slow lane: as many as one user may have. */
    private final TokenBuckets beforeSlowLane;
    /** The replica's checks for addresses in the slow lane, one bucket for all of them. */
    private final TokenBuckets slowLane;

    public SignInThrottle(RequestLimitsConfig config, Clock clock) {
        this.perUser = new TokenBuckets(config.signInFailuresPerUser(), config.signInWindow(), config.maxTracked(),
                clock);
        this.perAddress = new TokenBuckets(config.signInFailuresPerAddress(), config.signInWindow(),
                config.maxTracked(), clock);
        this.beforeSlowLane = new TokenBuckets(config.signInFailuresPerUser(), config.signInWindow(),
                config.maxTracked(), clock);
        this.slowLane = new TokenBuckets(config.signInChecksAfterFailures(), 1, clock);
    }

    /** The refusal of the next attempt, when too many failed before it; empty when it may be checked. */
    Optional<Admission> refusal(String user, String address) {
        String from = AddressKey.of(address);
        Admission admission = perUser.check(user + "@" + from);
        if (admission.allowed()) {
            admission = perAddress.check(from);
        }
        return admission.allowed() ? Optional.empty() : Optional.of(admission);
    }

    /**
     * Whether a password check may run now for a sign-in from the address: always for an address that has not failed
     * often, otherwise when the slow lane has room (taking it); the refusal when it has none, which counts against
     * the address's failures.
     */
    Optional<Admission> checkRefusal(String address) {
        if (beforeSlowLane.check(AddressKey.of(address)).allowed()) {
            return Optional.empty();
        }
        Admission admission = slowLane.take("replica");
        if (admission.allowed()) {
            return Optional.empty();
        }
        // Counted as a failure of the address: a guesser waiting for the lane still reaches its own limit.
        String from = AddressKey.of(address);
        perAddress.take(from);
        return Optional.of(admission);
    }

    void failed(String user, String address) {
        String from = AddressKey.of(address);
        perUser.take(user + "@" + from);
        perAddress.take(from);
        beforeSlowLane.take(from);
    }

    void succeeded(String user, String address) {
        perUser.reset(user + "@" + AddressKey.of(address));
    }
}
