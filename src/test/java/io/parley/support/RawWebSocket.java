package io.parley.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A WebSocket client that writes frames byte by byte (RFC 6455 §5), for what no well-behaved client sends: text
 * frames that are not UTF-8, fragments, any opcode. It upgrades with a leg token as a browser does, reads the
 * server's frames on a thread of its own and records the close code.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private volatile int closeCode = -1;
    private volatile String closeReason = "";

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Upgrades to {@code url} with the token as the {@code parley.token.<token>} subprotocol. */
    public static RawWebSocket connect(String url, String token) {
        URI uri = URI.create(url);
        try {
            RawWebSocket ws = new RawWebSocket(new Socket(uri.getHost(), uri.getPort()));
            ws.socket.setSoTimeout((int) WAIT.toMillis());
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            ws.out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Protocol: parley.v1, parley.token." + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            InputStream in = ws.socket.getInputStream();
            String head = head(in);
            if (!head.startsWith("HTTP/1.1 101")) {
                ws.socket.close();
                throw new IllegalStateException("upgrade refused: " + head.lines().findFirst().orElse(head));
            }
            Thread reader = new Thread(() -> ws.read(new DataInputStream(in)), "raw-ws-reader");
            reader.setDaemon(true);
            reader.start();
            return ws;
        } catch (IOException e) {
            throw new IllegalStateException("could not connect to " + url, e);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                switch (first & 0x0F) {
                    case TEXT -> inbox.add(JSON.readTree(payload));
                    case PING -> frame(PONG, true, payload);
                    case CLOSE -> {
                        closeReason = payload.length > 2
                                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                                : "";
                        closeCode = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                        return;
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            if (closeCode < 0) {
                closeCode = 1006;
            }
        }
    }

    /** Writes one frame, masked as a client must; {@code fin} false for all but the last fragment. */
    public synchronized RawWebSocket frame(int opcode, boolean fin, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xFF);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            // The server may have closed already: what it said is in the close code.
        }
        return this;
    }

    /** A whole text frame of exactly these bytes, UTF-8 or not. */
    public RawWebSocket text(byte[] bytes) {
        return frame(TEXT, true, bytes);
    }

    public RawWebSocket text(String text) {
        return text(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next text frame of this type, waiting up to ten seconds; null when none came. */
    public JsonNode poll(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            for (long left = WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                JsonNode frame = inbox.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (frame != null && type.equals(frame.path("type").asText())) {
                    return frame;
                }
                if (frame == null && closeCode >= 0 && inbox.isEmpty()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Waits until the server closes the connection and answers its close code. */
    public int awaitClose() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (closeCode < 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return closeCode;
    }

    /**
     * After the server's close frame (never answered: this client sends no close of its own), whether the server
     * drops the connection within {@code within}: the end of the stream, or a reset.
     */
    public boolean droppedWithin(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // Whatever still comes before the end.
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The reason the server's close frame gave (a stable code for Parley's own closes). */
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
