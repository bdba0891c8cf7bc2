package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.parley.session.EndpointRef;

class TranscriptPageTest {

    private static final UUID SESSION = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    private static List<ChatMessage> messages(long count, int length) {
        return LongStream.rangeClosed(1, count).mapToObj(seq -> new ChatMessage(SESSION, seq, "c-" + seq,
                EndpointRef.parse("customer:ann"), "leg-1", "Ann", "x".repeat(length), START.plusSeconds(seq),
                Audience.ALL, false))
                .toList();
    }

    private static <T> TranscriptPage<T> bounded(TranscriptPage<T> page, long budget) {
        return page.bounded(Function.identity(), message -> 100, budget);
    }

    @Test
    void aReadAsLongAsAReadMayBeSaysMoreMayFollow() {
        assertThat(TranscriptPage.read(messages(TranscriptPage.MOST_MESSAGES, 1)).more()).isTrue();
        assertThat(TranscriptPage.read(messages(TranscriptPage.MOST_MESSAGES - 1, 1)).more()).isFalse();
        assertThat(TranscriptPage.read(List.of()).more()).isFalse();
    }

    @Test
    void messagesOverTheBudgetAreLeftForTheNextPage() {
        TranscriptPage<ChatMessage> page = bounded(TranscriptPage.read(messages(10, 1)), 350);
        assertThat(page.messages()).extracting(ChatMessage::seq).as("101 bytes each").containsExactly(1L, 2L, 3L);
        assertThat(page.more()).isTrue();
    }

    @Test
    void aPageWithinItsBudgetSaysWhatTheReadSaid() {
        assertThat(bounded(TranscriptPage.read(messages(3, 1)), 303)).satisfies(page -> {
            assertThat(page.messages()).hasSize(3);
            assertThat(page.more()).isFalse();
        });
        assertThat(bounded(TranscriptPage.read(messages(TranscriptPage.MOST_MESSAGES, 1)), Long.MAX_VALUE).more())
                .isTrue();
    }

    @Test
    void aMessageLargerThanTheBudgetStillGoesOutAlone() {
        TranscriptPage<ChatMessage> page = bounded(TranscriptPage.read(messages(2, 1)), 10);
        assertThat(page.messages()).extracting(ChatMessage::seq).containsExactly(1L);
        assertThat(page.more()).isTrue();
    }

    @Test
    void pagesFollowedByTheirLastSeqGiveEveryMessageOnce() {
        List<ChatMessage> all = messages(25, 1);
        List<Long> seen = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            long from = after;
            TranscriptPage<ChatMessage> page = bounded(TranscriptPage.read(all.stream().filter(m -> m.seq() > from)
                    .toList()), 404);
            page.messages().forEach(message -> seen.add(message.seq()));
            after = page.messages().getLast().seq();
            more = page.more();
        }
        assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void whatIsNotReadableEndsThePage() {
        List<ChatMessage> read = messages(TranscriptPage.MOST_MESSAGES, 1);
        Instant left = read.get(499).sentAt();
        TranscriptPage<ChatMessage> until = TranscriptPage.read(read).readableOnly(m -> !m.sentAt().isAfter(left));
        assertThat(until.messages()).hasSize(500);
        assertThat(until.more()).as("nothing after the customer left is readable").isFalse();
        assertThat(TranscriptPage.read(read).readableOnly(m -> true).more()).isTrue();
    }
}
