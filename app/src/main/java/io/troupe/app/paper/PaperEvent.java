package io.troupe.app.paper;

import io.troupe.model.Instrument;
import io.troupe.model.OrderRecord;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AttributedFill;
import io.troupe.model.TradingState;
import java.util.List;
import java.util.Map;

/**
 * What a paper session journals: its write-ahead record, and the event-sourced account (fills, positions, cash,
 * working orders, trading state). Bars are not journaled (the data files are the record of the market); each step's
 * digest is, so a resume on other data is caught.
 *
 * <p>Evolution: journals stay readable across versions. {@code StepCompleted} was {@code FillsRecorded(step, time,
 * fills)} up to the first release; {@link StepCompletedMigration} reads those as {@code StepCompleted} without account.
 */
public sealed interface PaperEvent extends CborSerializable {

  /**
   * The first event of a session: what the account starts with and the settings it runs under (as reported in
   * summary.json, values as text), so a resume under other settings is refused and {@code journal verify} can
   * rebuild the account from the fills alone.
   */
  record SessionStarted(double initialCash, Map<String, Instrument> instruments, Map<String, String> settings) implements PaperEvent {}

  /** Written before step {@code step} (1-based, in the data) is driven through the node. */
  record StepRecorded(long step, long time, String barsDigest) implements PaperEvent {}

  /**
   * Written once step {@code step} has completed: the fills it applied in order, the account at its close (cash,
   * equity, margin, exposure; positions are the sums of the fills), and the orders that changed during it (as they
   * stand at its close). Marks the step done.
   *
   * @param account null in steps journaled before version 2
   */
  record StepCompleted(long step, long time, List<AttributedFill> fills, StepAccount account, List<OrderRecord> orders) implements PaperEvent {
    public StepCompleted {
      orders = orders == null ? List.of() : orders;
    }
  }

  /**
   * At the close of step {@code step} the circuit breakers' baselines or the restrictions in force (halt reasons)
   * differ from the last recorded: the risk supervisor's state as an operator must find it again after a crash.
   */
  record RiskRecorded(long step, long time, io.troupe.risk.RiskBaselines baselines) implements PaperEvent {}

  /**
   * The LLM adviser's rulings on step {@code step}'s entries, each with every endpoint's verdict and reason: the audit
   * trail of its advice, and what a resume's replay of the step reads instead of asking again (after the step's
   * {@link StepCompleted}).
   */
  record AdviceRecorded(long step, long time, List<io.troupe.adviser.AdviceRuling> rulings) implements PaperEvent {}

  /** The risk supervisor's trading state changed during the step at {@code time}. */
  record TradingStateRecorded(long time, TradingState state, String reason) implements PaperEvent {}

  /**
   * Every agent's state was captured at the close of step {@code step} ({@code bytes} in all, by the build
   * {@code code}, in the checkpoint format {@code format}: {@code StateCodec.FORMAT}, 0 in journals before versioned
   * checkpoints); the snapshot taken with this event holds it, so a resume starts there instead of at the data's
   * first step. A resume under another build uses it when its format is the build's and it decodes; {@code code} is
   * kept as information. {@code dataDigest} chains the bars' digests of every step up to this one
   * ({@link BarsDigest#chain}): a resume that starts here replays none of those steps, and checks with it that their
   * data is still the journaled data. Null in journals written before it.
   */
  record Checkpointed(long step, long time, String code, long bytes, String dataDigest, int format) implements PaperEvent {
    /** A checkpoint without a data digest nor a format (as journals before digests per span wrote them). */
    public Checkpointed(long step, long time, String code, long bytes) {
      this(step, time, code, bytes, null, 0);
    }
  }

  /**
   * An operator resumed a journal found behind its manifest ({@code --accept-rollback}): the manifest recorded
   * {@code manifestSteps} completed steps, the journal held {@code journalSteps}. The steps between are lost; the
   * session goes on from the journal.
   */
  record RollbackAccepted(long manifestSteps, long journalSteps, String by) implements PaperEvent {}

  /**
   * An operator's control, journaled before it takes effect: at the boundary after step {@code afterStep} (0: before
   * the first), whose event time is {@code time}; given at {@code wallClock} (epoch ms) by {@code by} (the name of the
   * operator's token, never its secret) for {@code reason}. A resume applies it again at the same boundary.
   */
  record ControlIssued(long afterStep, long time, long wallClock, String by, OperatorControl control, String reason) implements PaperEvent {}

  /**
   * A resume rebuilt the agents up to step {@code step} and compared the venue with the books and the journaled
   * account; each difference is one line of {@code differences} (empty when they agree).
   */
  record Reconciled(long step, long time, int venueOrders, int bookOrders, List<String> differences) implements PaperEvent {}

  /**
   * A live session (troupe live) compared the venue with its journal before step {@code step} (0: before the first)
   * and found this: {@code kind} ({@code fill_while_down}, {@code ended_while_down}, {@code not_at_venue},
   * {@code unknown_order}, {@code position}), {@code subject} (an order id, a venue order id or a symbol), what differs
   * and what was done ({@code action}: {@code adopt_reports}, {@code cancel}, {@code cancel_failed}, {@code leave}, {@code record}).
   */
  record VenueDifference(long step, long time, String kind, String subject, String detail, String action) implements PaperEvent {}
}
