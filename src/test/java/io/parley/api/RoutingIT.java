package io.parley.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link RoutingTest} against the packaged artifact: the JVM jar in `bin/test`, the native binary in the
 * workflow's native job (`-Dnative`).
 */
@QuarkusIntegrationTest
class RoutingIT extends RoutingTest {
}
