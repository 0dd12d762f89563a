package io.troupe.app.cli;

import io.troupe.model.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code troupe} command. Exit codes: 0 success, 1 internal failure, 2 bad usage or bad input, 3 findings (a check
 * such as {@code journal verify} ran and found something broken).
 */
@Command(
    name = "troupe",
    mixinStandardHelpOptions = true,
    version = "troupe 0.1.0",
    description = "Actor-based multi-agent trading system.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal failure: a bug (the message and stack trace say where), or a fault named in one line (an agent, a paper session's journal)",
      "2:bad usage or bad input: the message names the option, key, file, line or field",
      "3:findings: a check ran and found something broken (journal verify, lookahead)",
      "130:stopped by SIGINT (143: by SIGTERM) after a step, durable; run the same command to resume"
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      IndicatorsCommand.class,
      BacktestCommand.class,
      OptimizeCommand.class,
      WalkForwardCommand.class,
      LookaheadCommand.class,
      TrainCommand.class,
      MonteCarloCommand.class,
      DataCommand.class,
      DownloadDataCommand.class,
      BenchCommand.class,
      RegimesCommand.class,
      EdgeCommand.class,
      JournalCommand.class,
      PaperCommand.class,
      LiveCommand.class,
      ListCommand.class,
      SwapSpecialistCommand.class,
      ClusterNodeCommand.class,
      ClusterCommand.class,
    })
public final class TroupeCli implements Runnable {

  public static final int EXIT_OK = 0;
  public static final int EXIT_INTERNAL = 1;
  public static final int EXIT_BAD_INPUT = 2;
  /** A check ran to the end and found something broken (journal verify); distinct from a failure to run it. */
  public static final int EXIT_FINDINGS = 3;
  /**
   * A session stopped by a signal after its current step (the JVM itself exits 128 + the signal: 130 for SIGINT, 143
   * for SIGTERM); what a stop requested in this JVM returns.
   */
  public static final int EXIT_STOPPED = 130;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** No command is bad usage: the usage goes to standard error, and the exit code says so (2). */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new InvalidInputException("give a command, e.g. troupe backtest (the commands are listed above)");
  }

  public static void main(String[] args) {
    // Initialise SLF4J before Pekko's logger races it, which makes SLF4J print replay warnings to stderr.
    org.slf4j.LoggerFactory.getILoggerFactory();
    int code = execute(args);
    // The command is over: the JVM's shutdown hooks are all that is left. One that waits on something that never comes
    // (a downed cluster member's hook on a peer across a partition) must not keep the process alive: it goes anyway.
    java.util.concurrent.CompletableFuture.delayedExecutor(EXIT_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> Runtime.getRuntime().halt(code));
    System.exit(code);
  }

  /** How long the shutdown hooks may take after a command has ended. */
  static final long EXIT_GRACE_MILLIS = 20_000;

  /** Runs the CLI without exiting the JVM; tests call this. */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new TroupeCli());
    OptimizeCommand.describeSeed(cli);
    cli.setExitCodeExceptionMapper(
        e -> e instanceof InvalidInputException || e instanceof CommandLine.ParameterException ? EXIT_BAD_INPUT : EXIT_INTERNAL);
    // A mistyped option: the problem in one line and where the help is, instead of the whole usage text.
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          java.io.PrintWriter err = cmd.getErr();
          err.println("error: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
          err.println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
          err.flush();
          return EXIT_BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          Throwable cause = unwrap(ex);
          if (cause instanceof InvalidInputException) {
            commandLine.getErr().println("error: " + cause.getMessage());
            return EXIT_BAD_INPUT;
          }
          if (cause instanceof io.troupe.node.AgentFailure || cause instanceof io.troupe.app.paper.PaperFailure) {
            // Already logged where it happened (a paper session's journal fault at debug level, with its trace): one
            // line says what failed and where.
            commandLine.getErr().println("error: " + cause.getMessage());
            return EXIT_INTERNAL;
          }
          commandLine.getErr().println("internal error: " + cause);
          cause.printStackTrace(commandLine.getErr());
          return EXIT_INTERNAL;
        });
    return cli;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null
        && (cur instanceof java.util.concurrent.CompletionException
            || cur instanceof java.util.concurrent.ExecutionException
            || cur.getClass().getName().contains("ExecutionException"))) {
      cur = cur.getCause();
    }
    // A bad row may arrive wrapped by the stream machinery; find it anywhere in the chain.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException) return c;
    }
    return cur;
  }
}
