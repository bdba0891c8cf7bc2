package io.parley.system;

/**
 * An operator signed an agent out: its consoles' standing channels close on every replica (with a code that
 * tells the console not to reconnect by itself), so no offer or invitation reaches a desk nobody is at.
 */
public record ConsoleRevoked(String agentId, String reason) {
}
