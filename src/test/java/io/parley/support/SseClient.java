package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A follower of {@code GET /api/stream} as a client sees it: its events, in order, parsed as they arrive. */
public final class SseClient implements AutoCloseable {

    /** One event: its id (or null), name and data (JSON), or a comment. */
    public record Event(String id, String name, JsonNode data, String comment) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;
    public final int status;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Follows the stream at {@code baseUrl} as {@code user}, resuming after {@code lastEventId} when not null. */
    public static SseClient follow(String baseUrl, String user, String lastEventId) {
        return follow(baseUrl, "/api/stream", user, lastEventId);
    }

    /** As {@link #follow(String, String, String)}, the stream at {@code path}. */
    public static SseClient follow(String baseUrl, String path, String user, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Parley.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, JSON.readTree(data.toString()), null));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // Closed.
        }
    }

    /** The next event that matches, waiting up to ten seconds; those before it are passed over and returned too. */
    public List<Event> awaitUntil(Predicate<Event> wanted) {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (true) {
                Event next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(next).as("an event that matches, after %s", seen).isNotNull();
                seen.add(next);
                if (wanted.test(next)) {
                    return seen;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The session event of type {@code type} for {@code sessionId}, and every event before it. */
    public List<Event> awaitSession(String sessionId, String type) {
        return awaitUntil(event -> "session".equals(event.name()) && sessionId.equals(event.data().path("session")
                .asText()) && type.equals(event.data().path("type").asText()));
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        reader.interrupt();
    }
}
