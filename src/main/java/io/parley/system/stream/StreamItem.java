package io.parley.system.stream;

import java.time.Instant;
import java.util.Optional;

/** What a follower of the live event stream receives. */
public sealed interface StreamItem {

    /**
     * An entry of a session's event log ({@code kind} {@code session}: {@code subject} is the session, with its
     * service, {@code seq} and {@code actor}) or an agent's state change ({@code agent}: {@code subject} is the
     * agent, {@code type} {@code agent-state}, {@code data} its state and reason).
     *
     * @param id where the stream stands after this entry (a client resumes after it with {@code Last-Event-ID})
     * @param data the entry's details, a JSON object as stored
     */
    record Entry(Position position, Kind kind, String subject, String service, Long seq, String type, Instant at,
            String actor, String data) implements StreamItem {

        public String id() {
            return position.toString();
        }
    }

    /** The follower missed more than can be replayed: what it shows must be loaded again; it follows from now. */
    record Reset(String reason) implements StreamItem {
    }

    /** Subscribed (the first item of every follow), or nothing happened for a while: the connection is alive. */
    record Heartbeat() implements StreamItem {
    }

    enum Kind {
        AGENT('a', "agent"),
        SESSION('s', "session");

        private final char code;
        private final String wire;

        Kind(char code, String wire) {
            this.code = code;
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Optional<Kind> of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A place in the stream: entries come in the order their transactions began ({@code tx}), an agent's before a
     * session's within one, then by id. Written {@code tx-kind-id}, e.g. {@code 8812-s-40211}.
     */
    record Position(long tx, Kind kind, long id) implements Comparable<Position> {

        /** Before everything of transaction {@code tx}. */
        static Position before(long tx) {
            return new Position(tx, Kind.AGENT, -1);
        }

        /** A position a client sent back, or empty when it is not one. */
        public static Optional<Position> parse(String text) {
            if (text == null || text.length() > 45) {
                return Optional.empty();
            }
            String[] parts = text.split("-", -1);
            if (parts.length != 3 || parts[1].length() != 1) {
                return Optional.empty();
            }
            try {
                long tx = Long.parseLong(parts[0]);
                long id = Long.parseLong(parts[2]);
                return tx < 0 || id < 0 ? Optional.empty() : Kind.of(parts[1].charAt(0))
                        .map(kind -> new Position(tx, kind, id));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** The last session-log id of {@code tx} read (-1: none yet). */
        long sessionIdAfter() {
            return kind == Kind.SESSION ? id : -1;
        }

        /** The last agent-log id of {@code tx} read: all of them once a session entry of it was. */
        long agentIdAfter() {
            return kind == Kind.AGENT ? id : Long.MAX_VALUE;
        }

        @Override
        public int compareTo(Position other) {
            int byTx = Long.compare(tx, other.tx);
            if (byTx != 0) {
                return byTx;
            }
            int byKind = kind.compareTo(other.kind);
            return byKind != 0 ? byKind : Long.compare(id, other.id);
        }

        @Override
        public String toString() {
            return tx + "-" + kind.code + "-" + id;
        }
    }
}
