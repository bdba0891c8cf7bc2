package io.parley.cli;

import java.util.Collections;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Offers of sessions to agents: list, accept, decline. */
final class OfferCommands {

    private OfferCommands() {
    }

    @Command(name = "offers", description = "Open offers: your own as an agent, anyone's as an operator.",
            footerHeading = "%nExamples:%n", footer = "  parley offers -u bob -p parley")
    static final class List extends Call {

        @Option(names = "--agent", description = "Only this agent's (operators)")
        String agent;

        @Override
        void run(ParleyClient client) {
            print(client.get("api/offers" + ParleyClient.query(Collections.singletonMap("agent", agent))),
                    Output.Column.of("OFFER", "/id"), Output.Column.of("SESSION", "/sessionId"),
                    Output.Column.of("AGENT", "/agent"), Output.Column.of("SERVICE", "/service"),
                    Output.Column.of("PURPOSE", "/purpose"), Output.Column.of("SUBJECT", "/subject"),
                    Output.Column.of("EXPIRES", "/expires"));
        }
    }

    @Command(name = "offer", description = "Answer an offer.", subcommands = {Accept.class, Decline.class})
    static final class Answer {
    }

    /** Accept and decline: the same request, another verb. */
    abstract static class Answering extends Call {

        @Parameters(index = "0", paramLabel = "OFFER")
        String id;

        @Option(names = "--as", paramLabel = "KIND:ID", description = "Answer for this agent (operators)")
        String as;

        abstract String verb();

        /** Why, for a decline (the CSR who asked by name reads it); null otherwise. */
        String reason() {
            return null;
        }

        @Override
        void run(ParleyClient client) {
            Changes.print(this, client.post("api/offers/{id}/" + verb(), ParleyClient.body("onBehalfOf",
                    endpoint(as), "reason", reason()), id));
        }
    }

    @Command(name = "accept", description = "Accept an offer: you are invited into the session.",
            footerHeading = "%nExamples:%n", footer = "  parley offer accept 9c1e… -u bob -p parley")
    static final class Accept extends Answering {

        @Override
        String verb() {
            return "accept";
        }
    }

    @Command(name = "decline", description = "Decline an offer: it goes to the next agent who fits, or a conference "
            + "or transfer asked of you by name ends (the CSR who asked is told, with your reason).",
            footerHeading = "%nExamples:%n",
            footer = "  parley offer decline 9c1e… --reason \"on a call with a supplier\" -u bob -p parley")
    static final class Decline extends Answering {

        @Option(names = "--reason", description = "Why (at most 200 characters)")
        String reason;

        @Override
        String reason() {
            return reason;
        }

        @Override
        String verb() {
            return "decline";
        }
    }
}
