package io.parley.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that asks the service something: the connection options, and where its output goes. */
@Command
abstract class Call implements Callable<Integer> {

    /**
     * The connection options: declared once on {@code parley} and inherited by every command, so they may come
     * before the command ({@code parley --server URL services}) as well as after it.
     */
    Target target;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        target = ((ParleyCommand) spec.root().userObject()).target;
        run(target.client());
        return 0;
    }

    abstract void run(ParleyClient client);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void print(JsonNode data, Output.Column... columns) {
        Output.print(out(), target.format(), data, columns);
    }

    /** {@code csr:alice} as the API's endpoint body; null stays null. */
    static Map<String, String> endpoint(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not kind:id, e.g. csr:alice");
        }
        return Map.of("kind", text.substring(0, colon), "id", text.substring(colon + 1));
    }
}
