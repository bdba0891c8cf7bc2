package io.parley.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
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
 * so that the time taken does not tell names apart. Each client poses at an address of its own.
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
