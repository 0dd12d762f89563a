package io.troupe.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, set up in code: warnings and above to stderr (errors with their stack trace, warnings on one line), so command output on stdout stays clean for pipes;
 * {@code TROUPE_LOG_LEVEL} (system property or environment) changes the level. In code rather than in a logback.xml
 * because reading the XML loads and runs logback's whole XML configurator, a noticeable share of a short command's
 * start-up. A {@code logback.configurationFile} or a {@code logback-test.xml} on the class path still takes over.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null || getClass().getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level()));
    // Errors with their stack trace; warnings on one line each (a library's warning about a broken connection carries
    // a trace that says nothing the line does not).
    root.addAppender(stderr(context, "STDERR", PATTERN, e -> e.getLevel().isGreaterOrEqual(Level.ERROR)));
    root.addAppender(stderr(context, "STDERR-LINES", PATTERN_ONE_LINE, e -> !e.getLevel().isGreaterOrEqual(Level.ERROR)));
    // The connection pool warns of each broken connection; a paper session says once that the journal is lost.
    context.getLogger("com.zaxxer.hikari").setLevel(Level.ERROR);
    // Slick warns when closing a session whose connection failed: the failure itself is what the command reports.
    context.getLogger("slick.basic.BasicBackend.action").setLevel(Level.ERROR);
    context.addTurboFilter(new ReportedJournalFailures());
    // A port the API cannot bind is bad input, said once in one line (OperatorApi); Pekko's listener would log it
    // again as an error with a stack trace.
    context.getLogger("org.apache.pekko.io.TcpListener").setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The message's first line only: some libraries put the trace into the message itself. */
  static final String PATTERN_ONE_LINE = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %replace(%msg){'(?s)[\\r\\n].*', ''}%n%nopex";

  private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context, String name, String pattern,
      java.util.function.Predicate<ILoggingEvent> accept) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(name);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    Filter<ILoggingEvent> filter = new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        return accept.test(event) ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
    };
    filter.start();
    appender.addFilter(filter);
    appender.start();
    return appender;
  }

  /**
   * A paper session's journal that fails stops its event-sourced actor, and Pekko logs that stop as an error with the
   * whole trace. The session reports the same failure itself, in one line that says what it means (and logs the trace
   * at debug level), so Pekko's is left out; so is the read side's error when the database it shares with the journal
   * is lost, full or closed (it restarts by itself, and the session's own lines say what happened).
   */
  static final class ReportedJournalFailures extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
      if (level != Level.ERROR) return FilterReply.NEUTRAL;
      boolean session = logger.getName().equals(io.troupe.app.paper.PaperSession.class.getName());
      if (!session && !logger.getName().startsWith("org.apache.pekko.projection.")) return FilterReply.NEUTRAL;
      Throwable failure = t;
      if (failure == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) failure = last;
      if (failure == null) return FilterReply.NEUTRAL;
      if (session) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
          if (c.getClass().getName().equals("org.apache.pekko.persistence.typed.internal.JournalFailureException")) return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
      }
      // Faults of the database the session shares with its read side: the session's own line names them.
      return switch (io.troupe.app.paper.JournalFault.of(failure).kind()) {
        case CONNECTION_LOST, DISK_FULL, STORE_CLOSED -> FilterReply.DENY;
        default -> FilterReply.NEUTRAL;
      };
    }
  }

  private static String level() {
    String p = System.getProperty("TROUPE_LOG_LEVEL");
    if (p != null) return p;
    String e = System.getenv("TROUPE_LOG_LEVEL");
    return e != null ? e : "WARN";
  }
}
