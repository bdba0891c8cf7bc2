package io.parley.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.HeldRefusals;
import io.parley.api.RequestLimitsConfig;
import io.parley.limits.AddressKey;
import io.parley.limits.TokenBuckets;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks HTTP Basic credentials against {@link UsersConfig}. PBKDF2 is slow on purpose, so it runs off
 * the event loop, and a successful check is remembered for a few minutes (keyed by a SHA-256 of name
 * and password, never the password itself) so that a console's polling does not pay it every time. A
 * name nobody has is checked against a hash no password matches, at the users' highest count, so it costs what
 * a known one costs;
 * after too many failures ({@link SignInThrottle}) an attempt is refused unchecked, with {@code Retry-After}.
 * One address has one check running at a time: the same name and password sent again meanwhile (a client's
 * parallel requests) wait for it and are then answered from its outcome, other credentials are refused unchecked
 * ({@code Retry-After: 1}). Otherwise a client with many guesses in flight has them all hashed before the first
 * failure is counted, each a few hundred milliseconds of CPU, far past its limit and at everyone else's expense.
 * And a replica runs no more than {@code parley.limits.requests.sign-in-checks-at-once} checks at once, whoever
 * asks: guesses from many addresses are refused unchecked beyond it. An address that has failed as often as one user
 * may shares a slow lane of checks with every other such address ({@link SignInThrottle#checkRefusal}).
 * Every PBKDF2 run is counted ({@code parley_password_checks_total}).
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private final UsersConfig users;
    private final Clock clock;
    private final SignInThrottle throttle;
    private final HeldRefusals held;
    private final Counter checks;
    private final String noUser;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    /** Password checks that may run at once on this replica ({@code sign-in-checks-at-once}). */
    private final Semaphore permits;
    /** The password check under way per address (one each), removed when it ends. */
    private final Map<String, Check> checking = new ConcurrentHashMap<>();

    /** A password check under way: whose credentials (their fingerprint) and its answer, to wait for. */
    private record Check(String credentials, Uni<SecurityIdentity> result) {
    }

    public PasswordIdentityProvider(UsersConfig users, Clock clock, SignInThrottle throttle, HeldRefusals held,
            MeterRegistry registry, RequestLimitsConfig limits) {
        this.held = held;
        this.permits = new Semaphore(limits.signInChecksAtOnce());
        this.users = users;
        this.clock = clock;
        this.throttle = throttle;
        this.checks = Counter.builder("parley.password.checks")
                .description("Passwords checked against a PBKDF2 hash (sign-ins not answered from the cache)")
                .register(registry);
        this.noUser = PasswordHasher.noUser(users.users().values().stream()
                .mapToInt(user -> PasswordHasher.iterations(user.passwordHash())).max()
                .orElse(PasswordHasher.ITERATIONS));
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String name = request.getUsername();
        char[] password = request.getPassword().getPassword();
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = ClientAddress.of(http == null ? null : http.request());
        Optional<TokenBuckets.Admission> refusal = throttle.refusal(name, address);
        if (refusal.isPresent()) {
            return refused(http, refusal.get().retryAfterSeconds(), "too many failed sign-ins");
        }
        UsersConfig.User user = users.users().get(name);
        String remembered = fingerprint(name, password);
        Instant until = verified.get(remembered);
        if (user != null && until != null && clock.instant().isBefore(until)) {
            return Uni.createFrom().item(identity(name, user));
        }
        String hash = user == null ? noUser : user.passwordHash();
        return Uni.createFrom().deferred(() -> {
            Context own = Vertx.currentContext();
            Optional<TokenBuckets.Admission> slow = throttle.checkRefusal(address);
            if (slow.isPresent()) {
                return refused(http, slow.get().retryAfterSeconds(), "sign-ins from this address failed too often");
            }
            Check running;
            Check mine;
            // One step for every request from the address: which check runs, and whether a permit is free for it.
            synchronized (checking) {
                running = checking.get(address);
                if (running == null && !permits.tryAcquire()) {
                    return refused(http, 1, "sign-ins are being checked; try again");
                }
                mine = running != null ? null : new Check(remembered, check(name, password, hash, user, address,
                        remembered, context));
                if (mine != null) {
                    checking.put(address, mine);
                }
            }
            return mine != null ? mine.result() : waitOrRefuse(running, remembered, http, own, request, context);
        });
    }

    /** The password check itself, off the event loop; it gives its address and permit back when it ends. */
    private Uni<SecurityIdentity> check(String name, char[] password, String hash, UsersConfig.User user,
            String address, String remembered, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            checks.increment();
            if (!PasswordHasher.verify(password, hash) || user == null) {
                throttle.failed(name, address);
                throw new AuthenticationFailedException("wrong user name or password");
            }
            throttle.succeeded(name, address);
            verified.put(remembered, clock.instant().plus(REMEMBER));
            return identity(name, user);
        }).onTermination().invoke(() -> {
            checking.remove(address);
            permits.release();
        }).memoize().indefinitely();
    }

    /**
     * Another check from the address is under way. With the same credentials (a client's parallel requests): once it
     * is done, this request is answered as if it came after it (remembered, or counted as a failure), on its own
     * request's context. With others: refused unchecked.
     */
    private Uni<SecurityIdentity> waitOrRefuse(Check running, String remembered, RoutingContext http, Context own,
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!running.credentials().equals(remembered)) {
            return refused(http, 1, "another sign-in from this address is being checked");
        }
        return running.result().onItemOrFailure().transform((identity, failure) -> true)
                .emitOn(task -> {
                    if (own == null) {
                        task.run();
                    } else {
                        own.runOnContext(resume -> task.run());
                    }
                }).flatMap(done -> authenticate(request, context));
    }

    /**
     * Refused without a check: 401 with {@code Retry-After}. An address that keeps asking while refused (a guesser,
     * or a flood of sign-ins while checks run) has its later refusals answered late ({@link HeldRefusals}).
     */
    private Uni<SecurityIdentity> refused(RoutingContext http, long retryAfterSeconds, String why) {
        AuthenticationFailedException failure = new AuthenticationFailedException(why);
        if (http == null) {
            return Uni.createFrom().failure(failure);
        }
        http.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        return held.fail(AddressKey.of(ClientAddress.of(http.request())), http.response(), failure);
    }

    private static SecurityIdentity identity(String name, UsersConfig.User user) {
        Set<String> roles = new HashSet<>(user.roles());
        Set<String> all = Identities.implied(roles);
        return Identities.of(name, Identities.endpointFor(name, all), all);
    }

    private static String fingerprint(String name, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
