package io.parley.pagepush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NavigationRuleTest {

    private static final List<String> SHOP = List.of("https://shop.example.com", "http://localhost:8080");

    @Test
    void pagesOfAnAllowedOriginMayBePushed() {
        assertThat(NavigationRule.refusal("https://shop.example.com/cart?item=3#top", SHOP)).isEmpty();
        assertThat(NavigationRule.refusal("https://SHOP.example.com:443/", SHOP)).isEmpty();
        assertThat(NavigationRule.refusal("http://localhost:8080/demo/", SHOP)).isEmpty();
    }

    @Test
    void everythingElseIsRefusedWithAReason() {
        assertThat(NavigationRule.refusal("javascript:alert(1)", SHOP)).get().asString().contains("'javascript:'");
        assertThat(NavigationRule.refusal("JavaScript:alert(1)", SHOP)).isPresent();
        assertThat(NavigationRule.refusal("data:text/html,<script>x</script>", SHOP)).isPresent();
        assertThat(NavigationRule.refusal("https://evil.example.net/", SHOP)).get().asString()
                .contains("origin https://evil.example.net is not allowed");
        assertThat(NavigationRule.refusal("https://shop.example.com.evil.net/", SHOP)).isPresent();
        assertThat(NavigationRule.refusal("https://user:pw@shop.example.com/", SHOP)).isPresent();
        assertThat(NavigationRule.refusal("http://localhost:9090/", SHOP)).isPresent();
        assertThat(NavigationRule.refusal("/relative/path", SHOP)).isPresent();
        assertThat(NavigationRule.refusal("https://shop.example.com/" + "a".repeat(3000), SHOP)).isPresent();
        assertThat(NavigationRule.refusal("https://shop.example.com/", List.of())).isPresent();
    }

    @Test
    void selfStandsForTheOriginParleyIsReachedAt() {
        List<String> self = List.of(NavigationRule.SELF);
        assertThat(NavigationRule.refusal("http://localhost:8081/demo/cart.html", self, "http://localhost:8081/"))
                .isEmpty();
        assertThat(NavigationRule.refusal("http://localhost:8080/demo/", self, "http://localhost:8081/")).isPresent();
        assertThat(NavigationRule.refusal("http://localhost:8081/demo/", self)).isPresent();
    }
}
