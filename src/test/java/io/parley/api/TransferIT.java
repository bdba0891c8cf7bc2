package io.parley.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link TransferTest} against the packaged artifact: the JVM jar in `bin/test`, the native binary in the
 * workflow's native job (`-Dnative`).
 */
@QuarkusIntegrationTest
class TransferIT extends TransferTest {
}
