package io.parley.api.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.api.HeldRefusals;
import io.parley.limits.TokenBuckets;
import io.parley.session.Channel;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Refuses the upgrade of a leg's channel whose last connection was closed for its rate until that rate gives it a
 * frame again ({@link ConnectionLimits#untilReconnect}): {@code 429} with {@code Retry-After}, paced by
 * {@link HeldRefusals}. A flooder that reconnects the moment it is closed would otherwise open a connection and be
 * refused at its first frame, many times a second; a browser reconnects after its back-off and gets in.
 */
@ApplicationScoped
public class ReconnectGate implements HttpUpgradeCheck {

    private static final String SESSIONS = "/ws/sessions/";

    private final ConnectionLimits limits;
    private final HeldRefusals held;

    public ReconnectGate(ConnectionLimits limits, HeldRefusals held) {
        this.limits = limits;
        this.held = held;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String path = context.httpRequest().path();
        if (!path.startsWith(SESSIONS)) {
            return CheckResult.permitUpgrade();
        }
        String[] parts = path.substring(SESSIONS.length()).split("/");
        if (parts.length != 4 || !parts[1].equals("legs")) {
            return CheckResult.permitUpgrade();
        }
        Channel channel;
        try {
            channel = Channel.fromWire(parts[3]);
        } catch (IllegalArgumentException e) {
            return CheckResult.permitUpgrade();
        }
        Duration wait = limits.untilReconnect(parts[2], channel);
        if (wait.isZero()) {
            return CheckResult.permitUpgrade();
        }
        CheckResult refused = CheckResult.rejectUpgradeSync(429,
                Map.of("Retry-After", List.of(Long.toString(TokenBuckets.Admission.retryAfterSeconds(wait)))));
        return held.answer("leg:" + parts[2], context.httpRequest().response(), refused);
    }
}
