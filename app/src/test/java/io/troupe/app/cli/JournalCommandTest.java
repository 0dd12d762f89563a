package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.paper.PaperEvent;
import io.troupe.app.paper.PaperSession;
import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AttributedFill;
import java.util.Map;
import org.apache.pekko.Done;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe journal} reads a real H2 journal that Pekko Persistence wrote. */
class JournalCommandTest {

  /** A minimal journaled ledger, to have real events to look at. */
  static final class Ledger extends EventSourcedBehavior<Ledger.Book, Ledger.Booked, Double> {
    record Book(double amount, ActorRef<Double> replyTo) implements CborSerializable {}

    record Booked(double amount, String memo) implements CborSerializable {}

    Ledger(String id) {
      super(PersistenceId.ofUniqueId(id));
    }

    static Behavior<Book> create(String id) {
      return new Ledger(id);
    }

    @Override
    public Double emptyState() {
      return 0.0;
    }

    @Override
    public CommandHandler<Book, Booked, Double> commandHandler() {
      return newCommandHandlerBuilder().forAnyState()
          .onCommand(Book.class, (s, c) -> Effect().persist(new Booked(c.amount(), "fill")).thenRun(ns -> c.replyTo().tell(ns)))
          .build();
    }

    @Override
    public EventHandler<Double, Booked> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onEvent(Booked.class, (s, e) -> s + e.amount()).build();
    }
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CliRun r = CliRun.run(args);
    out.write(r.out());
    err.write(r.err());
    return r.exit();
  }

  @Test
  void listsShowsAndExportsWhatAJournalHolds(@TempDir Path state) throws Exception {
    Config journal = JournalConfig.h2(state);
    JournalSchema.createIfMissing(journal);
    ActorTestKit kit = ActorTestKit.create(journal.withFallback(ConfigFactory.load()));
    try {
      TestProbe<Double> probe = kit.createTestProbe();
      ActorRef<Ledger.Book> ledger = kit.spawn(Ledger.create("ledger-1"));
      for (double a : new double[] {1.5, 2.5, -1}) {
        ledger.tell(new Ledger.Book(a, probe.ref()));
        probe.receiveMessage();
      }
    } finally {
      kit.shutdownTestKit();
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "journal", "list", "--state", state.toString()), err.toString());
    assertTrue(out.toString().matches("(?s).*ledger-1\\s+3\\s+3.*"), out.toString());

    out = new StringWriter();
    assertEquals(0, run(out, err, "journal", "show", "ledger-1", "--state", state.toString()), err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals(3, lines.size());
    assertTrue(lines.get(1).contains("Booked") && lines.get(1).contains("\"amount\":2.5") && lines.get(1).contains("\"memo\":\"fill\""), lines.get(1));

    Path jsonl = state.resolve("all.jsonl");
    assertEquals(0, run(new StringWriter(), err, "journal", "export", "--state", state.toString(), "--out", jsonl.toString()));
    assertEquals(3, Files.readAllLines(jsonl).size());
  }

  @Test
  void aMissingJournalOrAnUnknownEntityExitsTwo(@TempDir Path state) {
    StringWriter err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "journal", "list", "--state", state.resolve("nowhere").toString()));
    assertTrue(err.toString().contains("no journal here"), err.toString());
    assertEquals(2, run(new StringWriter(), new StringWriter(), "journal", "list"));
  }

  @Test
  void verifyExitsThreeWithFindingsWhenAFillIsJournaledTwice(@TempDir Path state) throws Exception {
    Config journal = JournalConfig.h2(state);
    JournalSchema.createIfMissing(journal);
    ActorTestKit kit = ActorTestKit.create(journal.withFallback(ConfigFactory.load()));
    try {
      TestProbe<Done> probe = kit.createTestProbe();
      ActorRef<PaperSession.Command> session = kit.spawn(PaperSession.create(PaperSession.DEFAULT_ID));
      Fill buy = new Fill("o1", "f1", "BTC", 60_000, Side.BUY, 0.5, 100, 0.05, Liquidity.TAKER, 0);
      Fill sell = new Fill("o2", "f2", "BTC", 120_000, Side.SELL, 0.5, 110, 0.055, Liquidity.TAKER, 0);
      session.tell(new PaperSession.Record(List.of(
          new PaperEvent.SessionStarted(1000, Map.of("BTC", Instrument.spot("BTC")), Map.of()),
          new PaperEvent.StepRecorded(1, 60_000, "d1"),
          new PaperEvent.StepCompleted(1, 60_000, List.of(new AttributedFill(buy, "entry", "s")), null, List.of()),
          new PaperEvent.StepRecorded(2, 120_000, "d2"),
          // the same fill applied again: the invariant every replay must keep
          new PaperEvent.StepCompleted(2, 120_000, List.of(new AttributedFill(buy, "entry", "s"), new AttributedFill(sell, "exit", "s")), null, List.of())),
          probe.ref()));
      probe.receiveMessage();
    } finally {
      kit.shutdownTestKit();
    }
    StringWriter out = new StringWriter();
    // 3, not 1: the check ran and found a broken invariant, which is not an internal failure
    assertEquals(TroupeCli.EXIT_FINDINGS, run(out, new StringWriter(), "journal", "verify", "--state", state.toString()), out.toString());
    assertEquals(3, TroupeCli.EXIT_FINDINGS);
    assertTrue(out.toString().contains("BROKEN: fill f1 is journaled twice (again at step 2)"), out.toString());
    assertTrue(out.toString().contains("cash 1004.895000"), out.toString());
  }

  @Test
  void verifyExitsTwoWithoutAJournalOrASession(@TempDir Path state) {
    StringWriter err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "journal", "verify", "--state", state.resolve("nowhere").toString()));
    assertTrue(err.toString().contains("no journal here"), err.toString());
  }

  @Test
  void verifyExitsTwoForAnUnknownSession(@TempDir Path state) throws Exception {
    JournalSchema.createIfMissing(JournalConfig.h2(state));
    StringWriter err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "journal", "verify", "--state", state.toString(), "--session", "nobody"));
    assertTrue(err.toString().contains("no paper session 'nobody'"), err.toString());
  }
}
