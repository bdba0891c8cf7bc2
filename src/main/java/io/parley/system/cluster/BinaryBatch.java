package io.parley.system.cluster;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Several binary messages in one: each its length (four bytes, big-endian) and its bytes, one after another. A
 * channel that pays per message (a NATS publish wakes a writer, the server and a reader) sends the frames that came
 * together as one. Pure; what is cut short or overlong is empty, never an exception.
 */
final class BinaryBatch {

    private BinaryBatch() {
    }

    static byte[] pack(List<byte[]> messages) {
        int size = 0;
        for (byte[] message : messages) {
            size += 4 + message.length;
        }
        ByteBuffer batch = ByteBuffer.allocate(size);
        for (byte[] message : messages) {
            batch.putInt(message.length).put(message);
        }
        return batch.array();
    }

    static Optional<List<byte[]>> unpack(byte[] batch) {
        List<byte[]> messages = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(batch);
        while (in.hasRemaining()) {
            if (in.remaining() < 4) {
                return Optional.empty();
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                return Optional.empty();
            }
            byte[] message = new byte[length];
            in.get(message);
            messages.add(message);
        }
        return Optional.of(messages);
    }
}
