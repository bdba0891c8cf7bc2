package io.parley.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * {@code parley}: script sessions, conference and transfer, and operate a running Parley. Exit codes:
 * 0 done, 1 refused by the service (its error code is printed), 2 usage, 3 cannot connect.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "parley 0.1.0",
        description = "Script and inspect a running Parley contact center.",
        subcommands = {ServicesCommand.class, AgentsCommand.class, AgentCommand.class, SessionsCommand.class,
                SessionCommand.class, HandoverCommands.Conference.class, HandoverCommands.Transfer.class,
                HandoverCommands.CallOff.class,
                OfferCommands.List.class, OfferCommands.Answer.class, LogCommands.Events.class,
                LogCommands.Transcript.class, LogCommands.Explain.class, LogCommands.Stats.class,
                WallboardCommand.class,
                ChatCommand.class,
                SuperviseCommands.Monitor.class, SuperviseCommands.Whisper.class, SuperviseCommands.Barge.class,
                SuperviseCommands.TakeOver.class, NoteCommand.class, RepliesCommand.class, HistoryCommand.class,
                ScenarioCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused by the service (its error code is printed)", "2:usage",
                "3:cannot connect to Parley"},
        footerHeading = "%nConnection:%n",
        footer = {"  Every command takes --server (or $PARLEY_URL), -u/--user and -p/--password",
                "  (or $PARLEY_USER, $PARLEY_PASSWORD) or --token (or $PARLEY_TOKEN),",
                "  and -o json for scripts."})
public final class ParleyCommand {

    /** Where Parley is and who asks: inherited by every command (the command-level scope), before or after it. */
    @Mixin
    Target target;

    public static final int REFUSED = 1;
    public static final int UNREACHABLE = 3;

    public static void main(String... args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Parley's exit codes for refusals and unreachable servers. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new ParleyCommand());
        line.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            if (failure instanceof ParleyClient.Refused refused) {
                err.println("error: " + refused.code() + ": " + refused.getMessage());
                err.flush();
                return REFUSED;
            }
            if (failure instanceof LegChat.Failed failed) {
                err.println("error: " + failed.getMessage());
                err.flush();
                return REFUSED;
            }
            if (failure instanceof ParleyClient.Unreachable unreachable) {
                err.println("error: " + unreachable.getMessage());
                err.flush();
                return UNREACHABLE;
            }
            // A value checked when the command runs (an endpoint not written kind:id) is bad usage too.
            if (failure instanceof CommandLine.TypeConversionException badValue) {
                err.println("error: " + badValue.getMessage());
                err.flush();
                return commandLine.getCommandSpec().exitCodeOnInvalidInput();
            }
            if (failure instanceof CommandLine.ParameterException usage) {
                err.println("error: " + usage.getMessage());
                err.flush();
                return commandLine.getCommandSpec().exitCodeOnInvalidInput();
            }
            throw failure;
        });
        return line;
    }
}
