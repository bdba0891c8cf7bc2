package io.parley.api;

import java.net.URI;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.parley.api.SessionResource.ChatView;
import io.parley.api.ws.LimitsConfig;
import io.parley.chat.ChatMessage;
import io.parley.chat.TranscriptPage;
import io.parley.system.SystemConfig;

/**
 * The REST transcript a page at a time, bounded in bytes as chat {@code history} replies are
 * ({@code parley.limits.history-bytes}, and at least one message): the body is the page's messages, and a page
 * with more after it links to the next one ({@code Link: <…/transcript?after=<last seq>>; rel="next"}, RFC 8288),
 * built on {@code parley.system.public-url}. The last page has no such link.
 */
@ApplicationScoped
public class TranscriptPaging {

    private final LimitsConfig limits;
    private final SystemConfig system;
    private final ObjectWriter views;

    public TranscriptPaging(LimitsConfig limits, SystemConfig system, ObjectMapper json) {
        this.limits = limits;
        this.system = system;
        this.views = json.writerFor(ChatView.class);
    }

    /** The answer to a transcript request: as many of the messages read as the bound lets through. */
    Response answer(UUID sessionId, TranscriptPage<ChatMessage> read) {
        return answer("api/sessions/" + sessionId + "/transcript", read);
    }

    /** The same for a transcript read at {@code path} (relative to the public URL), which the next link repeats. */
    Response answer(String path, TranscriptPage<ChatMessage> read) {
        TranscriptPage<ChatView> page = read.bounded(message -> ChatView.of(message, false), this::bytes,
                limits.historyBytes().asLongValue());
        Response.ResponseBuilder answer = Response.ok(page.messages());
        if (page.more() && !page.messages().isEmpty()) {
            answer.link(next(path, page.messages().getLast().seq()), "next");
        }
        return answer.build();
    }

    private URI next(String path, long afterSeq) {
        String base = system.publicUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + path + "?after=" + afterSeq);
    }

    private long bytes(ChatView view) {
        try {
            return views.writeValueAsBytes(view).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + view, e);
        }
    }
}
