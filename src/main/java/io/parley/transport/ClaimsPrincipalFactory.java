package io.parley.transport;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * SmallRye JWT's parsing and checks, with a principal that looks a claim's kind up in a table. The library's own
 * asks {@link Claims#valueOf} and catches the exception for every claim that is not a standard one, and Parley's
 * tokens name theirs ({@code typ}, {@code sid}, {@code lid}, {@code ch}) on every socket that opens: four exceptions,
 * with their stack traces, per verification.
 */
final class ClaimsPrincipalFactory extends JWTCallerPrincipalFactory {

    private static final Map<String, Claims> STANDARD = Arrays.stream(Claims.values())
            .collect(Collectors.toUnmodifiableMap(Claims::name, Function.identity()));

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JwtContext parsed = parser.parse(token, context);
        String type = parsed.getJoseObjects().getFirst().getHeader("typ");
        return new Principal(type, parsed.getJwtClaims());
    }

    private static final class Principal extends DefaultJWTCallerPrincipal {

        Principal(String type, JwtClaims claims) {
            super(type, claims);
        }

        @Override
        protected Claims getClaimType(String claimName) {
            return STANDARD.getOrDefault(claimName, Claims.UNKNOWN);
        }
    }
}
