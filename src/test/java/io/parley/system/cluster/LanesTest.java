package io.parley.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class LanesTest {

    private final Lanes lanes = new Lanes();
    private final List<String> done = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    @Test
    void workInOneLaneWaitsForWhatCameBeforeItAndAnotherLaneDoesNot() {
        CompletableFuture<Void> slowRead = new CompletableFuture<>();
        lanes.run("s-1", () -> slowRead.thenRun(() -> done.add("s-1 first")), failures::add);
        lanes.run("s-1", () -> step("s-1 second"), failures::add);
        lanes.run("s-2", () -> step("s-2 only"), failures::add);
        assertThat(done).as("s-2 is not held up by s-1's slow read").containsExactly("s-2 only");

        slowRead.complete(null);
        assertThat(done).containsExactly("s-2 only", "s-1 first", "s-1 second");
        assertThat(lanes.busy()).as("a lane is forgotten once its work is done").isZero();
    }

    @Test
    void aFailureIsReportedAndTheLaneGoesOn() {
        CompletableFuture<Void> failing = new CompletableFuture<>();
        lanes.run("s-1", () -> failing, failures::add);
        lanes.run("s-1", () -> step("after the failure"), failures::add);
        failing.completeExceptionally(new IllegalStateException("read timed out"));
        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure).hasRootCauseMessage(
                "read timed out"));
        assertThat(done).containsExactly("after the failure");
        assertThat(lanes.busy()).isZero();
    }

    @Test
    void workThatThrowsBeforeItStartsIsAFailureToo() {
        lanes.run("s-1", () -> {
            throw new IllegalArgumentException("no such session");
        }, failures::add);
        lanes.run("s-1", () -> step("next"), failures::add);
        assertThat(failures).hasSize(1);
        assertThat(done).containsExactly("next");
    }

    private CompletableFuture<Void> step(String name) {
        done.add(name);
        return CompletableFuture.completedFuture(null);
    }
}
