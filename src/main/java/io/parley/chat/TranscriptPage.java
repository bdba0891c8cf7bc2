package io.parley.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A page of a session's transcript: messages in order, and whether more follow (the next page is the one after
 * the last message's {@code seq}). One read of the store takes at most {@link #MOST_MESSAGES}; what goes out
 * (a chat {@code history} reply, a page of the REST transcript) is also bounded in bytes. Pure.
 *
 * @param more later messages may follow: ask again after the last of these
 */
public record TranscriptPage<T>(List<T> messages, boolean more) {

    /** The most messages one read of the transcript takes (a replay, a history reply, a REST page). */
    public static final int MOST_MESSAGES = 1000;

    public TranscriptPage {
        messages = List.copyOf(messages);
    }

    /** What one read of the store gave: when it was as long as a read may be, more may follow. */
    public static TranscriptPage<ChatMessage> read(List<ChatMessage> read) {
        return new TranscriptPage<>(read, read.size() >= MOST_MESSAGES);
    }

    /**
     * Only the messages {@code readable} allows (a customer who left reads what was said until it left): when it
     * drops one, nothing after this page is readable either, so no more follow.
     */
    public TranscriptPage<T> readableOnly(Predicate<? super T> readable) {
        List<T> kept = messages.stream().filter(readable).toList();
        return new TranscriptPage<>(kept, more && kept.size() == messages.size());
    }

    /**
     * The page as it goes out: each message as {@code view}, as many as fit in {@code budget} bytes, each
     * counting {@code bytes} of it and one more (a separator), but at least one. When messages are left over,
     * more follow.
     */
    public <V> TranscriptPage<V> bounded(Function<? super T, V> view, ToLongFunction<? super V> bytes, long budget) {
        List<V> out = new ArrayList<>();
        long used = 0;
        for (T message : messages) {
            V viewed = view.apply(message);
            used += bytes.applyAsLong(viewed) + 1;
            if (used > budget && !out.isEmpty()) {
                return new TranscriptPage<>(out, true);
            }
            out.add(viewed);
        }
        return new TranscriptPage<>(out, more);
    }
}
