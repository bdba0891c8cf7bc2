package io.parley.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Guessing passwords over HTTP Basic is slowed down (the test profile refuses a user's fourth attempt after
 * three failures from one address, and any seventh after six from one address, unchecked, with Retry-After),
 * without locking the user out elsewhere; and a user name nobody has costs a PBKDF2 check like a known one,
 * so that the time taken does not tell names apart. Guesses sent all at once are checked one at a time per address,
 * so no more are hashed than the limit allows, while a client's parallel requests with the right password share
 * one check; from many addresses at once, no more are checked at a time than the replica allows (one in the test
 * profile, as by default), the others refused unchecked. An address that failed as often as one user may shares a
 * slow lane of checks with every other such address. Each client poses at an address of its own.
 */
@QuarkusTest
class PasswordGuessingTest {

    private static Response signIn(String address, String user, String password) {
        return given().header("X-Forwarded-For", address).auth().preemptive().basic(user, password)
                .get("/api/agents");
    }

    /** Somewhere on the management interface, where the metrics are: only its origin is used. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private double checks() {
        String metrics = URI.create(management.toString()).resolve("/q/metrics").toString();
        String text = RestAssured.get(metrics).then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^parley_password_checks_total(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    @Test
    void wrongPasswordsAreThrottledUncheckedWhileTheUserStillSignsInFromElsewhere() {
        for (int i = 0; i < 3; i++) {
            signIn("192.0.2.10", "alice", "guess-" + i).then().statusCode(401);
        }
        double before = checks();
        Response refused = signIn("192.0.2.10", "alice", Parley.PASSWORD);
        assertThat(refused.statusCode()).as("even the right password, from the guessing address").isEqualTo(401);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(checks()).as("refused without a PBKDF2 check").isEqualTo(before);

        signIn("192.0.2.11", "alice", Parley.PASSWORD).then().statusCode(200);
    }

    @Test
    void anAddressThatKeepsGuessingWhileRefusedIsAnsweredLate() {
        for (int i = 0; i < 3; i++) {
            signIn("192.0.2.15", "carol", "guess-" + i).then().statusCode(401);
        }
        for (int i = 0; i < 3; i++) {
            signIn("192.0.2.15", "carol", "again-" + i).then().statusCode(401).header("Retry-After", notNullValue());
        }
        Response held = signIn("192.0.2.15", "carol", "still-guessing");
        held.then().statusCode(401).header("Retry-After", notNullValue());
        assertThat(held.time()).as("past three refusals answered at once, held for the test profile's "
                + "refusal-delay, 400 ms").isGreaterThanOrEqualTo(350);
        signIn("192.0.2.16", "carol", Parley.PASSWORD).then().statusCode(200);
    }

    @Test
    void guessesFromOneIpv6NetworkCountTogetherWhicheverAddressTheyComeFrom() {
        for (int i = 1; i <= 3; i++) {
            signIn("2001:db8:9:9::" + i, "alice", "guess-" + i).then().statusCode(401);
        }
        Response refused = signIn("2001:db8:9:9:abcd::1", "alice", Parley.PASSWORD);
        assertThat(refused.statusCode()).as("another address of the same /64").isEqualTo(401);
        assertThat(refused.header("Retry-After")).isNotNull();

        signIn("2001:db8:9:a::1", "alice", Parley.PASSWORD).then().statusCode(200);
    }

    @Test
    void guessingManyNamesFromOneAddressIsThrottled() {
        for (int i = 0; i < 6; i++) {
            signIn("192.0.2.20", "nobody-" + i, "guess").then().statusCode(401);
        }
        Response refused = signIn("192.0.2.20", "bob", Parley.PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("Retry-After")).isNotNull();
        signIn("192.0.2.21", "bob", Parley.PASSWORD).then().statusCode(200);
    }

    @TestHTTPResource("/api/agents")
    URI agents;

    /** {@code count} sign-ins sent at once from one address, each with its own credentials; their answers. */
    private List<HttpResponse<Void>> atOnce(String address, int count, IntFunction<String> credentials) {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(agents).header("X-Forwarded-For", address)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.apply(i)
                            .getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.discarding()));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void guessesSentAtOnceAreCheckedOneAtATimeAndNoMoreThanTheLimit() {
        double before = checks();
        long started = System.nanoTime();
        List<HttpResponse<Void>> answers = atOnce("192.0.2.50", 30, i -> "nobody-" + i + ":guess");
        double minutes = (System.nanoTime() - started) / 60e9;
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(401));
        assertThat(answers).filteredOn(answer -> answer.headers().firstValue("Retry-After").isPresent())
                .as("refused unchecked").isNotEmpty();
        // The test profile's six failures per address and minute, and what came back while the guesses ran.
        assertThat(checks() - before).as("passwords hashed: not every guess in flight")
                .isLessThanOrEqualTo(6 + Math.ceil(6 * minutes));
    }

    @Test
    void guessesFromManyAddressesAtOnceAreCheckedNoMoreThanTheReplicaRunsAtOnce() {
        double before = checks();
        // quinn's hash is at 120,000 iterations: a check lasts long enough for the others to arrive meanwhile.
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(agents).header("X-Forwarded-For", "198.51.100." + i)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("quinn:guess-" + i)
                            .getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.discarding()));
        }
        List<HttpResponse<Void>> answers = sent.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(401));
        long unchecked = answers.stream().filter(answer -> answer.headers().firstValue("Retry-After").isPresent())
                .count();
        assertThat(unchecked).as("refused while another address's guess was being checked").isPositive();
        assertThat(checks() - before).as("every other one checked").isEqualTo(12 - unchecked);
    }

    @Test
    void addressesThatFailedAsOftenAsAUserMayShareOneSlowLaneOfChecks() {
        // A guesser takes its three failures and then what is left of the replica's slow lane (burst 3, 6 a minute).
        for (int i = 0; i < 6; i++) {
            signIn("192.0.2.60", "lane-a-" + i, "guess").then().statusCode(401);
        }
        // Another guesser has its own three, then meets the lane the first one emptied, well under its own limit
        // per address (six): at most the one check the lane gave back meanwhile.
        for (int i = 0; i < 3; i++) {
            signIn("192.0.2.61", "lane-b-" + i, "guess").then().statusCode(401);
        }
        double before = checks();
        List<Response> more = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            more.add(signIn("192.0.2.61", "lane-b-" + i, "guess"));
        }
        assertThat(more).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(401));
        assertThat(more).filteredOn(answer -> answer.header("Retry-After") != null).as("refused unchecked")
                .isNotEmpty();
        assertThat(checks() - before).as("passwords hashed in the slow lane").isLessThanOrEqualTo(1);
        // An address without failures is not held by the lane.
        double clean = checks();
        signIn("192.0.2.62", "lane-c", "guess").then().statusCode(401).header("Retry-After", (String) null);
        assertThat(checks()).as("checked at once").isEqualTo(clean + 1);
        signIn("192.0.2.63", "bob", Parley.PASSWORD).then().statusCode(200);
    }

    @Test
    void aClientsParallelRequestsWithTheRightPasswordShareOneCheck() {
        double before = checks();
        List<HttpResponse<Void>> answers = atOnce("192.0.2.51", 8, i -> "quinn:" + Parley.PASSWORD);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        assertThat(checks() - before).as("one check (none if remembered from an earlier sign-in)")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void anUnknownUserCostsAPasswordCheckLikeAKnownOne() {
        double before = checks();
        signIn("192.0.2.30", "mallory", "guess").then().statusCode(401);
        assertThat(checks()).as("the unknown name was checked against a hash").isEqualTo(before + 1);
        signIn("192.0.2.31", "carol", "guess").then().statusCode(401);
        assertThat(checks()).isEqualTo(before + 2);
    }

    @Test
    void aGoodPasswordIsCheckedOnceAndThenRemembered() {
        signIn("192.0.2.40", "carol", Parley.PASSWORD).then().statusCode(200);
        double before = checks();
        signIn("192.0.2.41", "carol", Parley.PASSWORD).then().statusCode(200);
        assertThat(checks()).as("answered from the five-minute cache").isEqualTo(before);
    }
}
