package io.parley.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.parley.service.ServiceCatalogue;
import io.parley.system.SystemConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts {@link PagePolicy}'s headers on Parley's pages (static files, served before this sees them) and
 * {@code X-Content-Type-Options: nosniff} on every answer. A header an answer already has (the join page sets
 * its own) is left as it is.
 */
@ApplicationScoped
public class PageHeaders {

    private final Map<PagePolicy.Page, Map<String, String>> headers;

    public PageHeaders(SystemConfig system, ServiceCatalogue catalogue) {
        URI base = system.publicUrl();
        List<String> pushOrigins = catalogue.all().stream().flatMap(service -> service.allowedOrigins().stream())
                .toList();
        this.headers = Map.of(PagePolicy.Page.CONSOLE, PagePolicy.headers(PagePolicy.Page.CONSOLE, base, pushOrigins),
                PagePolicy.Page.SITE, PagePolicy.headers(PagePolicy.Page.SITE, base, pushOrigins));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        Map<String, String> page = PagePolicy.pageAt(context.normalizedPath()).map(headers::get).orElse(Map.of());
        context.addHeadersEndHandler(ignored -> {
            MultiMap response = context.response().headers();
            setIfAbsent(response, "X-Content-Type-Options", "nosniff");
            page.forEach((name, value) -> setIfAbsent(response, name, value));
        });
        context.next();
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
