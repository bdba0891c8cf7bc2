package io.parley.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sessions", description = "Sessions, newest first (staff see all, a customer its own).",
        footerHeading = "%nExamples:%n", footer = "  parley sessions --service sales --state waiting -u operator -p parley")
final class SessionsCommand extends Call {

    @Option(names = "--service", description = "Only this service's")
    String service;

    @Option(names = "--state", description = "Only sessions in this state: waiting, active or ended")
    String state;

    @Override
    void run(ParleyClient client) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("service", service);
        query.put("state", state);
        print(client.get("api/sessions" + ParleyClient.query(query)), Sessions.COLUMNS);
    }
}
