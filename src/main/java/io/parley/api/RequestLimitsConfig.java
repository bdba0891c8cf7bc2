package io.parley.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.parley.limits.TokenBucket;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on what callers without an account may start, and on password guesses ({@code parley.limits.requests}).
 * Over a limit the answer is {@code 429} with {@code Retry-After}. The client address is the connection's remote
 * address (an IPv6 one counted by its /64); behind a proxy or load balancer set
 * {@code quarkus.http.proxy.proxy-address-forwarding} (with {@code allow-x-forwarded} and {@code trusted-proxies})
 * so that it is the client the proxy names, and only then: otherwise any client could name itself in
 * {@code X-Forwarded-For}.
 */
@ConfigMapping(prefix = "parley.limits.requests")
public interface RequestLimitsConfig {

    /** Session starts ({@code POST /api/sessions}) by anonymous callers and visitors from one address per window. */
    @WithDefault("30")
    int startsPerAddress();

    /**
     * Of {@code starts-per-address}, how many may come at once: the rest come back evenly over the window. A burst
     * of starts is the costliest thing an address without an account can ask for (each is a session, a place in a
     * queue and offers to agents), so a flood gets this many at once and then its rate, not its whole window's.
     */
    @WithDefault("10")
    int startsPerAddressAtOnce();

    /** Session starts by one visitor (its visitor token) per window. */
    @WithDefault("10")
    int startsPerVisitor();

    /** The window the start rates are counted over: a caller may burst its whole rate, then gets it back evenly. */
    @WithDefault("1m")
    Duration window();

    /**
     * How long a start refused because its address used up its starts (and its {@code refusals-answered-at-once})
     * waits before it is answered. A flood tool
     * keeps a few requests in flight and sends the next when one is answered: held, its requests come a few a second
     * instead of thousands, and the server's core stays with the conversations it carries. The wait takes a timer,
     * not a thread; a customer behind the same address learns of the refusal this much later.
     */
    @WithDefault("1s")
    Duration refusalDelay();

    /**
     * Refusals of one address answered at once per window before its refusals are held ({@code refusal-delay}): a
     * customer behind a busy address hears at once, a tool that keeps asking is slowed.
     */
    @WithDefault("3")
    int refusalsAnsweredAtOnce();

    /**
     * Refusals held at once on a replica; past it a refusal is answered at once and its connection closed, so held
     * answers never pile up in memory.
     */
    @WithDefault("2000")
    int refusalsHeld();

    /** Open sessions (waiting or active) one visitor may be a customer in at once; the next start is refused. */
    @WithDefault("5")
    int openSessionsPerVisitor();

    /** Failed password sign-ins for one user from one address per sign-in window; more are refused unchecked. */
    @WithDefault("5")
    int signInFailuresPerUser();

    /** Failed password sign-ins from one address, whatever the user names, per sign-in window. */
    @WithDefault("20")
    int signInFailuresPerAddress();

    /** The window sign-in failures are counted over. */
    @WithDefault("1m")
    Duration signInWindow();

    /**
     * Password checks (PBKDF2: a few hundred milliseconds of a core each) running at once on a replica, whoever asks;
     * a sign-in that would start one more is refused unchecked ({@code 401}, {@code Retry-After: 1}). It bounds what
     * guesses from many addresses at once take from everyone else; a verified password is remembered, so only a
     * first sign-in (or a wrong one) waits its turn.
     */
    @WithDefault("1")
    int signInChecksAtOnce();

    /**
     * Password checks a replica runs, all together, for addresses that have failed as many sign-ins in the window as
     * one user may ({@code sign-in-failures-per-user}): past it, their sign-ins are refused unchecked with
     * {@code Retry-After}. A guesser gets a few checks, then shares this slow lane with every other guesser, so a
     * flood of guesses takes a few percent of a core instead of all of it; an address without failures (an office
     * where agents sign in at the start of a shift), and a password remembered as verified, never wait for it.
     */
    @WithDefault("6/m burst 3")
    TokenBucket.Rate signInChecksAfterFailures();

    /** Addresses (or visitors, or users at an address) remembered per limit; beyond, the least recent is forgotten. */
    @WithDefault("100000")
    int maxTracked();

    /** Client addresses whose session starts are not limited per address (your monitoring or load generator). */
    Optional<List<String>> exemptAddresses();
}
