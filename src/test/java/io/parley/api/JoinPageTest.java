package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The join page's text: what a service name or a subject holds cannot break out of the page. */
class JoinPageTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonCannotCloseItsScriptElementOrOpenAComment() throws Exception {
        Map<String, String> hostile = Map.of("subject", "</script><script>alert(1)</script>", "note",
                "<!-- & \u2028 \u2029 </SCRIPT >");
        String escaped = JoinPage.scriptJson(json.writeValueAsString(hostile));
        assertThat(escaped).doesNotContain("<", ">", "&", "\u2028", "\u2029")
                .contains("\\u003c/script\\u003e", "\\u0026", "\\u2028");
        assertThat(json.readValue(escaped, Map.class)).as("still the same JSON").isEqualTo(hostile);
    }

    @Test
    void theServiceNameIsEscapedInTheTitleAndLabelAndTheDataInTheScript() {
        String page = JoinPage.html("Sales </title><script>x()</script> \"&'",
                "{\"service\":{\"name\":\"</script><img src=x>\"}}");
        assertThat(page).contains("<title>Sales &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &quot;&amp;&#39;"
                + " — Parley</title>", "aria-label=\"Conversation with Sales &lt;/title&gt;")
                .doesNotContain("<img", "x()</script>");
        assertThat(page.split("</script>", -1)).as("exactly the two script elements close").hasSize(3);
        assertThat(page.indexOf("<script type=\"application/json\" id=\"parley-join\">{\"service\":{\"name\":"
                + "\"\\u003c/script\\u003e\\u003cimg src=x\\u003e\"}}</script>")).isPositive();
    }

    @Test
    void anErrorPageCarriesItsCodeEscaped() {
        assertThat(JoinPage.error("This link has expired", "Ask for <a new> one.", "link-expired"))
                .contains("data-code=\"link-expired\"", "<code>link-expired</code>", "Ask for &lt;a new&gt; one.");
    }

    @Test
    void thePolicyAllowsThisOriginsScriptsAndSocketsAndBlobMediaOnly() {
        assertThat(JoinPage.contentSecurityPolicy(URI.create("https://cc.example.com/")))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self' wss://cc.example.com;",
                        "media-src 'self' blob:", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(JoinPage.contentSecurityPolicy(URI.create("http://localhost:8080/")))
                .contains("connect-src 'self' ws://localhost:8080;");
    }
}
