package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class TokenSecretCheckTest {

    private static final List<String> PRODUCTION = List.of("prod");
    private final SecureRandom random = new SecureRandom();

    private String base64(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private String hex(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    @Test
    void generatedSecretsPass() {
        for (int i = 0; i < 200; i++) {
            assertThat(TokenSecretCheck.problem(base64(48))).isEmpty();
            assertThat(TokenSecretCheck.problem(hex(32))).isEmpty();
            assertThat(TokenSecretCheck.problem(hex(16))).as("32 hex characters: 128 bits").isEmpty();
        }
    }

    @Test
    void shortRepeatedAndPoorSecretsAreRefused() {
        assertThat(TokenSecretCheck.problem("Xk3!v9#Lq2@w")).get().asString().contains("12 bytes, fewer than 32");
        assertThat(TokenSecretCheck.problem("a".repeat(64))).get().asString().contains("repeats");
        assertThat(TokenSecretCheck.problem("correct horse battery staple correct horse"))
                .get().asString().contains("repeats 'correct '");
        assertThat(TokenSecretCheck.problem("abababababababababababababababab")).isPresent();
        assertThat(TokenSecretCheck.problem("0101010010110100101101001011010110101001")).isPresent();
        assertThat(TokenSecretCheck.estimatedBits("0101010010110100101101001011010110101001")).isLessThan(41);
    }

    @Test
    void valuesPublishedWithParleyAndPlaceholdersAreRefused() {
        for (String shipped : TokenSecretCheck.SHIPPED) {
            assertThat(TokenSecretCheck.problem(shipped)).as(shipped).isPresent();
        }
        assertThat(TokenSecretCheck.problem("PLEASE-CHANGE-ME-" + hex(16))).get().asString().contains("published");
        assertThat(TokenSecretCheck.problem("replace-me:" + base64(32))).isPresent();
    }

    /** Whatever k8s/ ships as PARLEY_TOKENS_SECRET, start-up refuses it outside demo, dev and test. */
    @Test
    void theSecretShippedInTheKubernetesManifestsIsRefused() throws Exception {
        List<String> shipped = new ArrayList<>();
        Pattern literal = Pattern.compile("PARLEY_TOKENS_SECRET=(\\S+)");
        try (Stream<Path> files = Files.walk(Path.of("k8s"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher found = literal.matcher(Files.readString(file));
                while (found.find()) {
                    shipped.add(found.group(1));
                }
            }
        }
        assertThat(shipped).isNotEmpty();
        for (String secret : shipped) {
            assertThatThrownBy(() -> TokenSecretCheck.require(Optional.of(secret), PRODUCTION)).as(secret)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("parley.tokens.secret is refused")
                    .hasMessageContaining("openssl rand");
        }
    }

    @Test
    void startUpRefusesOutsideTheDemoDevAndTestProfilesOnly() {
        Optional<String> shipped = Optional.of(TokenSecretCheck.SHIPPED.getFirst());
        assertThatThrownBy(() -> TokenSecretCheck.require(shipped, PRODUCTION))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TokenSecretCheck.require(shipped, List.of("staging", "prod")))
                .isInstanceOf(IllegalStateException.class);
        TokenSecretCheck.require(shipped, List.of("test", "demo"));
        TokenSecretCheck.require(shipped, List.of("dev"));
        TokenSecretCheck.require(Optional.empty(), PRODUCTION);
        TokenSecretCheck.require(Optional.of(base64(48)), PRODUCTION);
    }

    @Test
    void aPreviousSecretKeptForARotationIsCheckedLikeTheCurrentOne() {
        Optional<String> shipped = Optional.of(TokenSecretCheck.SHIPPED.getFirst());
        assertThatThrownBy(() -> TokenSecretCheck.require("parley.tokens.previous-secret", shipped, PRODUCTION))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("parley.tokens.previous-secret");
        TokenSecretCheck.require("parley.tokens.previous-secret", Optional.of(base64(48)), PRODUCTION);
    }
}
