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
 */
@ApplicationScoped
public class SignInThrottle {

    private final TokenBuckets perUser;
    private final TokenBuckets perAddress;

    public SignInThrottle(RequestLimitsConfig config, Clock clock) {
        this.perUser = new TokenBuckets(config.signInFailuresPerUser(), config.signInWindow(), config.maxTracked(),
                clock);
        this.perAddress = new TokenBuckets(config.signInFailuresPerAddress(), config.signInWindow(),
                config.maxTracked(), clock);
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

    void failed(String user, String address) {
        String from = AddressKey.of(address);
        perUser.take(user + "@" + from);
        perAddress.take(from);
    }

    void succeeded(String user, String address) {
        perUser.reset(user + "@" + AddressKey.of(address));
    }
}
