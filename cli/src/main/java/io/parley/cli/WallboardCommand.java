package io.parley.cli;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

@Command(name = "wallboard", description = {"The floor at a glance, live (supervisors and operators): each service's"
        + " queue, agents by state, service level against its goal, abandon rate and average handling; every agent"
        + " with its sessions; who waits.",
        "Drawn again when the live stream tells of a change, and at least every 5 s; in a terminal in place, else"
                + " as snapshots one after another (JSON: one a line)."},
        footerHeading = "%nExamples:%n",
        footer = {"  parley wallboard -u sam -p parley", "  parley wallboard --once -o json -u operator -p parley"})
final class WallboardCommand extends Call {

    /** Changes that come together are drawn once. */
    private static final Duration SETTLE = Duration.ofMillis(500);
    /** The longest-wait clocks move even when nothing happens. */
    private static final Duration AT_LEAST_EVERY = Duration.ofSeconds(5);
    /** Cursor home, clear the screen. */
    private static final String CLEAR = "\033[H\033[2J";

    @Option(names = "--once", description = "Print one snapshot and exit")
    boolean once;

    private boolean drawn;

    @Override
    void run(ParleyClient client) {
        draw(client);
        if (once) {
            return;
        }
        try (LiveStream stream = LiveStream.open(client)) {
            new Refresh(SETTLE, AT_LEAST_EVERY, System.nanoTime()).watch(stream, entry -> true, () -> draw(client),
                    err());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw(ParleyClient client) {
        JsonNode board;
        try {
            board = client.get("api/wallboard");
        } catch (ParleyClient.Refused refused) {
            if (refused.status() == 403) {
                throw refused.saying("the wallboard is for supervisors and operators: sign in as one");
            }
            if (refused.status() < 500 || !drawn) {
                throw refused;
            }
            tryAgain("error: " + refused.code() + ": " + refused.getMessage());
            return;
        } catch (ParleyClient.Unreachable unreachable) {
            if (!drawn) {
                throw unreachable;
            }
            tryAgain("error: " + unreachable.getMessage());
            return;
        }
        if (target.format() == Output.Format.json) {
            out().println(board);
        } else {
            if (Help.Ansi.AUTO.enabled()) {
                out().print(CLEAR);
            } else if (drawn) {
                out().println();
            }
            Board.lines(board).forEach(out()::println);
        }
        out().flush();
        drawn = true;
    }

    /** A board on a wall outlives a restart of the service: the last one stays until the next is drawn. */
    private void tryAgain(String failure) {
        err().println(failure + "; trying again");
        err().flush();
    }
}
