package io.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@link RelayServer} as its own process on the servers' core. */
final class RelayTarget implements Target {

    private final Process process;
    private final String base;

    private RelayTarget(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    static RelayTarget start(String cores) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            // Pinned from its first instruction (taskset), so that its start-up runs on the servers' core as well.
            Process process = new ProcessBuilder("taskset", "-c", cores,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), RelayServer.class.getName(), Integer.toString(port))
                    .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "bench-relay.log").toFile()))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("listening")) {
                process.destroyForcibly();
                throw new IllegalStateException("the relay did not start: " + line);
            }
            return new RelayTarget(process, "http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public boolean relay() {
        return true;
    }

    @Override
    public String csrBase() {
        return base;
    }

    @Override
    public String visitorBase() {
        return base;
    }

    @Override
    public List<Long> serverPids() {
        return List.of(process.pid());
    }

    @Override
    public long dbPid() {
        return 0;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
