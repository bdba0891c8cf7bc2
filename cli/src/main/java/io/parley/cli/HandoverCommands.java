package io.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Conference and transfer: a second CSR, named or found for a subject. */
final class HandoverCommands {

    private HandoverCommands() {
    }

    /** Exactly one of a named CSR and a subject. */
    static void exactlyOne(Call call, String to, String subject) {
        if ((to == null) == (subject == null)) {
            throw new CommandLine.ParameterException(call.spec.commandLine(),
                    "name the second CSR (--to csr:ID) or a subject (--subject), one of them");
        }
    }

    @Command(name = "conference", description = "Bring a second CSR into a session.",
            footerHeading = "%nExamples:%n", footer = {"  parley conference 3f2a… --to csr:bob -u alice -p parley",
                "  parley conference 3f2a… --subject billing --as csr:alice -u operator -p parley"})
    static final class Conference extends Call {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Option(names = "--to", paramLabel = "KIND:ID", description = "The second CSR, e.g. csr:bob")
        String to;

        @Option(names = "--subject", description = "Whoever fits this subject (waits in its queue)")
        String subject;

        @Option(names = "--as", paramLabel = "KIND:ID", description = "Act on behalf of this CSR (operators)")
        String as;

        @Override
        void run(ParleyClient client) {
            exactlyOne(this, to, subject);
            Changes.print(this, client.post("api/sessions/{id}/conference", ParleyClient.body("to",
                    endpoint(to), "subject", subject, "onBehalfOf", endpoint(as)), id));
        }
    }

    @Command(name = "transfer", description = "Hand the customer to a second CSR; the first leaves once it has joined.",
            footerHeading = "%nExamples:%n",
            footer = {"  parley transfer 3f2a… --to csr:bob --mode warm -u alice -p parley",
                "  parley transfer 3f2a… --subject billing --as csr:alice -u operator -p parley"})
    static final class Transfer extends Call {

        @Parameters(index = "0", paramLabel = "SESSION")
        String id;

        @Option(names = "--to", paramLabel = "KIND:ID", description = "The second CSR, e.g. csr:bob")
        String to;

        @Option(names = "--subject", description = "Whoever fits this subject (waits in its queue)")
        String subject;

        @Option(names = "--mode", defaultValue = "cold", description = "cold (the first CSR leaves as soon as the"
                + " second connects) or warm (both stay until the first leaves); default: ${DEFAULT-VALUE}")
        String mode;

        @Option(names = "--as", paramLabel = "KIND:ID", description = "Act on behalf of this CSR (operators)")
        String as;

        @Override
        void run(ParleyClient client) {
            exactlyOne(this, to, subject);
            Changes.print(this, client.post("api/sessions/{id}/transfer", ParleyClient.body("to", endpoint(to),
                    "subject", subject, "mode", mode, "onBehalfOf", endpoint(as)), id));
        }
    }
}
