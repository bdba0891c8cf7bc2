package io.parley.api;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import io.parley.api.ServiceResource.ServiceView;
import io.parley.transport.ConnectionDetails;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The page an invited customer opens from its join link: a fixed HTML shell that loads the join-page
 * client, and the data it starts from as a JSON script element. Pure: the text in, the page out.
 */
// Native image: the page's data is written by Jackson into the HTML, outside REST return values.
@RegisterForReflection(targets = {JoinPage.Data.class, Joining.class, ConnectionDetails.class,
        ServiceView.class})
public final class JoinPage {

    public static final String HTML = "text/html;charset=UTF-8";

    private JoinPage() {
    }

    /**
     * What the page's client starts from: the HTTP base, the service (as {@code GET /api/services/{id}}
     * answers it) and the customer's joining (as a join answers it, with the visitor token).
     */
    public record Data(String base, ServiceView service, Joining joining) {
    }

    /** The join page: {@code json} is {@link Data} as JSON; it is escaped here, as is the service name. */
    public static String html(String serviceName, String json) {
        String name = escapeHtml(serviceName);
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<title>" + name + " — Parley</title><link rel=\"stylesheet\" href=\"/css/widget.css\"></head>\n"
                + "<body class=\"parley-join\">\n"
                + "<main id=\"parley-join-root\" aria-label=\"Conversation with " + name + "\"></main>\n"
                + "<script type=\"application/json\" id=\"parley-join\">" + scriptJson(json) + "</script>\n"
                + "<script type=\"module\" src=\"/js/widget/join-page.js\"></script>\n"
                + "</body></html>\n";
    }

    /** A page saying why the link does not open a conversation, with the stable code in it. */
    public static String error(String title, String message, String code) {
        String heading = escapeHtml(title);
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<title>" + heading + " — Parley</title><link rel=\"stylesheet\" href=\"/css/widget.css\"></head>\n"
                + "<body class=\"parley-join parley-join-error\" data-code=\"" + escapeHtml(code) + "\">\n"
                + "<main id=\"parley-join-root\"><h1>" + heading + "</h1>\n<p>" + escapeHtml(message) + "</p>\n"
                + "<p class=\"parley-join-code\">Code: <code>" + escapeHtml(code) + "</code></p></main>\n"
                + "</body></html>\n";
    }

    /**
     * JSON made safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} (which JSON
     * only has inside strings) become {@code \\u003c}, {@code \\u003e} and {@code \\u0026}, so neither
     * {@code </script>} nor {@code <!--} can appear; U+2028 and U+2029 are escaped too.
     */
    public static String scriptJson(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text made safe in HTML content and in double- or single-quoted attributes. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Scripts, styles, fonts and images from this origin only; connections to it over HTTP and WebSocket;
     * media from it and from blobs (recorded or received audio); no inline script, no framing.
     */
    public static String contentSecurityPolicy(URI base) {
        return PagePolicy.contentSecurityPolicy(base, "'none'", null);
    }

    /** The headers every answer of the join page carries: the token is in its URL, so nothing keeps it. */
    static Response.ResponseBuilder headers(Response.ResponseBuilder response, URI base) {
        return response.header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", contentSecurityPolicy(base));
    }
}
