package io.troupe.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code troupe} command line in this JVM: its exit code and what it printed to out and err. */
public record CliRun(int exit, String out, String err) {

  public static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = TroupeCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
