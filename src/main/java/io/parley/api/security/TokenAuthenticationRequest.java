package io.parley.api.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token presented on a REST request (a visitor's or an agent's endpoint token). */
public class TokenAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    public TokenAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
