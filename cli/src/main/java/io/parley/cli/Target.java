package io.parley.cli;

import java.net.URI;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where Parley is and who is asking: the options every command that talks to the service takes. */
public final class Target {

    @Option(scope = ScopeType.INHERIT, names = "--server", paramLabel = "URL",
            defaultValue = "${env:PARLEY_URL:-http://localhost:8080}",
            description = "Parley's address (default: $PARLEY_URL or ${DEFAULT-VALUE})")
    URI server;

    @Option(scope = ScopeType.INHERIT, names = {"-u", "--user"}, paramLabel = "NAME",
            defaultValue = "${env:PARLEY_USER}",
            description = "User name for HTTP Basic (default: $PARLEY_USER)")
    String user;

    @Option(scope = ScopeType.INHERIT, names = {"-p", "--password"}, paramLabel = "SECRET",
            defaultValue = "${env:PARLEY_PASSWORD}",
            description = "Password for HTTP Basic (default: $PARLEY_PASSWORD)")
    String password;

    @Option(scope = ScopeType.INHERIT, names = "--token", paramLabel = "TOKEN", defaultValue = "${env:PARLEY_TOKEN}",
            description = "A bearer token instead of a user and password (default: $PARLEY_TOKEN)")
    String token;

    @Option(scope = ScopeType.INHERIT, names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    Output.Format output;

    public ParleyClient client() {
        String authorization = token != null && !token.isBlank() ? "Bearer " + token
                : user != null ? ParleyClient.basic(user, password == null ? "" : password) : null;
        URI base = server.toString().endsWith("/") ? server : URI.create(server + "/");
        return new ParleyClient(base, authorization);
    }

    public Output.Format format() {
        return output;
    }
}
