package io.parley.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link CustomerCsrChatTest} against the packaged artifact: the JVM jar in `bin/test`, the native binary in the
 * workflow's native job (`-Dnative`).
 */
@QuarkusIntegrationTest
class CustomerCsrChatIT extends CustomerCsrChatTest {
}
