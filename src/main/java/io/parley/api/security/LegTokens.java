package io.parley.api.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.api.HeldRefusals;
import io.parley.limits.AddressKey;
import io.parley.session.Channel;
import io.parley.transport.ConnectionDetails;
import io.parley.transport.EndpointGrant;
import io.parley.transport.LegGrant;
import io.parley.transport.RevocationList;
import io.parley.transport.TokenKind;
import io.parley.transport.TokenService;
import io.parley.transport.Verification;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Checks every WebSocket upgrade before it happens. A session channel
 * ({@code /ws/sessions/{sessionId}/legs/{legId}/{channel}}) opens only with a leg token for exactly that
 * session, leg and channel; {@code /ws/endpoint} only with an agent's endpoint token. The token comes as
 * the subprotocol {@code parley.token.<token>} (browsers) or {@code Authorization: Bearer} (other
 * clients); missing, forged, expired or revoked (an agent signed out or removed) → 401, another session's,
 * leg's or channel's → 403.
 */
@ApplicationScoped
public class LegTokens implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(LegTokens.class);

    private static final String SESSIONS = "/ws/sessions/";
    private static final String ENDPOINT = "/ws/endpoint";

    private final TokenService tokens;
    private final RevocationList revocations;
    private final HeldRefusals held;

    public LegTokens(TokenService tokens, RevocationList revocations, HeldRefusals held) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.held = held;
    }

    /** The decision for one upgrade: permitted, or refused with a status and a stable code. */
    public record Decision(boolean permitted, int status, String code) {
        static final Decision PERMIT = new Decision(true, 101, "ok");

        static Decision refuse(int status, String code) {
            return new Decision(false, status, code);
        }
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var request = context.httpRequest();
        Decision decision = decide(request.path(), request.headers().getAll("Sec-WebSocket-Protocol"),
                request.getHeader("Authorization"));
        if (decision.permitted()) {
            return CheckResult.permitUpgrade();
        }
        LOG.debugf("Upgrade to %s refused: %d %s", request.path(), decision.status(), decision.code());
        // A client that keeps upgrading with a token that opens nothing: past its first refusals, answered late.
        return held.answer(AddressKey.of(ClientAddress.of(request)), request.response(),
                CheckResult.rejectUpgradeSync(decision.status()));
    }

    /**
     * Pure: the decision for a path and the token-carrying headers. The path must be spelled the one way
     * the router reads it: a percent-encoded letter, a doubled slash or a dot segment could otherwise reach
     * a channel by a path this check does not recognise.
     */
    public Decision decide(String path, List<String> subprotocolHeaders, String authorization) {
        if (!CanonicalPath.isCanonical(path)) {
            return Decision.refuse(400, "path-not-canonical");
        }
        Optional<String> token = token(subprotocolHeaders, authorization);
        if (path.equals(ENDPOINT)) {
            if (token.isEmpty()) {
                return Decision.refuse(401, "token-missing");
            }
            return switch (tokens.verifyEndpoint(token.get(), TokenKind.ENDPOINT)) {
                case Verification.Verified<EndpointGrant> verified when revocations.refuses(verified.grant()) ->
                    Decision.refuse(401, "token-revoked");
                case Verification.Verified<EndpointGrant> verified -> verified.grant().endpoint().isCsr()
                        ? Decision.PERMIT : Decision.refuse(403, "agents-only");
                case Verification.Rejected<EndpointGrant> rejected -> Decision.refuse(
                        rejected.code().equals("token-wrong-type") ? 403 : 401, rejected.code());
            };
        }
        if (!path.startsWith(SESSIONS)) {
            return Decision.PERMIT;
        }
        String[] parts = path.substring(SESSIONS.length()).split("/");
        if (parts.length != 4 || !parts[1].equals("legs")) {
            return Decision.refuse(404, "no-such-channel");
        }
        if (token.isEmpty()) {
            return Decision.refuse(401, "token-missing");
        }
        return switch (tokens.verifyLeg(token.get())) {
            case Verification.Rejected<LegGrant> rejected -> Decision.refuse(
                    rejected.code().equals("token-wrong-type") ? 403 : 401, rejected.code());
            case Verification.Verified<LegGrant> verified -> {
                LegGrant grant = verified.grant();
                if (revocations.isRemoved(grant.endpoint())) {
                    // An agent taken out of the directory: its legs are ended, and its leg tokens open nothing.
                    yield Decision.refuse(401, "token-revoked");
                }
                if (!grant.sessionId().equals(parts[0])) {
                    yield Decision.refuse(403, "token-for-another-session");
                }
                if (!grant.legId().equals(parts[2])) {
                    yield Decision.refuse(403, "token-for-another-leg");
                }
                boolean channelGranted;
                try {
                    channelGranted = grant.channels().contains(Channel.fromWire(parts[3]));
                } catch (IllegalArgumentException e) {
                    channelGranted = false;
                }
                yield channelGranted ? Decision.PERMIT : Decision.refuse(403, "channel-not-granted");
            }
        };
    }

    /** The leg grant of an accepted connection (the upgrade check has already verified it). */
    public Optional<LegGrant> grantFrom(HandshakeRequest handshake) {
        return token(handshake.headers(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL), handshake.header("Authorization"))
                .flatMap(token -> tokens.verifyLeg(token).granted())
                .filter(grant -> !revocations.isRemoved(grant.endpoint()));
    }

    /** The endpoint grant of an accepted {@code /ws/endpoint} connection. */
    public Optional<EndpointGrant> endpointGrantFrom(HandshakeRequest handshake) {
        return token(handshake.headers(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL), handshake.header("Authorization"))
                .flatMap(this::endpointGrant);
    }

    /**
     * The grant of an endpoint token presented in a frame (a console renewing its standing channel); empty when
     * it does not verify or has been revoked.
     */
    public Optional<EndpointGrant> endpointGrant(String token) {
        return token == null ? Optional.empty()
                : tokens.verifyEndpoint(token, TokenKind.ENDPOINT).granted()
                        .filter(grant -> !revocations.refuses(grant));
    }

    static Optional<String> token(List<String> subprotocolHeaders, String authorization) {
        if (subprotocolHeaders != null) {
            Optional<String> offered = subprotocolHeaders.stream()
                    .flatMap(header -> Arrays.stream(header.split(",")))
                    .map(String::trim)
                    .filter(protocol -> protocol.startsWith(ConnectionDetails.TOKEN_SUBPROTOCOL_PREFIX))
                    .map(protocol -> protocol.substring(ConnectionDetails.TOKEN_SUBPROTOCOL_PREFIX.length()))
                    .findFirst();
            if (offered.isPresent()) {
                return offered;
            }
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }
}
