package io.parley.pagepush;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which pages a follow-me page push may take the other side to: absolute http(s) URLs whose origin is
 * one of the service's allowed origins. Anything else ({@code javascript:}, {@code data:}, another
 * origin, credentials in the URL) is refused and never reaches the other side. The allowed origin
 * {@value #SELF} stands for Parley's own origin (its demo pages, its join page). Pure.
 */
public final class NavigationRule {

    public static final int MAX_URL = 2048;
    /** The allowed origin that means "the origin this Parley server is reached at". */
    public static final String SELF = "self";

    private NavigationRule() {
    }

    /** Why the URL may not be pushed, or empty when it may. */
    public static Optional<String> refusal(String url, List<String> allowedOrigins) {
        return refusal(url, allowedOrigins, null);
    }

    /** As {@link #refusal(String, List)}, with {@code self} the origin {@value #SELF} stands for (or null). */
    public static Optional<String> refusal(String url, List<String> allowedOrigins, String self) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            return Optional.of("a URL of 1 to " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("only http and https pages can be pushed, not '" + scheme + ":'");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("URLs with credentials are never pushed");
        }
        if (uri.getHost() == null) {
            return Optional.of("the URL needs a host");
        }
        String origin = origin(uri);
        boolean allowed = allowedOrigins.stream()
                .map(configured -> SELF.equals(configured) && self != null ? self : configured)
                .map(NavigationRule::normalize).anyMatch(origin::equals);
        return allowed ? Optional.empty() : Optional.of("origin " + origin + " is not allowed for this service");
    }

    private static String normalize(String configured) {
        try {
            return origin(new URI(configured.trim()));
        } catch (URISyntaxException | NullPointerException e) {
            return configured;
        }
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443
                || scheme.equals("http") && port == 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
