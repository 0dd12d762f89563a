package io.troupe.gateway.paper;

import io.troupe.instrument.Instrument;
import io.troupe.persistence.CborSerializable;
import io.troupe.order.OrderRecord;
import io.troupe.position.AccountSnapshot;
import io.troupe.position.AttributedFill;
import io.troupe.risk.TradingState;
import java.util.List;
import java.util.Map;

/**
 * What a paper session journals: its write-ahead record. Bars are not journaled (the data files are the record of
 * the market); each step's digest is, so a resume on other data is caught.
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

  /** Written once step {@code step} has completed: the fills it applied, in order (often none). Marks the step done. */
  record FillsRecorded(long step, long time, List<AttributedFill> fills) implements PaperEvent {}

  /** Written once step {@code step} has completed: the fills it applied in order, the account at its close, and the orders that changed during it. Marks the step done. */
  record StepCompleted(long step, long time, List<AttributedFill> fills, AccountSnapshot account, List<OrderRecord> orders) implements PaperEvent {}

  /** The risk supervisor's trading state changed during the step at {@code time}. */
  record TradingStateRecorded(long time, TradingState state, String reason) implements PaperEvent {}

  /**
   * A resume rebuilt the agents by replay up to step {@code step} and compared the venue with the books; each
   * difference is one line of {@code differences} (empty when they agree).
   */
  record Reconciled(long step, long time, int venueOrders, int bookOrders, List<String> differences) implements PaperEvent {}
}
