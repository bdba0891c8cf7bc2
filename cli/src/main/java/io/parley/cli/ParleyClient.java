package io.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Parley's REST API as the CLI uses it: JSON in and out, credentials on every request, a refusal as
 * {@link Refused} with the service's stable code, an unreachable server as {@link Unreachable}. Every POST
 * carries an {@code Idempotency-Key}: this invocation's UUID and the POST's number in it, so that a POST
 * tried again (once, after no answer or a {@code 502}/{@code 503}) is answered what the first was, never done
 * twice.
 */
public final class ParleyClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The next page in a {@code Link} header: {@code <url>; rel="next"}. */
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*?\\brel=\"?next\"?");

    private final URI server;
    private final String authorization;
    private final HttpClient http;
    private final String invocation = UUID.randomUUID().toString();
    private int posts;

    public ParleyClient(URI server, String authorization) {
        this.server = server;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI server() {
        return server;
    }

    public String authorization() {
        return authorization;
    }

    public JsonNode get(String path, Object... parts) {
        return send("GET", path(path, parts), null, null);
    }

    /**
     * A list the service answers a page at a time: the items of every page, following each page's link to the
     * next ({@code Link: <…>; rel="next"}, RFC 8288) until a page has none. A link is followed by its path and
     * query on this client's server, so credentials never go to another host.
     */
    public JsonNode getAll(String path, Object... parts) {
        ArrayNode all = JSON.createArrayNode();
        URI page = server.resolve(path(path, parts));
        while (page != null) {
            Answer answer = exchange("GET", page, null, null);
            answer.json().forEach(all::add);
            URI next = answer.next().map(this::onServer).orElse(null);
            page = next == null || next.equals(page) ? null : next;
        }
        return all;
    }

    /** A link's path and query on this client's server. */
    private URI onServer(String link) {
        URI target = URI.create(link);
        return server.resolve(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }

    public JsonNode post(String path, Object body, Object... parts) {
        String key = invocation + "-" + ++posts;
        try {
            return send("POST", path(path, parts), body, key);
        } catch (Unreachable | Refused e) {
            if (e instanceof Refused refused && refused.status() != 502 && refused.status() != 503) {
                throw e;
            }
            return send("POST", path(path, parts), body, key);
        }
    }

    /** Posts text as it is, e.g. a YAML configuration. */
    public JsonNode postText(String path, String contentType, String text) {
        return send("POST", path, new RawBody(contentType, text), null);
    }

    private record RawBody(String contentType, String text) {
    }

    public JsonNode put(String path, Object body, Object... parts) {
        return send("PUT", path(path, parts), body, null);
    }

    public JsonNode delete(String path, Object... parts) {
        return send("DELETE", path(path, parts), null, null);
    }

    /**
     * Opens a stream of Server-Sent Events ({@code Accept: text/event-stream}) at {@code path}, resuming after
     * {@code lastEventId} when there is one: its body as it comes, to be closed by the caller. A server that sends
     * nothing within {@code firstWithin} is unreachable; refusals as for every other request.
     */
    public InputStream events(String path, String lastEventId, Duration firstWithin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(firstWithin)
                .header("Accept", "text/event-stream");
        if (lastEventId != null && !lastEventId.isBlank()) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                try (InputStream body = response.body()) {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    throw Refused.of(response.statusCode(), text.isBlank() ? JSON.nullNode() : parse(text));
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new Unreachable(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(server, e);
        }
    }

    /** A query string from the non-null values. */
    public static String query(Map<String, String> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((key, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(key).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** A JSON body from pairs, leaving out null values. */
    public static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                body.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return body;
    }

    private static String path(String template, Object... parts) {
        String path = template;
        for (Object part : parts) {
            path = path.replaceFirst("\\{[^}]+}", URLEncoder.encode(String.valueOf(part), StandardCharsets.UTF_8)
                    .replace("%3A", ":"));
        }
        return path;
    }

    private JsonNode send(String method, String path, Object body, String idempotencyKey) {
        return exchange(method, server.resolve(path), body, idempotencyKey).json();
    }

    /** An answer: its JSON, and the link to the next page when it is one page of several. */
    private record Answer(JsonNode json, Optional<String> next) {
    }

    private Answer exchange(String method, URI uri, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpRequest.BodyPublisher publisher;
            if (body instanceof RawBody raw) {
                publisher = HttpRequest.BodyPublishers.ofString(raw.text());
                request.header("Content-Type", raw.contentType());
            } else if (body != null) {
                publisher = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
                request.header("Content-Type", "application/json");
            } else {
                publisher = HttpRequest.BodyPublishers.noBody();
            }
            HttpResponse<String> response = http.send(request.method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : parse(response.body());
            if (response.statusCode() >= 400) {
                throw Refused.of(response.statusCode(), json);
            }
            return new Answer(json, response.headers().allValues("Link").stream().map(NEXT::matcher)
                    .filter(Matcher::find).map(found -> found.group(1)).findFirst());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new Unreachable(server, e);
        } catch (IOException e) {
            throw new Unreachable(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(server, e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** HTTP Basic credentials as a header value. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The service refused the request: its stable code and its sentence. Exit code 1. */
    public static final class Refused extends RuntimeException {

        private final int status;
        private final String code;

        Refused(int status, String code, String detail) {
            super(detail);
            this.status = status;
            this.code = code;
        }

        static Refused of(int status, JsonNode problem) {
            String code = problem.path("code").asText(status == 401 ? "unauthenticated" : "http-" + status);
            String detail = problem.path("detail").asText(problem.path("title").asText(problem.isTextual()
                    ? problem.asText() : "HTTP " + status));
            return new Refused(status, code, detail);
        }

        /** The same refusal told in other words, e.g. what the user can do about it. */
        public Refused saying(String detail) {
            return new Refused(status, code, detail);
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /** The server could not be reached. Exit code 3. */
    public static final class Unreachable extends RuntimeException {

        Unreachable(URI server, Exception cause) {
            super("cannot reach Parley at " + server + ": " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        }
    }
}
