package io.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Conference and transfer: a second CSR, named or found for a subject, who is offered it and may decline; and calling
 * either off.
 */
final class HandoverCommands {

    private HandoverCommands() {
    }

    /** What conference and transfer share: the session, the second CSR or a subject, and who asks. */
    abstract static class Handover extends SessionCall {

        @Option(names = "--to", paramLabel = "KIND:ID", description = "The second CSR, e.g. csr:bob")
        String to;

        @Option(names = "--subject", description = "Whoever fits this subject (waits in its queue)")
        String subject;

        @Option(names = "--note", description = "A note for the CSR who is offered it (at most 500 characters)")
        String note;

        /** The request's path under the session: conference or transfer. */
        abstract String path();

        String mode() {
            return null;
        }

        @Override
        void run(ParleyClient client) {
            if ((to == null) == (subject == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "name the second CSR (--to csr:ID) or a subject (--subject), one of them");
            }
            Changes.print(this, client.post("api/sessions/{id}/" + path(), ParleyClient.body("to", endpoint(to),
                    "subject", subject, "mode", mode(), "note", note, "onBehalfOf", onBehalfOf()), id));
        }
    }

    @Command(name = "conference", description = "Bring a second CSR into a session: it is offered the session and "
            + "joins when it accepts.", footerHeading = "%nExamples:%n",
            footer = {"  parley conference 3f2a… --to csr:bob --note \"asks about VAT\" -u alice -p parley",
                    "  parley conference 3f2a… --subject billing --as csr:alice -u operator -p parley"})
    static final class Conference extends Handover {

        @Override
        String path() {
            return "conference";
        }
    }

    @Command(name = "call-off", aliases = "cancel-handover",
            description = "Call off a conference or transfer under way: a wait for whoever fits a subject (its offers"
                    + " are withdrawn), an offer to a named CSR, or a second CSR who has not joined yet.",
            footerHeading = "%nExamples:%n", footer = {"  parley call-off 3f2a… -u alice -p parley",
                    "  parley call-off 3f2a… --as csr:alice -u operator -p parley"})
    static final class CallOff extends SessionCall {

        @Override
        void run(ParleyClient client) {
            Changes.print(this, client.delete("api/sessions/{id}/handover" + onBehalfOfQuery(), id));
        }
    }

    @Command(name = "transfer", description = "Hand the customer to a second CSR, who is offered it; the first leaves "
            + "once it has joined.",
            footerHeading = "%nExamples:%n",
            footer = {"  parley transfer 3f2a… --to csr:bob --mode warm -u alice -p parley",
                    "  parley transfer 3f2a… --subject billing --as csr:alice -u operator -p parley"})
    static final class Transfer extends Handover {

        @Option(names = "--mode", defaultValue = "cold", description = "cold (the first CSR leaves as soon as the"
                + " second connects) or warm (both stay until the first leaves); default: ${DEFAULT-VALUE}")
        String mode;

        @Override
        String path() {
            return "transfer";
        }

        @Override
        String mode() {
            return mode;
        }
    }
}
