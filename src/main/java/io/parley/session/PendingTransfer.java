package io.parley.session;

import java.time.Instant;

/**
 * A transfer under way: the session has invited the second CSR ({@code toLegId}) and keeps the first
 * ({@code fromLegId}) until the second's leg is connected (cold) or the first leaves (warm). When the
 * second leg is not connected by {@code deadline}, the transfer fails and the first CSR stays.
 */
public record PendingTransfer(String fromLegId, String toLegId, TransferMode mode, Instant deadline) {
}
