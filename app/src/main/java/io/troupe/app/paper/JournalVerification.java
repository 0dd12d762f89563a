package io.troupe.app.paper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.app.paper.PaperEvent.StepCompleted;
import io.troupe.app.paper.PaperEvent.SessionStarted;
import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.persistence.JournalEvent;
import io.troupe.model.AttributedFill;
import io.troupe.position.Portfolio;
import io.troupe.model.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code troupe journal verify}: rebuilds a paper session's account from its journaled fills alone and checks the
 * invariants every account must keep. Reads the journal's JSON trees, so it needs no actor system.
 */
public final class JournalVerification {

  /** {@code violations} empty when every invariant holds; {@code lines} describe what was checked. */
  public record Result(List<String> lines, List<String> violations) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private JournalVerification() {}

  /** The events of one session, in order; none means there is no session to verify (the caller exits 2). */
  public static Result verify(List<JournalEvent> events) {
    List<String> lines = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    SessionStarted started = null;
    List<StepCompleted> completions = new ArrayList<>();
    PaperEvent.RiskRecorded risk = null;
    try {
      for (JournalEvent e : events) {
        if (e.manifest().endsWith("$SessionStarted")) {
          started = JSON.treeToValue(e.payload(), SessionStarted.class);
        } else if (e.manifest().endsWith("$RiskRecorded")) {
          risk = JSON.treeToValue(e.payload(), PaperEvent.RiskRecorded.class);
        } else if (e.manifest().endsWith("$StepCompleted")) {
          completions.add(JSON.treeToValue(e.payload(), StepCompleted.class));
        } else if (e.manifest().startsWith(StepCompletedMigration.V1_CLASS)) {
          // Written by version 1; read as the journal's own recovery reads it.
          completions.add(JSON.treeToValue(StepCompletedMigration.upgrade(e.payload().deepCopy()), StepCompleted.class));
        }
      }
    } catch (java.io.IOException ex) {
      violations.add("an event does not read: " + ex.getMessage());
      return new Result(lines, violations);
    }
    if (started == null) {
      violations.add("no SessionStarted event: the journal does not say what the account started with");
      return new Result(lines, violations);
    }
    Result result = check(started, completions);
    if (risk != null) {
      // Not an invariant: what an operator reads after a crash (the breakers' baselines and any halt with its reason).
      io.troupe.risk.RiskBaselines b = risk.baselines();
      result.lines().add(String.format("risk at step %d: day start equity %.2f, week start %.2f, peak %.2f, restrictions %s", risk.step(),
          b.dayStartEquity(), b.weekStartEquity(), b.peakEquity(), b.restrictions().isEmpty() ? "none" : b.restrictions()));
    }
    return result;
  }

  /**
   * Cash equals the initial cash plus realised P&L minus fees, less what open spot positions cost; each position
   * equals the signed sum of its fills; no fill id appears twice.
   */
  static Result check(SessionStarted started, List<StepCompleted> completions) {
    List<String> lines = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    Map<String, Instrument> instruments = started.instruments();
    Portfolio rebuilt = new Portfolio(started.initialCash(), instruments);
    Map<String, Double> signedSums = new TreeMap<>();
    Set<String> fillIds = new HashSet<>();
    long fills = 0;
    StepAccount lastAccount = null;
    for (StepCompleted step : completions) {
      if (step.account() != null) lastAccount = step.account();
      for (AttributedFill af : step.fills()) {
        Fill f = af.fill();
        if (!fillIds.add(f.fillId())) {
          violations.add("fill " + f.fillId() + " is journaled twice (again at step " + step.step() + ")");
          continue;
        }
        if (!instruments.containsKey(f.symbol())) {
          violations.add("fill " + f.fillId() + " is for " + f.symbol() + ", not an instrument of the session");
          continue;
        }
        rebuilt.apply(f, af.reason(), af.specialist());
        signedSums.merge(f.symbol(), f.side().sign() * f.quantity(), Double::sum);
        fills++;
      }
    }
    double openCost = 0;
    for (Position p : rebuilt.positions().values()) {
      Instrument inst = instruments.get(p.symbol());
      if (inst.kind() == Instrument.Kind.SPOT) openCost += p.quantity() * p.avgPrice() * inst.multiplier();
    }
    double expectedCash = started.initialCash() + rebuilt.realizedPnl() - rebuilt.fees() - openCost;
    lines.add(String.format("steps completed %d, fills %d", completions.size(), fills));
    lines.add(String.format("cash %.6f = initial %.2f + realised %.6f - fees %.6f - open spot cost %.6f (%.6f)", rebuilt.cash(),
        started.initialCash(), rebuilt.realizedPnl(), rebuilt.fees(), openCost, expectedCash));
    if (Math.abs(rebuilt.cash() - expectedCash) > 1e-6 * Math.max(1, Math.abs(started.initialCash()))) {
      violations.add(String.format("cash %.6f differs from initial + realised - fees - open cost = %.6f", rebuilt.cash(), expectedCash));
    }
    if (lastAccount != null) {
      lines.add(String.format("cash journaled with the last step %.6f", lastAccount.cash()));
      if (Math.abs(rebuilt.cash() - lastAccount.cash()) > 1e-6 * Math.max(1, Math.abs(started.initialCash()))) {
        violations.add(String.format("cash rebuilt from the fills %.6f differs from the cash journaled with the last step %.6f", rebuilt.cash(), lastAccount.cash()));
      }
    }
    for (Position p : rebuilt.positions().values()) {
      double sum = signedSums.getOrDefault(p.symbol(), 0.0);
      lines.add(String.format("position %s %s = sum of its fills %s", p.symbol(), p.quantity(), sum));
      if (Math.abs(p.quantity() - sum) > Portfolio.QTY_EPSILON * Math.max(1, Math.abs(sum))) {
        violations.add("position " + p.symbol() + " is " + p.quantity() + " but its fills sum to " + sum);
      }
    }
    return new Result(lines, violations);
  }
}
