package io.parley.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link ServiceCheckTest} against the packaged artifact: the check reads YAML with the SmallRye mapping at
 * run time, which the native binary must be able to do too (the workflow's native job runs this).
 */
@QuarkusIntegrationTest
class ServiceCheckIT extends ServiceCheckTest {
}
