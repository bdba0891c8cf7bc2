package io.parley.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.parley.routing.SkillRequirement;

/** What a service would do for each kind of request, read off its real behaviour. */
class ServicePreviewTest {

    private static Map<String, ServicePreview.Row> preview(ServiceDefinition definition, Behaviour behaviour) {
        return ServicePreview.of(definition, behaviour).stream()
                .collect(Collectors.toMap(ServicePreview.Row::request, Function.identity()));
    }

    @Test
    void aRoutedServiceQueuesCustomersAndFollowsItsAllowRules() {
        ServiceDefinition sales = Scenario.definition("sales", "routed", new ServiceDefinition.Allow(true, false,
                false), 3, Map.of("billing", new SkillRequirement(Map.of("billing", 5))));
        Map<String, ServicePreview.Row> rows = preview(sales, new RoutedBehaviour(sales));
        assertThat(rows.get("a customer asks (billing)").allowed()).isTrue();
        assertThat(rows.get("a customer asks without a subject").outcome()).startsWith("subject-required");
        assertThat(rows.get("someone not invited joins by id").outcome()).startsWith("not-invited");
        assertThat(rows.get("the customer invites another endpoint").outcome())
                .startsWith("customer-invites-not-allowed");
        assertThat(rows.get("the CSR conferences in a named CSR").allowed()).isTrue();
        assertThat(rows.get("the CSR transfers to a named CSR").outcome()).startsWith("transfer-not-allowed");
        assertThat(rows.get("the customer leaves").outcome()).isEqualTo("the session ends (customer left)");
        assertThat(rows.get("the CSR leaves").outcome()).isEqualTo("the session waits for a CSR");
        assertThat(ServicePreview.of(sales, new RoutedBehaviour(sales))).extracting(ServicePreview.Row::request)
                .hasSize(14);
    }

    @Test
    void aDirectServiceNeedsANamedEndpoint() {
        ServiceDefinition callback = Scenario.definition("callback", "direct", Scenario.allowAll(), 3, Map.of());
        Map<String, ServicePreview.Row> rows = preview(callback, new DirectBehaviour(callback));
        assertThat(rows.get("a customer asks").outcome()).startsWith("endpoint-required");
        assertThat(rows.get("a customer asks for a named CSR").allowed()).isTrue();
        assertThat(rows.get("the CSR leaves").outcome()).isEqualTo("the session ends (the other side left)");
        assertThat(List.copyOf(rows.keySet())).doesNotContainNull();
    }
}
