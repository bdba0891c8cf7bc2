package io.parley.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class ConnectionSetsTest {

    @Test
    void aKeysSetGoesWithItsLastConnection() {
        ConnectionSets<String, String> sets = new ConnectionSets<>();
        sets.add("session", "chat");
        sets.add("session", "control");
        sets.remove("session", "chat");
        assertThat(sets.of("session")).containsExactly("control");
        sets.remove("session", "control");
        assertThat(sets.holds("session")).isFalse();
        assertThat(sets.of("session")).isEmpty();
        sets.remove("session", "control");
        assertThat(sets.keys()).isEmpty();
    }

    /**
     * A page reloading: its old connection closes while the new one opens. Each round races the removal of
     * the key's last connection against the addition of the next; the new one must always be found.
     */
    @Test
    void aConnectionAddedWhileTheLastOneIsRemovedIsNeverLost() throws Exception {
        ConnectionSets<String, Integer> sets = new ConnectionSets<>();
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 20_000; round++) {
                int old = 2 * round;
                int next = old + 1;
                sets.add("session", old);
                Future<?> closing = threads.submit(() -> {
                    start.await();
                    sets.remove("session", old);
                    return null;
                });
                Future<?> opening = threads.submit(() -> {
                    start.await();
                    sets.add("session", next);
                    return null;
                });
                closing.get();
                opening.get();
                assertThat(sets.of("session")).as("round %d", round).containsExactly(next);
                sets.remove("session", next);
            }
        }
    }
}
