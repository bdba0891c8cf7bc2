package io.parley.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalPathTest {

    @Test
    void aPlainPathIsCanonical() {
        assertThat(CanonicalPath.isCanonical("/ws/sessions/a/legs/b/chat")).isTrue();
        assertThat(CanonicalPath.isCanonical("/")).isTrue();
        assertThat(CanonicalPath.isCanonical("/join/")).isTrue();
    }

    @Test
    void escapesDoubledSlashesAndDotSegmentsAreOtherSpellings() {
        assertThat(CanonicalPath.canonical("/ws/sessions/a/legs/b/%76oice")).hasValue("/ws/sessions/a/legs/b/voice");
        assertThat(CanonicalPath.canonical("/ws//sessions/a")).hasValue("/ws/sessions/a");
        assertThat(CanonicalPath.canonical("//ws/sessions/a")).hasValue("/ws/sessions/a");
        assertThat(CanonicalPath.canonical("/ws/sessions/a/legs/b/chat/../voice"))
                .hasValue("/ws/sessions/a/legs/b/voice");
        assertThat(CanonicalPath.canonical("/ws/./sessions")).hasValue("/ws/sessions");
        assertThat(CanonicalPath.canonical("/ws%2Fsessions")).hasValue("/ws/sessions");
        assertThat(CanonicalPath.canonical("/../../ws")).hasValue("/ws");
        assertThat(CanonicalPath.isCanonical("/ws/sessions/a/legs/b/%76oice")).isFalse();
        assertThat(CanonicalPath.isCanonical("/ws/sessions/a/%2e%2e/b")).isFalse();
    }

    @Test
    void brokenEscapesAndInvalidUtf8HaveNoCanonicalForm() {
        assertThat(CanonicalPath.canonical("/ws/%")).isEmpty();
        assertThat(CanonicalPath.canonical("/ws/%7")).isEmpty();
        assertThat(CanonicalPath.canonical("/ws/%zz")).isEmpty();
        assertThat(CanonicalPath.canonical("/ws/%c3%28")).isEmpty();
        assertThat(CanonicalPath.canonical("ws/relative")).isEmpty();
        assertThat(CanonicalPath.isCanonical(null)).isFalse();
    }
}
