package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;

/** The CLI against the real service: every command, JSON read back, and the exit codes scripts rely on. */
class CliTest {

    private static RunningParley parley;

    @BeforeAll
    static void start() throws Exception {
        parley = RunningParley.start();
    }

    /** Each test starts alike: no open session, the demo agents available. */
    @BeforeEach
    void reset() {
        for (String state : List.of("waiting", "active")) {
            for (JsonNode session : asOperator("sessions", "--state", state, "-o", "json").json()) {
                asOperator("session", "end", session.path("id").asText());
            }
        }
        for (String agent : List.of("alice", "bob", "carol")) {
            assertThat(asOperator("agent", "presence", agent, "available").exit()).isZero();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        parley.close();
    }

    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return ParleyClient.JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }
    }

    /** Runs {@code parley ARGS --server URL} in this process. */
    static Result parley(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = commandLine(out, err).execute(withServer(args));
        return new Result(exit, out.toString(), err.toString());
    }

    private static CommandLine commandLine(StringWriter out, StringWriter err) {
        CommandLine line = ParleyCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line;
    }

    private static String[] withServer(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--server") && !all.contains("--help") && !all.contains("--version")) {
            all.add("--server");
            all.add(parley.url());
        }
        return all.toArray(String[]::new);
    }

    /** {@code parley ARGS --server URL} running in a thread of its own until it ends or is interrupted. */
    static final class Running implements AutoCloseable {

        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final Thread thread;

        Running(String... args) {
            CommandLine line = commandLine(out, err);
            String[] all = withServer(args);
            thread = Thread.ofPlatform().name("parley " + String.join(" ", args)).start(() -> exit.complete(line
                    .execute(all)));
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        /** Waits until the output so far fits, or fails after {@code seconds}. */
        Running awaitOut(String what, Predicate<String> fits, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (!fits.test(out())) {
                if (System.nanoTime() > deadline || exit.isDone()) {
                    throw new AssertionError("no " + what + " within " + seconds + " s; out: " + out() + "err: "
                            + err());
                }
                Thread.sleep(50);
            }
            return this;
        }

        /** Its exit code once it ended by itself. */
        int exit(int seconds) throws Exception {
            return exit.get(seconds, TimeUnit.SECONDS);
        }

        /** Interrupts it, as Ctrl-C would; its exit code. */
        @Override
        public void close() throws Exception {
            thread.interrupt();
            exit(10);
        }
    }

    /** A customer, not signed in, starts a session in sales over REST; answers its id. */
    static String aCustomerStartsASession() throws Exception {
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(parley
                .url() + "/api/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"sales\",\"subject\":\"pricing\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return ParleyClient.JSON.readTree(started.body()).at("/session/id").asText();
    }

    /**
     * Customers start sessions, one a second, until the output shows one of them: a follower's stream is open only
     * once the server sends it something, so what came before may not be shown. Answers the session shown (by its
     * first 8 characters at least).
     */
    static String aCustomerStartsASessionUntilShown(Running follower) throws Exception {
        List<String> started = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            started.add(aCustomerStartsASession());
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < deadline) {
                for (String session : started) {
                    if (follower.out().contains(session.substring(0, 8))) {
                        return session;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("none of the sessions started was shown: " + follower.out() + follower.err());
    }

    /** The session's offer among the open offers listed. */
    static JsonNode offerOf(String session, JsonNode offers) {
        for (JsonNode open : offers) {
            if (open.path("sessionId").asText().equals(session)) {
                return open;
            }
        }
        throw new AssertionError("session " + session + " is offered to nobody: " + offers);
    }

    static Result asOperator(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-u", "operator", "-p", "parley"));
        return parley(all.toArray(String[]::new));
    }

    @Test
    void servicesAndAgentsAsTablesAndAsJson() {
        Result table = parley("services");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).startsWith("ID").contains("sales", "Sales", "routed", "longest-idle");
        JsonNode sales = parley("services", "sales", "-o", "json").json();
        assertThat(sales.path("routing").path("strategy").asText()).isEqualTo("longest-idle");
        assertThat(sales.path("subjects").has("billing")).isTrue();

        JsonNode agents = asOperator("agents", "-o", "json").json();
        assertThat(agents.findValuesAsText("id")).contains("alice", "bob", "carol");

        JsonNode dan = asOperator("agent", "set", "dan", "--name", "Dan Reyes", "--skills", "billing=7,sales=3",
                "--max-sessions", "2", "-o", "json").json();
        assertThat(dan.path("skills").path("billing").asInt()).isEqualTo(7);
        assertThat(dan.path("maxSessions").asInt()).isEqualTo(2);
        assertThat(asOperator("agent", "presence", "dan", "away", "-o", "json").json().path("state").asText())
                .isEqualTo("away");
        assertThat(asOperator("agent", "events", "dan").out()).contains("away");
    }

    @Test
    void aSessionFromStartThroughAnOfferConferenceAndTransferToItsEnd() {
        JsonNode started = asOperator("session", "start", "--service", "sales", "--subject", "pricing", "--as",
                "customer:ann", "-o", "json").json();
        String session = started.at("/session/id").asText();
        assertThat(started.at("/session/state").asText()).isEqualTo("waiting");
        assertThat(started.at("/connection/channels/control").asText()).startsWith("ws://");

        JsonNode offer = offerOf(session, asOperator("offers", "-o", "json").json());
        String agent = offer.path("agent").asText();
        Result accepted = parley("offer", "accept", offer.path("id").asText(), "-u", agent, "-p", "parley");
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("csr:" + agent + "=invited").contains("decision: csr:" + agent
                + " accepts the offer");
        Result again = parley("offer", "accept", offer.path("id").asText(), "-u", agent, "-p", "parley");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: offer-closed:");

        String other = agent.equals("alice") ? "bob" : "alice";
        Result conference = asOperator("conference", session, "--to", "csr:carol", "--note", "knows the VAT rules",
                "--as", "csr:" + agent);
        assertThat(conference.exit()).as(conference.err()).isZero();
        assertThat(conference.out()).contains("decision: csr:" + agent + " asks csr:carol to join");
        Result callOff = asOperator("call-off", session, "--as", "csr:" + agent);
        assertThat(callOff.exit()).as(callOff.err()).isZero();
        assertThat(callOff.out()).contains("decision: csr:" + agent + " calls off the conference to csr:carol");
        Result nothingLeft = asOperator("cancel-handover", session, "--as", "csr:" + agent);
        assertThat(nothingLeft.exit()).isEqualTo(1);
        assertThat(nothingLeft.err()).startsWith("error: no-handover:");
        Result transfer = asOperator("transfer", session, "--to", "csr:" + other, "--mode", "warm", "--as",
                "csr:" + agent, "-o", "json");
        assertThat(transfer.exit()).as(transfer.err()).isZero();
        assertThat(transfer.json().at("/session/queue/to").asText()).isEqualTo("csr:" + other);
        JsonNode transferOffer = offerOf(session, asOperator("offers", "--agent", other, "-o", "json").json());
        Result declined = parley("offer", "decline", transferOffer.path("id").asText(), "--reason", "at lunch", "-u",
                other, "-p", "parley");
        assertThat(declined.exit()).as(declined.err()).isZero();
        assertThat(declined.out()).contains("csr:" + other + " declines the offer: at lunch");
        asOperator("transfer", session, "--to", "csr:" + other, "--mode", "warm", "--as", "csr:" + agent);
        Result acceptedTransfer = parley("offer", "accept", offerOf(session, asOperator("offers", "--agent", other,
                "-o", "json").json()).path("id").asText(), "-u", other, "-p", "parley", "-o", "json");
        assertThat(acceptedTransfer.exit()).as(acceptedTransfer.err()).isZero();
        assertThat(acceptedTransfer.json().at("/session/transfer/mode").asText()).isEqualTo("warm");

        JsonNode shown = asOperator("session", "show", session, "-o", "json").json();
        assertThat(shown.path("legs").findValuesAsText("id")).contains("ann", agent, other);
        assertThat(asOperator("sessions", "--service", "sales", "--state", "waiting").out()).contains(session);

        String explained = asOperator("explain", session).out();
        assertThat(explained).contains("customer:ann opened the session about pricing",
                "offered to csr:" + agent, "the offer to csr:" + agent + " was accepted",
                "transfer to csr:" + other + " begins");
        JsonNode events = asOperator("events", session, "-o", "json").json();
        assertThat(events.findValuesAsText("type")).contains("session-opened", "offer-made", "transfer-started");
        assertThat(asOperator("transcript", session).out()).startsWith("SEQ");

        Result ended = asOperator("session", "end", session);
        assertThat(ended.exit()).isZero();
        assertThat(ended.out()).contains("ended");
        assertThat(asOperator("stats", "sales", "-o", "json").json().path("offered").asLong()).isPositive();
    }

    @Test
    void aScenarioGoesFromCustomerToCsrThroughConferenceAndTransferToTheEnd() {
        Result run = asOperator("scenario", "run", "src/test/resources/scenarios/handover.yaml");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("step 1/23 start", "step 2/23 accept", "step 6/23 expect",
                "csr:alice accepts the offer", "Customer: My invoice is wrong", "step 12/23 wait-for",
                "step 14/23 call-off", "csr:alice calls off the transfer to whoever fits orders",
                "csr:bob accepts the offer (transfer", "scenario passed: 23 steps");
    }

    @Test
    void aFailingScenarioNamesTheStepThatFailed() {
        Result run = asOperator("scenario", "run", "src/test/resources/scenarios/broken.yaml");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("step 3/4 join", "... ok");
        assertThat(run.err()).startsWith("error: step 4/4 expect").contains("failed: no message within 2s");
        assertThat(asOperator("scenario", "run", "no-such-file.yaml").exit()).isEqualTo(2);
    }

    /** A sales session that customer {@code cid} starts and alice accepts over the CLI; answers its id. */
    private String aliceServesTheCustomerCid() {
        JsonNode started = asOperator("session", "start", "--service", "sales", "--subject", "billing", "--as",
                "customer:cid", "-o", "json").json();
        String session = started.at("/session/id").asText();
        String offer = offerOf(session, asOperator("offers", "--agent", "alice", "-o", "json").json()).path("id")
                .asText();
        assertThat(parley("offer", "accept", offer, "-u", "alice", "-p", "parley").exit()).isZero();
        return session;
    }

    @Test
    void theCliIsAnEndpointThatChatsAndReportsItsChannels() {
        String session = aliceServesTheCustomerCid();

        Result alice = parley("chat", session, "--send", "Hello from the terminal", "-u", "alice", "-p", "parley");
        assertThat(alice.exit()).as(alice.err()).isZero();
        assertThat(alice.out()).contains("control and chat connected", "sent #1");
        JsonNode view = asOperator("session", "show", session, "-o", "json").json();
        for (JsonNode leg : view.path("legs")) {
            if (leg.at("/endpoint/id").asText().equals("alice")) {
                assertThat(leg.path("state").asText()).as("the CLI reported its leg connected")
                        .isEqualTo("connected");
                assertThat(leg.at("/channels/chat").asText()).isEqualTo("connected");
            }
        }
        Result customer = asOperator("chat", session, "--as", "customer:cid", "--expect", "terminal");
        assertThat(customer.exit()).as(customer.err()).isZero();
        assertThat(customer.out()).contains("Alice Martin: Hello from the terminal");

        Result nothing = asOperator("chat", session, "--as", "customer:cid", "--expect", "never", "--timeout",
                "PT1S");
        assertThat(nothing.exit()).isEqualTo(1);

        asOperator("session", "end", session);
        Result followed = asOperator("events", session, "--follow");
        assertThat(followed.exit()).isZero();
        assertThat(followed.out()).contains("the offer to csr:alice was accepted").contains("the session ended");
    }

    @Test
    void aSupervisorWhispersUnseenThenBargesInAndTakesOverFromTheTerminal() {
        String session = aliceServesTheCustomerCid();
        assertThat(parley("chat", session, "--send", "Let me check", "-u", "alice", "-p", "parley").exit()).isZero();

        Result whisper = parley("whisper", session, "--send", "Offer the annual plan", "-u", "sam", "-p", "parley");
        assertThat(whisper.exit()).as(whisper.err()).isZero();
        assertThat(whisper.out()).contains("Alice Martin: Let me check", "sent #2");
        Result alice = parley("chat", session, "--expect", "annual", "-u", "alice", "-p", "parley");
        assertThat(alice.exit()).as(alice.err()).isZero();
        assertThat(alice.out()).contains("(coaching) Sam Rivera: Offer the annual plan");
        Result customer = asOperator("chat", session, "--as", "customer:cid", "--expect", "annual", "--timeout",
                "PT1S");
        assertThat(customer.exit()).as("the customer never reads a whisper").isEqualTo(1);
        assertThat(customer.out()).contains("Alice Martin: Let me check").doesNotContain("annual");

        Result monitor = parley("monitor", session, "--send", "psst", "-u", "sam", "-p", "parley");
        assertThat(monitor.exit()).as("a monitoring supervisor sends nothing").isEqualTo(1);
        assertThat(monitor.err()).contains("not-permitted");
        assertThat(parley("monitor", session, "-u", "alice", "-p", "parley").exit()).as("agents do not monitor")
                .isEqualTo(1);

        Result barge = parley("barge", session, "--send", "Sam here, the team lead", "-u", "sam", "-p", "parley");
        assertThat(barge.exit()).as(barge.err()).isZero();
        Result told = asOperator("chat", session, "--as", "customer:cid", "--expect", "team lead");
        assertThat(told.exit()).as(told.err()).isZero();
        assertThat(told.out()).contains("Sam Rivera: Sam here, the team lead");
        Result note = parley("note", session, "Took over: pricing dispute", "-u", "sam", "-p", "parley");
        assertThat(note.exit()).as(note.err()).isZero();
        assertThat(note.out()).contains("(staff only)");
        assertThat(parley("note", session, "sneaky", "-u", "bob", "-p", "parley").exit()).isEqualTo(1);
        Result history = parley("history", session, "-u", "sam", "-p", "parley");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("ID", "SUBJECT");
        Result taken = parley("take-over", session, "-u", "sam", "-p", "parley");
        assertThat(taken.exit()).as(taken.err()).isZero();
        assertThat(taken.out()).contains("takes the session over");
    }

    @Test
    void aTranscriptLongerThanAPageIsPrintedWholeByTranscriptAndByChat() {
        String session = aliceServesTheCustomerCid();
        List<String> said = new ArrayList<>(List.of("chat", session, "-u", "alice", "-p", "parley"));
        for (int i = 1; i <= 6; i++) {
            // Two of these fill one of the service's 2K pages here.
            said.addAll(List.of("--send", "line " + i + " " + "z".repeat(600)));
        }
        Result alice = parley(said.toArray(String[]::new));
        assertThat(alice.exit()).as(alice.err()).isZero();

        JsonNode transcript = asOperator("transcript", session, "-o", "json").json();
        assertThat(transcript.findValuesAsText("seq")).containsExactly("1", "2", "3", "4", "5", "6");
        Result customer = asOperator("chat", session, "--as", "customer:cid", "--expect", "line 6");
        assertThat(customer.exit()).as(customer.err()).isZero();
        assertThat(customer.out()).contains("line 1 ", "line 3 ", "line 4 ", "line 6 ");
    }

    @Test
    void aServiceConfigurationIsCheckedBeforeItIsDeployed() {
        Result valid = asOperator("services", "check", "src/test/resources/services/returns.yaml");
        assertThat(valid.exit()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("service returns (Returns, routed)", "REQUEST", "a customer asks (refund)",
                "the CSR transfers to a named CSR", "transfer-not-allowed");
        JsonNode json = asOperator("services", "check", "src/test/resources/services/returns.yaml", "-o", "json")
                .json();
        assertThat(json.path("valid").asBoolean()).isTrue();

        Result broken = asOperator("services", "check", "src/test/resources/services/broken.yaml");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("parley.services.returns.routing.strategy: 'cheapest' is not one of",
                "parley.services.returns.routing.overflow: no service named 'nowhere'");
    }

    @Test
    void followingEveryEventShowsASessionACustomerStartsMeanwhileOneJsonObjectALine() throws Exception {
        try (Running follower = new Running("events", "--follow", "-u", "sam", "-p", "parley", "-o", "json")) {
            String session = aCustomerStartsASessionUntilShown(follower);
            follower.awaitOut("its queued entry", out -> out.contains("\"queued\""), 10);
            List<JsonNode> entries = new ArrayList<>();
            String out = follower.out();
            for (String line : out.substring(0, out.lastIndexOf('\n')).split("\n")) {
                entries.add(ParleyClient.JSON.readTree(line));
            }
            JsonNode queued = entries.stream().filter(entry -> entry.path("session").asText().equals(session)
                    && entry.path("type").asText().equals("queued")).findFirst().orElseThrow();
            assertThat(queued.path("event").asText()).isEqualTo("session");
            assertThat(queued.path("id").asText()).matches("\\d+-s-\\d+");
            assertThat(queued.path("service").asText()).isEqualTo("sales");
            assertThat(queued.path("seq").asLong()).isPositive();
            assertThat(follower.err()).isEmpty();
        }
    }

    @Test
    void followingEveryEventTellsEachInPlainWordsUntilInterrupted() throws Exception {
        Running follower = new Running("events", "--follow", "-u", "operator", "-p", "parley");
        String session = aCustomerStartsASessionUntilShown(follower);
        follower.awaitOut("the queued line", out -> out.contains(session + "  sales  queued  waits in the queue for a"
                + " CSR (pricing)"), 10);
        assertThat(follower.out()).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  " + session + "  sales  ");
        follower.close();
        assertThat(follower.exit(1)).as("interrupted, as by Ctrl-C").isZero();
    }

    @Test
    void followingOneSessionPrintsItsLogThenWhatHappensFromTheStreamUntilItEnds() throws Exception {
        String session = aCustomerStartsASession();
        Running follower = new Running("events", session, "--follow", "-u", "sam", "-p", "parley");
        follower.awaitOut("its log so far", out -> out.contains("waits in the queue"), 10);
        assertThat(asOperator("session", "end", session).exit()).isZero();
        assertThat(follower.exit(20)).as(follower.err()).isZero();
        List<Long> seqs = new ArrayList<>();
        for (String line : follower.out().split("\n")) {
            seqs.add(Long.parseLong(line.substring(0, line.indexOf(' '))));
        }
        assertThat(seqs).as("every event once, in order").isSorted().doesNotHaveDuplicates().startsWith(1L);
        assertThat(seqs.getLast() - seqs.getFirst() + 1).as("no gap").isEqualTo(seqs.size());
        assertThat(follower.out().strip().lines().toList().getLast()).contains("the session ended");
    }

    @Test
    void watchingSessionsListsThemAgainWhenTheStreamTellsOfANewOne() throws Exception {
        try (Running watcher = new Running("sessions", "--watch", "--state", "waiting", "-u", "sam", "-p",
                "parley")) {
            watcher.awaitOut("the first list", out -> out.startsWith("ID"), 10);
            String session = aCustomerStartsASessionUntilShown(watcher);
            assertThat(watcher.out()).contains("\n\nID").contains(session + "  sales    pricing  waiting");
            assertThat(watcher.err()).isEmpty();
        }
    }

    @Test
    void anAgentWatchingItsSessionsIsToldItLooksEveryIntervalInstead() throws Exception {
        try (Running watcher = new Running("sessions", "--watch", "--interval", "PT0.5S", "-u", "alice", "-p",
                "parley")) {
            watcher.awaitOut("the first list", out -> out.startsWith("ID"), 10);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!watcher.err().contains("looking every") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(watcher.err()).isEqualTo("(the live stream is for supervisors and operators: looking every 0.5 s"
                    + " instead)\n");
        }
    }

    @Test
    void theWallboardShowsEachServiceItsFiguresTheAgentsAndWhoWaits() throws Exception {
        String session = aCustomerStartsASession();
        Result board = parley("wallboard", "--once", "-u", "sam", "-p", "parley");
        assertThat(board.exit()).as(board.err()).isZero();
        assertThat(board.out()).startsWith("Parley wallboard at ").doesNotContain("\u001b")
                .containsPattern("(?m)^SERVICE +WAITING +LONGEST +AGENTS +SERVICE LEVEL +ABANDONED +AVG HANDLING$")
                .containsPattern("(?m)^sales +[1-9]\\d* +\\d+:\\d\\d +.*\\(goal 80% in 20s\\)")
                .containsPattern("(?m)^Alice Martin +\\S+ +\\d+/3 ")
                .containsPattern("(?m)^" + session.substring(0, 8) + " +sales +pricing +serve +\\d+:\\d\\d");

        Result json = asOperator("wallboard", "--once", "-o", "json");
        assertThat(json.out().strip()).as("one snapshot, one line").doesNotContain("\n");
        JsonNode snapshot = json.json();
        assertThat(snapshot.path("services").findValuesAsText("service")).contains("sales", "support");
        assertThat(snapshot.path("waiting").findValuesAsText("session")).contains(session);
    }

    @Test
    void theWallboardIsDrawnAgainWhenACustomerComesAsPlainSnapshotsOutsideATerminal() throws Exception {
        try (Running board = new Running("wallboard", "-u", "sam", "-p", "parley")) {
            board.awaitOut("the first snapshot", out -> out.contains("\nAGENT "), 10);
            String session = aCustomerStartsASessionUntilShown(board);
            assertThat(board.out()).contains("\n\nParley wallboard at ").contains(session.substring(0, 8))
                    .doesNotContain("\u001b");
        }
    }

    @Test
    void theLiveViewsAreForSupervisorsAndOperators() {
        Result board = parley("wallboard", "-u", "alice", "-p", "parley");
        assertThat(board.exit()).isEqualTo(1);
        assertThat(board.err()).isEqualTo("error: not-permitted: the wallboard is for supervisors and operators:"
                + " sign in as one\n");
        Result events = parley("events", "--follow", "-u", "alice", "-p", "parley");
        assertThat(events.exit()).isEqualTo(1);
        assertThat(events.err()).isEqualTo("error: not-permitted: the live stream is for supervisors and operators:"
                + " sign in as one\n");

        Result which = asOperator("events");
        assertThat(which.exit()).isEqualTo(2);
        assertThat(which.err()).startsWith("events needs a SESSION, or --follow to follow every session");
    }

    @Test
    void exitCodesScriptsCanRelyOn() {
        Result refused = parley("session", "start", "--service", "nope");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: service-not-found: no service named 'nope'\n");

        Result forbidden = parley("agents");
        assertThat(forbidden.exit()).isEqualTo(1);
        assertThat(forbidden.err()).startsWith("error: unauthenticated");

        Result usage = parley("session", "start");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required option: '--service");

        Result bothOrNeither = asOperator("transfer", "3f2a", "--as", "csr:alice");
        assertThat(bothOrNeither.exit()).isEqualTo(2);
        for (String command : new String[] {"call-off", "end"}) {
            Result notAnEndpoint = command.equals("end") ? asOperator("session", "end", "3f2a", "--as", "alice")
                    : asOperator(command, "3f2a", "--as", "alice");
            assertThat(notAnEndpoint.exit()).as(command).isEqualTo(2);
            assertThat(notAnEndpoint.err()).as(command).isEqualTo("error: 'alice' is not kind:id, e.g. csr:alice\n");
        }

        Result unreachable = parley("services", "--server", "http://127.0.0.1:1");
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err()).startsWith("error: cannot reach Parley at http://127.0.0.1:1/");
    }

    @Test
    void aServicesCannedRepliesAreListedForStaffOnly() {
        Result replies = parley("replies", "sales", "-u", "alice", "-p", "parley");
        assertThat(replies.exit()).as(replies.err()).isZero();
        assertThat(replies.out()).contains("greeting", "Hello, thanks for contacting Sales!", "one-moment");
        assertThat(parley("replies", "sales").exit()).as("no credentials").isEqualTo(1);
        assertThat(parley("replies", "nope", "-u", "alice", "-p", "parley").err()).contains("service-not-found");
    }

    @Test
    void connectionOptionsComeBeforeOrAfterTheCommand() {
        Result before = parley("--server", parley.url(), "-u", "operator", "-p", "parley", "-o", "json", "services");
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.json().findValuesAsText("id")).contains("sales", "support");
        Result mixed = parley("--server", parley.url(), "session", "start", "--service", "sales", "--subject",
                "pricing", "--as",
                "customer:ann", "-u", "operator", "-p", "parley", "-o", "json");
        assertThat(mixed.exit()).as(mixed.err()).isZero();
        assertThat(mixed.json().at("/session/service").asText()).isEqualTo("sales");
        Result wrongServer = parley("--server", "http://127.0.0.1:1", "services");
        assertThat(wrongServer.exit()).as("the server given before the command is the one asked").isEqualTo(3);
    }

    @Test
    void anOperatorRemovesAnAgentAndARetryAnswersTheSame() {
        assertThat(asOperator("agent", "set", "erin", "--name", "Erin Park", "--skills", "sales=4").exit()).isZero();
        Result refused = parley("agent", "remove", "erin", "-u", "alice", "-p", "parley");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("not-permitted");

        JsonNode removed = asOperator("agent", "remove", "erin", "-o", "json").json();
        assertThat(removed.path("id").asText()).isEqualTo("erin");
        assertThat(removed.path("sessions").size()).isZero();
        assertThat(asOperator("agents", "-o", "json").json().findValuesAsText("id")).doesNotContain("erin")
                .contains("alice");
        Result again = asOperator("agent", "remove", "erin");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).startsWith("ID").contains("erin", "Erin Park", removed.path("removedAt").asText());
        assertThat(asOperator("agent", "events", "erin").out()).contains("removed from the directory");

        Result unknown = asOperator("agent", "remove", "nobody-here");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("agent-not-found");
        assertThat(asOperator("agent", "set", "erin", "--name", "Erin Park").exit()).as("set adds it back").isZero();
        assertThat(asOperator("agents", "-o", "json").json().findValuesAsText("id")).contains("erin");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        Result help = parley("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Exit codes:", "session", "transfer", "explain");
        List<List<String>> leaves = new ArrayList<>();
        collectLeaves(ParleyCommand.commandLine(), new ArrayList<>(), leaves);
        assertThat(leaves).hasSizeGreaterThan(20);
        for (List<String> command : leaves) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Result result = parley(args.toArray(String[]::new));
            assertThat(result.exit()).as(String.join(" ", command)).isZero();
            assertThat(result.out()).as(String.join(" ", command)).contains("Usage: parley", "Examples:");
        }
    }

    private static void collectLeaves(CommandLine line, List<String> path, List<List<String>> leaves) {
        line.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            if (sub.getSubcommands().isEmpty()
                    || sub.getCommandSpec().userObject() instanceof Call) {
                leaves.add(next);
            }
            collectLeaves(sub, next, leaves);
        });
    }

    @Test
    void joinInviteLeaveAndDeclineAsAnOperatorActingForEndpoints() {
        JsonNode started = asOperator("session", "start", "--service", "sales", "--subject", "billing", "--as",
                "customer:dee", "-o", "json").json();
        String session = started.at("/session/id").asText();
        String offer = offerOf(session, asOperator("offers", "--agent", "alice", "-o", "json").json()).path("id")
                .asText();
        Result declined = asOperator("offer", "decline", offer, "--as", "csr:alice");
        assertThat(declined.exit()).as(declined.err()).isZero();
        assertThat(declined.out()).contains("decision: csr:alice declines the offer");

        Result observer = asOperator("session", "join", session, "-o", "json");
        assertThat(observer.exit()).as(observer.err()).isZero();
        assertThat(observer.json().path("legId").asText()).isNotBlank();
        Result invited = asOperator("session", "invite", session, "--endpoint", "csr:carol", "--as", "csr:alice");
        assertThat(invited.exit()).as("alice is not in the session").isEqualTo(1);
        assertThat(invited.err()).startsWith("error: not-a-member");
        Result byOperator = asOperator("session", "invite", session, "--endpoint", "csr:bob");
        assertThat(byOperator.exit()).as(byOperator.err()).isZero();
        assertThat(byOperator.out()).contains("csr:bob=invited");
        String customerLeg = started.path("legId").asText();
        Result left = asOperator("session", "leave", session, "--leg", customerLeg, "--as", "customer:dee");
        assertThat(left.exit()).as(left.err()).isZero();
        assertThat(left.out()).contains("ended");
    }
}
