package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.cli.ServerSentEvents.Event;

/** The event stream as the server writes it, and as the WHATWG rules say any server may. */
class ServerSentEventsTest {

    private final ServerSentEvents events = new ServerSentEvents(null);

    @Test
    void anEventIsItsIdNameAndDataDispatchedByABlankLine() {
        assertThat(events.feed("id:769-s-1\nevent:session\ndata:{\"seq\":1}\n")).isEmpty();
        assertThat(events.feed("\n")).containsExactly(new Event("769-s-1", "session", "{\"seq\":1}"));
        assertThat(events.lastEventId()).isEqualTo("769-s-1");
    }

    @Test
    void dataLinesOfOneEventAreJoinedWithNewlinesAndOneLeadingSpaceIsDropped() {
        assertThat(events.feed("data: first\ndata:  second\ndata\n\n"))
                .containsExactly(new Event(null, "message", "first\n second\n"));
    }

    @Test
    void commentsSuchAsHeartbeatsAreNoEvents() {
        assertThat(events.feed(": heartbeat\n\n:\n\n")).isEmpty();
        assertThat(events.feed(": heartbeat\ndata:x\n\n")).containsExactly(new Event(null, "message", "x"));
    }

    @Test
    void anIdWithoutDataDispatchesNothingButIsKeptForResuming() {
        assertThat(events.feed("id:12-a-3\n\n")).isEmpty();
        assertThat(events.lastEventId()).isEqualTo("12-a-3");
        assertThat(events.feed("data:x\n\n")).containsExactly(new Event("12-a-3", "message", "x"));
    }

    @Test
    void anEventWithoutANameIsAMessageAndTheNameDoesNotCarryOver() {
        assertThat(events.feed("event:reset\ndata:{}\n\ndata:plain\n\n"))
                .containsExactly(new Event(null, "reset", "{}"), new Event(null, "message", "plain"));
    }

    @Test
    void linesEndWithCrlfCrOrLfEvenWhenAChunkEndsBetweenCrAndLf() {
        List<Event> seen = new ArrayList<>();
        seen.addAll(events.feed("id:1-s-1\r\nevent:session\r"));
        seen.addAll(events.feed("\ndata:a\r\r"));
        seen.addAll(events.feed("data:b\r"));
        seen.addAll(events.feed("\n\r\n"));
        assertThat(seen).containsExactly(new Event("1-s-1", "session", "a"), new Event("1-s-1", "message", "b"));
    }

    @Test
    void anEventCutAcrossChunksAnywhereIsWholeOnceItsBlankLineCame() {
        List<Event> seen = new ArrayList<>();
        for (char c : "\uFEFFid:9-s-9\nevent:session\ndata:{\"a\":1}\n\n".toCharArray()) {
            seen.addAll(events.feed(String.valueOf(c)));
        }
        assertThat(seen).containsExactly(new Event("9-s-9", "session", "{\"a\":1}"));
    }

    @Test
    void anEventNotYetEndedByABlankLineIsNotDispatched() {
        assertThat(events.feed("event:session\ndata:half")).isEmpty();
        assertThat(events.feed("\n")).isEmpty();
    }

    @Test
    void aResumedStreamKeepsTheIdItResumedAfterUntilANewOneComes() {
        ServerSentEvents resumed = new ServerSentEvents("5-s-5");
        assertThat(resumed.feed("event:reset\ndata:{}\n\n")).containsExactly(new Event("5-s-5", "reset", "{}"));
        assertThat(resumed.lastEventId()).isEqualTo("5-s-5");
    }
}
