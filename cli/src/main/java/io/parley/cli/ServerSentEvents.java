package io.parley.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Server-Sent Events read from text as it arrives, in chunks cut anywhere (the WHATWG HTML "event stream
 * interpretation"): lines end with LF, CR or CRLF; {@code :} starts a comment; {@code data} lines of one event are
 * joined with LF; an event without {@code event} is a {@code message}; a blank line dispatches the event, unless
 * it had no data. The last {@code id} seen is kept for resuming, also when it came without data. Pure: no I/O.
 */
final class ServerSentEvents {

    /** One event: its name, its data, and the stream's last event id when it came (null: none yet). */
    record Event(String id, String name, String data) {
    }

    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String name;
    private boolean hasData;
    private String lastEventId;
    /** The previous chunk ended with CR: an LF at the start of this one ends no second line. */
    private boolean afterCr;
    private boolean started;

    /** A stream that resumes after {@code lastEventId} (null: from the start) keeps it until a new id comes. */
    ServerSentEvents(String lastEventId) {
        this.lastEventId = lastEventId;
    }

    /** The events this chunk completes, in order. */
    List<Event> feed(CharSequence chunk) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (c == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = c == '\r';
            if (c == '\n' || c == '\r') {
                lineEnded(events);
            } else {
                line.append(c);
            }
        }
        return events;
    }

    /** The id to resume after: the last {@code id} field seen, or the one this stream was opened with. */
    String lastEventId() {
        return lastEventId;
    }

    private void lineEnded(List<Event> events) {
        String text = line.toString();
        line.setLength(0);
        if (text.isEmpty()) {
            dispatch(events);
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + (text.startsWith(" ", colon + 1) ? 2 : 1));
        switch (field) {
            case "event" -> name = value;
            case "data" -> {
                data.append(value).append('\n');
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            default -> {
                // retry and unknown fields: the reconnection delay is ours to choose (Reconnect)
            }
        }
    }

    private void dispatch(List<Event> events) {
        if (hasData) {
            data.setLength(data.length() - 1);
            events.add(new Event(lastEventId, name == null || name.isEmpty() ? "message" : name, data.toString()));
        }
        data.setLength(0);
        hasData = false;
        name = null;
    }
}
