package io.parley.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sessions", description = "Sessions, newest first (staff see all, a customer its own).",
        footerHeading = "%nExamples:%n",
        footer = "  parley sessions --service sales --state waiting -u operator -p parley")
final class SessionsCommand extends Call {

    @Option(names = "--service", description = "Only this service's")
    String service;

    @Option(names = "--state", description = "Only sessions in this state: waiting, active or ended")
    String state;

    @Option(names = {"-w", "--watch"}, description = "Print the list again whenever it changes, until interrupted")
    boolean watch;

    @Option(names = "--interval", defaultValue = "PT2S", paramLabel = "DURATION",
            description = "How often --watch looks (default: 2 s)")
    Duration interval;

    @Override
    void run(ParleyClient client) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("service", service);
        query.put("state", state);
        JsonNode previous = null;
        do {
            JsonNode sessions = client.get("api/sessions" + ParleyClient.query(query));
            if (!sessions.equals(previous)) {
                if (previous != null) {
                    out().println();
                }
                print(sessions, Sessions.COLUMNS);
                previous = sessions;
            }
        } while (watch && pause());
    }

    private boolean pause() {
        try {
            Thread.sleep(interval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
