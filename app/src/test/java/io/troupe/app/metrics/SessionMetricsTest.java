package io.troupe.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.troupe.app.paper.PaperRunner;
import io.troupe.app.paper.PaperRuns;
import io.troupe.app.paper.SessionObserver;
import io.troupe.model.OrderRecord;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalEvent;
import io.troupe.persistence.JournalInspector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry after a real paper session (in this JVM) that trades and trips its drawdown breaker: each figure equals
 * what the session itself reports at its end (its result, its last step).
 */
class SessionMetricsTest {

  /** A session's registry, its outcome, and a scrape taken at its last step (while the agents still answer). */
  record Run(SessionMetrics metrics, PaperRunner.Outcome outcome, String lastScrape, StepAck last) {}

  static Run run(Path dir, Map<String, Object> sets) throws Exception {
    // 06:00 to 10:00 on 2022-01-01.
    List<String> rows = Files.readAllLines(PaperRuns.BTC);
    Path data = PaperRuns.btcLines(dir, rows.subList(420, 660));
    SessionMetrics metrics = new SessionMetrics("paper-session", null);
    String[] lastScrape = new String[1];
    StepAck[] last = new StepAck[1];
    // At the last step the node is idle and its agents answer: the scrape asks the risk supervisor for its vetoes.
    SessionObserver atTheEnd = new SessionObserver() {
      @Override
      public void stepCompleted(long step, long totalSteps, StepAck ack, long stepNanos) {
        if (step != totalSteps) return;
        last[0] = ack;
        try {
          lastScrape[0] = metrics.scrape().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    };
    // The slice is chosen for the seed genomes' trades in it.
    Map<String, Object> withSeedGenomes = new java.util.HashMap<>(sets);
    withSeedGenomes.putIfAbsent("troupe.specialists.dir", PaperRuns.HOME.resolve("examples/genomes/seed").toString());
    PaperRunner.Outcome outcome = PaperRuns.runner(data, dir.resolve("state"), Double.POSITIVE_INFINITY, withSeedGenomes, new PrintWriter(new StringWriter()),
        SessionObserver.all(List.of(metrics, atTheEnd))).run();
    return new Run(metrics, outcome, lastScrape[0], last[0]);
  }

  @Test
  void theRegistryHoldsWhatTheSessionReports(@TempDir Path dir) throws Exception {
    // A trade, and a drawdown breaker of 0.001% trips at step 174.
    Run run = run(dir, Map.of("troupe.risk.breakers.drawdown-pct", 0.001));
    SessionMetrics metrics = run.metrics();
    PaperRunner.Outcome outcome = run.outcome();
    StepAck[] last = {run.last()};
    String[] lastScrape = {run.lastScrape()};
    MeterRegistry r = metrics.registry();
    var result = outcome.result();

    assertEquals(result.positions().account().equity(), r.get("troupe.equity").gauge().value(), 0.0);
    assertEquals(result.positions().account().cash(), r.get("troupe.cash").gauge().value(), 0.0);
    assertEquals(last[0].account().exposure(), r.get("troupe.exposure").gauge().value(), 0.0);
    assertEquals(240, r.get("troupe.step").gauge().value());
    assertEquals(240, r.get("troupe.step.latency").timer().count(), "one latency per live step");
    assertTrue(r.get("troupe.journal.write").timer().count() > 0);
    // Every event the session journaled from the runner (not the trading states the journal records on its own).
    assertTrue(r.get("troupe.journal.events").counter().count() >= 1 + 2 * 240, r.get("troupe.journal.events").counter().count() + "");

    long fills = 0;
    try (JournalInspector j = JournalInspector.open(JournalConfig.h2(dir.resolve("state")))) {
      for (JournalEvent e : j.events("paper-session")) if (e.manifest().endsWith("$StepCompleted")) fills += e.payload().get("fills").size();
    }
    assertTrue(fills > 0, "the slice trades");
    assertEquals((double) fills, r.get("troupe.fills").counter().count(), "the fills the journal holds");

    Map<String, Long> byStatus = result.orders().orders().stream().collect(Collectors.groupingBy(OrderRecord::status, TreeMap::new, Collectors.counting()));
    for (var e : byStatus.entrySet()) {
      assertEquals((double) e.getValue(), r.get("troupe.orders").tag("state", e.getKey()).gauge().value(), e.getKey());
    }
    assertEquals(1.0, r.get("troupe.breaker.trips").tag("breaker", "drawdown").counter().count());
    assertEquals(0.0, r.get("troupe.breaker.trips").tag("breaker", "daily_loss").counter().count());
    assertEquals(1.0, r.get("troupe.trading.state").tag("state", "HALTED").gauge().value());
    assertEquals(0.0, r.get("troupe.trading.state").tag("state", "ACTIVE").gauge().value());
    assertTrue(r.get("troupe.drawdown").gauge().value() >= 0.001, "the breaker tripped on it");

    assertTrue(lastScrape[0].contains("jvm_memory_used_bytes"), "the JVM's binders");
  }

  @Test
  void vetoesAreCountedByReasonAsTheRiskSupervisorReportsThem(@TempDir Path dir) throws Exception {
    // Positions capped at 1% of equity: the specialists' entries are vetoed.
    Run run = run(dir, Map.of("troupe.risk.max-position-pct", 1));
    var vetoes = run.outcome().result().risk().vetoesByReason();
    assertTrue(!vetoes.isEmpty(), "the cap vetoes entries");
    for (var e : vetoes.entrySet()) {
      assertEquals((double) e.getValue(), run.metrics().registry().get("troupe.vetoes").tag("reason", e.getKey()).functionCounter().count(), e.getKey());
      assertTrue(run.lastScrape().contains("troupe_vetoes_total{reason=\"" + e.getKey() + "\",session=\"paper-session\"} " + e.getValue().doubleValue()),
          run.lastScrape());
    }
  }
}
