package io.troupe.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A live session's output: {@code troupe live} runs the paper session's code, whose lines (the runner's, the feed's,
 * the journal's, progress, alerts, a failure's {@code error: paper: ...}) name it {@code paper:}; through this writer
 * each such line starts {@code live:} instead, so an operator reading a live session's log never takes it for paper.
 * Whole lines are passed on; a line not yet ended waits for its end (or the writer's close).
 */
final class LiveLines extends Writer {
  private static final String PAPER = "paper:";
  private static final String LIVE = "live:";
  private static final String ERROR = "error: ";

  private final Writer out;
  private final StringBuilder line = new StringBuilder();

  private LiveLines(Writer out) {
    this.out = out;
  }

  static PrintWriter over(PrintWriter out) {
    return new PrintWriter(new LiveLines(out), true);
  }

  @Override
  public synchronized void write(char[] chars, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      line.append(chars[i]);
      if (chars[i] == '\n') emit();
    }
  }

  private void emit() throws IOException {
    out.write(renamed(line.toString()));
    line.setLength(0);
  }

  /** {@code text} with a leading {@code paper:} (after {@code error: } too) as {@code live:}. */
  static String renamed(String text) {
    if (text.startsWith(PAPER)) return LIVE + text.substring(PAPER.length());
    if (text.startsWith(ERROR + PAPER)) return ERROR + LIVE + text.substring(ERROR.length() + PAPER.length());
    return text;
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    if (line.length() > 0) emit();
    out.flush();
  }
}
