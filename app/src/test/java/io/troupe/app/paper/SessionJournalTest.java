package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import io.troupe.model.AttributedFill;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session's state as its events rebuild it, with and without the bytes a checkpoint's snapshot holds. */
class SessionJournalTest {

  static final AttributedFill BUY = new AttributedFill(new Fill("o1", "f1", "BTC", 60_000, Side.BUY, 1, 100, 0.1, Liquidity.TAKER, 0), "entry", "s");

  static SessionJournal.Builder steps(SessionJournal.Builder b, int from, int to) {
    for (int step = from; step <= to; step++) {
      b.apply(new PaperEvent.StepRecorded(step, step * 60_000L, "d" + step));
      b.apply(new PaperEvent.StepCompleted(step, step * 60_000L, step == 1 ? List.of(BUY) : List.of(), new StepAccount(900, 1000, 0, 100), List.of()));
    }
    return b;
  }

  static SessionJournal.Builder started() {
    return new SessionJournal.Builder().apply(new PaperEvent.SessionStarted(1000, Map.of("BTC", Instrument.spot("BTC")), Map.of()));
  }

  @Test
  void aCheckpointWithItsBytesStartsANewTail() {
    SessionJournal.Builder b = steps(started(), 1, 5);
    b.stage(new NodeCheckpoint(5 * 60_000L, Map.of("node", new byte[] {1, 2})));
    b.apply(new PaperEvent.Checkpointed(5, 5 * 60_000L, "code", 2));
    steps(b, 6, 7);
    SessionJournal j = b.view();
    assertEquals(5, j.checkpoint().step());
    assertEquals(6, j.tail().first());
    assertEquals(2, j.tail().steps().size());
    assertEquals("d7", j.recorded(7).barsDigest());
    assertEquals(Map.of("BTC", 1.0), j.positions(), "the account keeps what came before the checkpoint");
  }

  /** Replayed without the snapshot that held its bytes (it failed to save, or recovery skipped snapshots). */
  @Test
  void aCheckpointEventWithoutItsBytesChangesNothing() {
    SessionJournal.Builder b = steps(started(), 1, 5);
    b.apply(new PaperEvent.Checkpointed(5, 5 * 60_000L, "code", 2));
    steps(b, 6, 7);
    SessionJournal j = b.view();
    assertNull(j.checkpoint());
    assertEquals(1, j.tail().first(), "every step stays in the tail, to be replayed");
    assertEquals(7, j.tail().completions().size());
    assertEquals(List.of(BUY), j.fills(1));
  }

  @Test
  void aSnapshotRestoresTheSameJournalAndTheEventsContinueFromIt() {
    SessionJournal.Builder b = steps(started(), 1, 5);
    b.stage(new NodeCheckpoint(5 * 60_000L, Map.of("node", new byte[] {1, 2})));
    b.apply(new PaperEvent.Checkpointed(5, 5 * 60_000L, "code", 2));
    steps(b, 6, 6);
    SessionJournal.Builder restored = SessionJournal.Builder.from(b.snapshot());
    assertEquals(b.view().tail(), restored.view().tail());
    assertEquals(b.view().positions(), restored.view().positions());
    assertEquals(b.view().checkpoint().step(), restored.view().checkpoint().step());
    // A fill seen before the snapshot is still recognised after it: journaled again, it is counted once.
    restored.apply(new PaperEvent.StepRecorded(7, 7 * 60_000L, "d7"));
    restored.apply(new PaperEvent.StepCompleted(7, 7 * 60_000L, List.of(BUY), new StepAccount(900, 1000, 0, 100), List.of()));
    assertEquals(Map.of("BTC", 1.0), restored.view().positions());
    assertEquals(1, restored.view().fills());
  }

  /**
   * A session that never ends keeps only the latest fill ids: the fill count stays exact, a fill journaled again
   * within the window is counted once, and the ids a snapshot holds are the window, not every fill of the session.
   */
  @Test
  void theFillIdsKeptAreABoundedWindowAndARepeatInsideItIsCountedOnce() {
    int n = SessionJournal.Builder.RECENT_FILL_IDS * 3;
    SessionJournal.Builder b = started();
    for (int step = 1; step <= n; step++) {
      Side side = step % 2 == 1 ? Side.BUY : Side.SELL;
      AttributedFill f = new AttributedFill(new Fill("o" + step, "f" + step, "BTC", step * 60_000L, side, 1, 100, 0.1, Liquidity.TAKER, 0), "x", "s");
      b.apply(new PaperEvent.StepRecorded(step, step * 60_000L, "d" + step));
      // Step n journals its fill twice: the second is a repeat inside the window.
      b.apply(new PaperEvent.StepCompleted(step, step * 60_000L, step == n ? List.of(f, f) : List.of(f), new StepAccount(900, 1000, 0, 100), List.of()));
    }
    assertEquals(n, b.view().fills());
    assertEquals(Map.of("BTC", 0.0), b.view().positions(), "each fill counted once: buys and sells cancel");
    SessionJournal.Snapshot snapshot = b.snapshot();
    assertEquals(SessionJournal.Builder.RECENT_FILL_IDS, snapshot.fillIds().size());
    assertEquals("f" + n, snapshot.fillIds().get(snapshot.fillIds().size() - 1), "the latest are kept");
    SessionJournal.Builder restored = SessionJournal.Builder.from(snapshot);
    assertEquals(n, restored.view().fills());
  }

  static PaperEvent.ControlIssued halt(long afterStep) {
    return new PaperEvent.ControlIssued(afterStep, afterStep * 60_000L, 1_700_000_000_000L, "alice", OperatorControl.halt(true), "why");
  }

  /**
   * A control at the boundary after the last completed step (and the trading state it caused) is not yet in agents
   * rebuilt to that step: the reconciliation compares the state as of the step, then the resume applies the control.
   */
  @Test
  void controlsAreKeptByBoundaryAndTheStateAtTheLastCompletedStepIgnoresWhatCameAfter() {
    SessionJournal.Builder b = steps(started(), 1, 2);
    b.apply(new PaperEvent.TradingStateRecorded(2 * 60_000L, io.troupe.model.TradingState.ACTIVE, ""));
    steps(b, 3, 3);
    b.apply(halt(3));
    b.apply(new PaperEvent.TradingStateRecorded(3 * 60_000L, io.troupe.model.TradingState.HALTED, "operator_halt"));
    SessionJournal j = b.view();
    assertEquals(io.troupe.model.TradingState.HALTED, j.tradingState());
    assertEquals(io.troupe.model.TradingState.ACTIVE, j.tradingStateAtCompleted());
    assertEquals(List.of(halt(3)), j.controlsAfter(3));
    assertEquals(List.of(), j.controlsAfter(2));
    steps(b, 4, 4);
    assertEquals(io.troupe.model.TradingState.HALTED, b.view().tradingStateAtCompleted(), "step 4 completed under the halt");
    assertEquals(List.of(halt(3)), SessionJournal.Builder.from(b.snapshot()).view().controls(), "a snapshot keeps the controls");
  }

  /** A checkpoint holds the agents at its step's close, before that boundary's controls: those stay to be applied. */
  @Test
  void aCheckpointDropsTheControlsBeforeItsStepAndKeepsThoseAtItsBoundary() {
    SessionJournal.Builder b = steps(started(), 1, 2);
    b.apply(halt(1));
    steps(b, 3, 5);
    b.stage(new NodeCheckpoint(5 * 60_000L, Map.of("node", new byte[] {1})));
    b.apply(new PaperEvent.Checkpointed(5, 5 * 60_000L, "code", 1));
    b.apply(halt(5));
    assertEquals(List.of(halt(5)), b.view().controls());
  }

  @Test
  void theFillsFlowsAndTheirFeesAsChargedAreKeptAcrossASnapshot() {
    SessionJournal.Builder b = new SessionJournal.Builder()
        .apply(new PaperEvent.SessionStarted(1000, Map.of("BTCUSDT", Instrument.spot("BTCUSDT").withQuoteCurrency("USDT")), Map.of()));
    Fill buy = new Fill("o1", "f1", "BTCUSDT", 60_000, Side.BUY, 2, 100, 0.2, Liquidity.TAKER, 0);
    // Its fee charged in BNB: 0.001 BNB, worth 0.1 USDT (the fill's fee is that value, not a debit of USDT).
    Fill sell = new Fill("o2", "f2", "BTCUSDT", 120_000, Side.SELL, 1, 110, 0.1, Liquidity.TAKER, 0)
        .withFee(0.1, new io.troupe.model.ExecutionReport.ChargedFee("BNB", 0.001, 100, "ticker BNBUSDT", 120_000));
    b.apply(new PaperEvent.StepRecorded(1, 60_000, "d1"));
    b.apply(new PaperEvent.StepCompleted(1, 60_000, List.of(new AttributedFill(buy, "entry", "s"), new AttributedFill(buy, "entry", "s")),
        new StepAccount(800, 1000, 0, 200), List.of()));
    b.apply(new PaperEvent.StepRecorded(2, 120_000, "d2"));
    b.apply(new PaperEvent.StepCompleted(2, 120_000, List.of(new AttributedFill(sell, "exit", "s")), new StepAccount(910, 1010, 0, 100), List.of()));
    SessionJournal j = SessionJournal.Builder.from(b.snapshot()).view();
    io.troupe.app.live.SymbolFlow f = j.flows().get("BTCUSDT");
    assertEquals(-200 + 110, f.notional(), 1e-9, "the repeated fill counted once");
    assertEquals(1, f.quantity(), 1e-12);
    assertEquals(0.2, f.quoteFees(), 1e-12, "the fee charged in BNB is not a debit of the quote");
    assertEquals(100, f.cost(), 1e-9);
    assertEquals(Map.of("BNB", 0.001), j.chargedFees());
  }
}
