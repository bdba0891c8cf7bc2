package io.parley.browser;

import java.net.URL;
import java.util.List;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import io.parley.support.Browser;
import io.parley.support.Parley;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every browser test class shares: one headless browser for the class, Parley's address, and after each
 * test its pages closed, no page's Content-Security-Policy having refused anything, and every session ended.
 */
abstract class InABrowser {

    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void everyoneLeaves() {
        List<String> violations = browser.policyViolations();
        browser.closeActors();
        Assertions.assertThat(violations).as("what the pages' Content-Security-Policy refused").isEmpty();
        Parley.reset();
    }
}
