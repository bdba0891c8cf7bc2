package io.parley.api;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Parley's own pages may do in a browser, as response headers. Every page: scripts, styles, fonts and
 * images from this origin only (no inline script, no event-handler attributes, no {@code eval}); connections
 * to this origin over HTTP and WebSocket; media from it and from blobs (voice); nothing sniffed. The console
 * is never framed (its preview frames the pages of the origins page push may show); the landing page and the
 * demo shop are framed by this origin only (the console's preview); the join page (its URL is its credential)
 * is never framed and sends no referrer. Pure.
 */
public final class PagePolicy {

    /** Which of Parley's pages a path is: the headers differ. */
    public enum Page {
        CONSOLE,
        /** The landing page and the demo shop. */
        SITE
    }

    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-:\\[\\]]+");

    private PagePolicy() {
    }

    /** The page a static path serves, if it is one of Parley's pages (scripts, styles and the API are not). */
    public static Optional<Page> pageAt(String path) {
        if (path == null) {
            return Optional.empty();
        }
        boolean html = path.endsWith("/") || path.endsWith(".html");
        if (html && path.startsWith("/console/")) {
            return Optional.of(Page.CONSOLE);
        }
        if (html && (path.equals("/") || path.equals("/index.html") || path.startsWith("/demo/"))) {
            return Optional.of(Page.SITE);
        }
        return Optional.empty();
    }

    /**
     * The headers of {@code page}: {@code base} is the public URL (its WebSocket origin may be connected to),
     * {@code pushOrigins} the origins page push may show (the console's preview frames them; {@code self} is
     * this origin, as {@code 'self'} is always there; anything that is not a plain http(s) origin is left out).
     */
    public static Map<String, String> headers(Page page, URI base, Collection<String> pushOrigins) {
        return switch (page) {
            case CONSOLE -> Map.of("Content-Security-Policy", contentSecurityPolicy(base, "'none'",
                    frameSources(pushOrigins)), "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");
            case SITE -> Map.of("Content-Security-Policy", contentSecurityPolicy(base, "'self'", null),
                    "X-Frame-Options", "SAMEORIGIN");
        };
    }

    /**
     * The policy every page shares; {@code frameAncestors} who may frame it, {@code frameSources} what it may
     * frame (null: nothing).
     */
    public static String contentSecurityPolicy(URI base, String frameAncestors, String frameSources) {
        String authority = base.getRawAuthority();
        String sockets = authority != null && AUTHORITY.matcher(authority).matches()
                ? " " + ("https".equals(base.getScheme()) ? "wss://" : "ws://") + authority : "";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'" + sockets + "; media-src 'self' blob:; base-uri 'none'; form-action 'self'; "
                + (frameSources == null ? "" : "frame-src " + frameSources + "; ")
                + "frame-ancestors " + frameAncestors;
    }

    private static String frameSources(Collection<String> pushOrigins) {
        Set<String> sources = new LinkedHashSet<>();
        sources.add("'self'");
        // "self" is 'self', already there; a value that is not an origin never reaches the header.
        pushOrigins.stream().map(String::trim).filter(origin -> ORIGIN.matcher(origin).matches())
                .forEach(sources::add);
        return String.join(" ", sources);
    }
}
