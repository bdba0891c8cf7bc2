package io.parley.api;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link RoutingTest} against the packaged artifact: the JVM jar in `bin/test`, the native binary in the
 * workflow's native job (`-Dnative`).
 */
@QuarkusIntegrationTest
class RoutingIT extends RoutingTest {

    /** The artifact's management interface listens where failsafe said (pom.xml, it.management.port). */
    @Override
    String managementOrigin() {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)
                + "/";
    }
}
