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
    return verify(events, null);
  }

  /**
   * Reads every event of the session (each must decode and read as the event its manifest names), checks that the
   * sequence numbers run from 1 without a gap, that steps are recorded and completed in order without a gap, and that
   * the journal reaches as far as the session's {@code manifest} (null: none kept) recorded; then the account's
   * invariants ({@link #check}).
   */
  public static Result verify(List<JournalEvent> events, SessionManifest manifest) {
    List<String> lines = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    SessionStarted started = null;
    List<StepCompleted> completions = new ArrayList<>();
    PaperEvent.RiskRecorded risk = null;
    long expectedSeq = 1;
    long recordedSteps = 0;
    long lastCompleted = 0;
    int unreadable = 0;
    for (JournalEvent e : events) {
      if (e.sequenceNr() != expectedSeq) {
        violations.add(e.sequenceNr() > expectedSeq
            ? "events " + expectedSeq + (e.sequenceNr() - 1 > expectedSeq ? " to " + (e.sequenceNr() - 1) : "") + " are missing (the next is " + e.sequenceNr() + ")"
            : "event " + e.sequenceNr() + " comes again after event " + (expectedSeq - 1));
      }
      expectedSeq = e.sequenceNr() + 1;
      Object event;
      try {
        event = read(e);
      } catch (java.io.IOException | IllegalArgumentException ex) {
        if (++unreadable <= 10) violations.add("event " + e.sequenceNr() + " (" + e.manifest() + ") does not read: " + firstLine(ex.getMessage()));
        continue;
      }
      if (event instanceof SessionStarted s) {
        started = s;
      } else if (event instanceof PaperEvent.RiskRecorded r) {
        risk = r;
      } else if (event instanceof PaperEvent.StepRecorded r) {
        if (r.step() != recordedSteps + 1) violations.add("event " + e.sequenceNr() + ": step " + r.step() + " is recorded after step " + recordedSteps);
        recordedSteps = r.step();
      } else if (event instanceof StepCompleted c) {
        if (c.step() != lastCompleted + 1) violations.add("event " + e.sequenceNr() + ": step " + c.step() + " is completed after step " + lastCompleted);
        if (c.step() > recordedSteps) violations.add("event " + e.sequenceNr() + ": step " + c.step() + " is completed but was never recorded as started");
        lastCompleted = c.step();
        completions.add(c);
      }
    }
    if (unreadable > 10) violations.add((unreadable - 10) + " more events do not read");
    lines.add(String.format("events %d, read one by one; sequence 1 to %d%s", events.size(), expectedSeq - 1,
        violations.isEmpty() ? " without a gap" : ""));
    if (manifest != null) {
      lines.add("manifest: " + manifest.completedSteps() + " completed steps recorded outside the journal; the journal holds " + lastCompleted);
      if (lastCompleted < manifest.completedSteps()) {
        violations.add("the journal holds " + lastCompleted + " completed steps, but the session's manifest records " + manifest.completedSteps()
            + ": steps " + (lastCompleted + 1) + " to " + manifest.completedSteps() + " and their fills are missing (a damaged or rolled-back journal)");
      }
    }
    if (started == null) {
      violations.add("no SessionStarted event: the journal does not say what the account started with");
      return new Result(lines, violations);
    }
    Result result = check(started, completions);
    lines.addAll(result.lines());
    violations.addAll(result.violations());
    if (risk != null) {
      // Not an invariant: what an operator reads after a crash (the breakers' baselines and any halt with its reason).
      io.troupe.risk.RiskBaselines b = risk.baselines();
      lines.add(String.format("risk at step %d: day start equity %.2f, week start %.2f, peak %.2f, restrictions %s", risk.step(),
          b.dayStartEquity(), b.weekStartEquity(), b.peakEquity(), b.restrictions().isEmpty() ? "none" : b.restrictions()));
    }
    return new Result(lines, violations);
  }

  /** The event a journal row holds, read as the class its manifest names; a row that does not decode, or reads as nothing known, throws. */
  private static Object read(JournalEvent e) throws java.io.IOException {
    if (e.payload().has("error") && e.payload().has("base64")) throw new java.io.IOException("its payload does not decode: " + e.payload().get("error").asText());
    String manifest = e.manifest();
    if (manifest.startsWith(StepCompletedMigration.V1_CLASS)) {
      // Written by version 1; read as the journal's own recovery reads it.
      return JSON.treeToValue(StepCompletedMigration.upgrade(e.payload().deepCopy()), StepCompleted.class);
    }
    String className = manifest.contains("#") ? manifest.substring(0, manifest.indexOf('#')) : manifest;
    className = new PackageMoveMigration().transformClassName(1, className);
    Class<?> type = EVENT_TYPES.get(className);
    if (type == null) return JSON.treeToValue(e.payload(), Object.class); // not a paper event: decodes, nothing to check
    return JSON.treeToValue(e.payload(), type);
  }

  /** The paper events by class name, as the journal's manifests name them. */
  private static final Map<String, Class<?>> EVENT_TYPES = eventTypes();

  private static Map<String, Class<?>> eventTypes() {
    Map<String, Class<?>> types = new java.util.HashMap<>();
    for (Class<?> c : PaperEvent.class.getPermittedSubclasses()) types.put(c.getName(), c);
    return types;
  }

  private static String firstLine(String message) {
    if (message == null) return "(no message)";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
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
      if (inst.paidInFull()) openCost += p.quantity() * p.avgPrice() * inst.valueMultiplier();
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
