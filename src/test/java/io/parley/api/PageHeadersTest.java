package io.parley.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every page Parley serves carries its Content-Security-Policy (this origin's scripts only, no inline script, its
 * WebSocket origin), is never sniffed, and is framed only as it should be: the console and the join page by
 * nobody, the landing page and the demo shop by this origin (the console's preview) only.
 */
@QuarkusTest
class PageHeadersTest {

    private static final List<String> CONSOLE = List.of("/console/", "/console/index.html");
    private static final List<String> SITE = List.of("/", "/index.html", "/demo/", "/demo/index.html",
            "/demo/cart.html", "/demo/delivery.html", "/demo/espresso.html", "/demo/grinders.html");

    private static Response page(String path) {
        Response response = given().get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.contentType()).as(path).startsWith("text/html");
        assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        String policy = response.header("Content-Security-Policy");
        assertThat(policy).as(path).contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                "connect-src 'self' ws://localhost:", "media-src 'self' blob:", "base-uri 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        return response;
    }

    @Test
    void theConsoleIsNeverFramedAndFramesOnlyThePagesPagePushMayShow() {
        for (String path : CONSOLE) {
            Response console = page(path);
            assertThat(console.header("Content-Security-Policy")).as(path)
                    .endsWith("frame-ancestors 'none'").contains("frame-src 'self';");
            assertThat(console.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(console.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @Test
    void theLandingPageAndTheDemoShopAreFramedByThisOriginOnly() {
        for (String path : SITE) {
            Response site = page(path);
            assertThat(site.header("Content-Security-Policy")).as(path).endsWith("frame-ancestors 'self'")
                    .doesNotContain("frame-src");
            assertThat(site.header("X-Frame-Options")).as(path).isEqualTo("SAMEORIGIN");
        }
    }

    @Test
    void theJoinPageKeepsItsOwnHeadersEvenWhenItsLinkIsBad() {
        Response join = given().get("/join/not-a-token");
        assertThat(join.header("Content-Security-Policy")).endsWith("frame-ancestors 'none'");
        assertThat(join.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(join.headers().getValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void scriptsAndApiAnswersAreNotSniffedAndCarryNoPagePolicy() {
        for (String path : List.of("/widget.js", "/js/console/console-app.js", "/css/console.css",
                "/api/services")) {
            Response response = given().get(path);
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Content-Security-Policy")).as(path).isNull();
        }
    }

    @Test
    void pagePushOriginsThatAreNotPlainOriginsNeverReachTheConsolesPolicy() {
        Map<String, String> headers = PagePolicy.headers(PagePolicy.Page.CONSOLE,
                URI.create("https://cc.example.com/"), List.of("self", "https://shop.example.com",
                        "https://evil.example.com; script-src *", "javascript:alert(1)", " http://a.example:8080 "));
        assertThat(headers.get("Content-Security-Policy"))
                .contains("connect-src 'self' wss://cc.example.com;",
                        "frame-src 'self' https://shop.example.com http://a.example:8080;")
                .doesNotContain("evil", "javascript", "script-src *");
    }
}
