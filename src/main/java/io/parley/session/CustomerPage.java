package io.parley.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The page a customer started a conversation on, as the widget tells it: shown on the offer so that the agent
 * knows where the customer is before it says a word. The customer gives it by asking there (as every chat
 * product shows); what it sees later is page push's, with the customer's consent. Pure.
 *
 * @param url an http(s) address without credentials
 * @param title the page's title, or null
 */
public record CustomerPage(String url, String title) {

    /** The longest address kept. */
    public static final int URL_LIMIT = 2048;
    /** The longest title kept. */
    public static final int TITLE_LIMIT = 200;

    /**
     * The page as kept; null when no address is given.
     *
     * @throws IllegalArgumentException when the address is not http(s), holds credentials or is too long, or the
     *     title is too long or holds control characters
     */
    public static CustomerPage of(String url, String title) {
        String address = ShortText.of(url, "page.url", URL_LIMIT);
        if (address == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("page.url: not an address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("page.url: an http or https address");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("page.url: no credentials in the address");
        }
        return new CustomerPage(address, ShortText.of(title, "page.title", TITLE_LIMIT));
    }
}
