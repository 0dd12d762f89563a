package io.troupe.position;

import io.troupe.model.Position;
import io.troupe.model.RoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioTest {

  private static Fill fill(String id, Side side, double qty, double price, double fee, long t) {
    return new Fill(id, id + "-1", "BTC", t, side, qty, price, fee, Liquidity.TAKER, 0);
  }

  @Test
  void spotRoundTripMovesCashByNotionalAndChargesBothFeesToTheTrade() {
    Portfolio p = new Portfolio(10_000, Map.of("BTC", Instrument.spot("BTC")));
    assertTrue(p.apply(fill("a", Side.BUY, 2, 100, 0.2, 1), "entry", "s1").isEmpty());
    assertEquals(10_000 - 200 - 0.2, p.cash(), 1e-9);
    p.mark("BTC", 110);
    assertEquals(10_000 - 0.2 + 20, p.equity(), 1e-9);

    List<RoundTrip> closed = p.apply(fill("b", Side.SELL, 2, 110, 0.22, 2), "signal_exit", "s1");
    assertEquals(1, closed.size());
    RoundTrip t = closed.get(0);
    assertEquals("long", t.side());
    assertEquals(100, t.entryPrice(), 1e-9);
    assertEquals(110, t.exitPrice(), 1e-9);
    assertEquals(0.42, t.fees(), 1e-9);
    assertEquals(20 - 0.42, t.pnl(), 1e-9);
    assertEquals("signal_exit", t.exitReason());
    assertEquals("s1", t.specialist());
    // cash = initial + realised P&L - fees, and the position is flat
    assertEquals(10_000 + 20 - 0.42, p.cash(), 1e-9);
    assertTrue(p.position("BTC").isFlat());
  }

  @Test
  void partialCloseSplitsEntryFeesProportionally() {
    Portfolio p = new Portfolio(10_000, Map.of("BTC", Instrument.spot("BTC")));
    p.apply(fill("a", Side.BUY, 4, 100, 0.4, 1), "entry", "s1");
    RoundTrip first = p.apply(fill("b", Side.SELL, 1, 120, 0.12, 2), "partial", "s1").get(0);
    assertEquals(1, first.quantity(), 1e-9);
    assertEquals(0.1 + 0.12, first.fees(), 1e-9);
    assertEquals(20 - 0.22, first.pnl(), 1e-9);
    assertEquals(3, p.position("BTC").quantity(), 1e-9);
    assertEquals(0.3, p.position("BTC").openFees(), 1e-9);
  }

  @Test
  void flipClosesTheLongAndOpensAShortAtTheFillPrice() {
    Portfolio p = new Portfolio(10_000, Map.of("BTC", Instrument.spot("BTC")));
    p.apply(fill("a", Side.BUY, 1, 100, 0, 1), "entry", "s1");
    List<RoundTrip> closed = p.apply(fill("b", Side.SELL, 3, 90, 0, 2), "flip", "s2");
    assertEquals(1, closed.size());
    assertEquals(-10, closed.get(0).pnl(), 1e-9);
    Position pos = p.position("BTC");
    assertEquals(-2, pos.quantity(), 1e-9);
    assertEquals(90, pos.avgPrice(), 1e-9);
    assertEquals("s2", pos.specialist());
    p.mark("BTC", 80);
    // cash: 10000 - 100 + 270 = 10170; short 2 marked at 80 = -160
    assertEquals(10_010, p.equity(), 1e-9);
  }

  @Test
  void futuresSettleOnlyPnlThroughCashAndHoldMargin() {
    Instrument fut = Instrument.future("ES", 50, 1_000);
    Portfolio p = new Portfolio(10_000, Map.of("ES", fut));
    p.apply(new Fill("a", "a-1", "ES", 1, Side.BUY, 2, 4000, 2.0, Liquidity.TAKER, 0), "entry", "s");
    assertEquals(10_000 - 2.0, p.cash(), 1e-9);
    assertEquals(2_000, p.marginUsed(), 1e-9);
    p.mark("ES", 4010);
    assertEquals(10_000 - 2 + 10 * 2 * 50, p.equity(), 1e-9);
    RoundTrip t = p.apply(new Fill("b", "b-1", "ES", 2, Side.SELL, 2, 4010, 2.0, Liquidity.TAKER, 0), "exit", "s").get(0);
    assertEquals(1000 - 4, t.pnl(), 1e-9);
    assertEquals(10_000 + 1000 - 4, p.cash(), 1e-9);
    assertEquals(0, p.marginUsed(), 1e-9);
  }

  @Test
  void snapshotPositionsAreAnImmutableCopyInSymbolOrder() {
    Map<String, Instrument> instruments = new java.util.HashMap<>();
    for (String s : List.of("ZEC", "ADA", "XLM", "BTC", "ETH")) instruments.put(s, Instrument.spot(s));
    Portfolio p = new Portfolio(10_000, instruments);
    p.apply(new Fill("a", "a-1", "XLM", 1, Side.BUY, 3, 2, 0, Liquidity.TAKER, 0), "entry", "s1");
    p.mark("ADA", 5);
    Map<String, Position> positions = p.snapshot(2).positions();
    java.util.TreeMap<String, Position> reference = new java.util.TreeMap<>();
    for (String s : instruments.keySet()) reference.put(s, p.position(s));
    assertEquals(List.copyOf(reference.keySet()), List.copyOf(positions.keySet()));
    assertEquals(reference, positions);
    assertEquals(positions, reference);
    assertEquals(reference.hashCode(), positions.hashCode());
    assertEquals(3, positions.get("XLM").quantity(), 1e-12);
    assertEquals(5, positions.get("ADA").lastPrice(), 1e-12);
    assertEquals(null, positions.get("DOGE"));
    assertTrue(positions.containsKey("BTC") && !positions.containsKey("DOGE"));
    p.mark("ADA", 6);
    assertEquals(5, positions.get("ADA").lastPrice(), 1e-12, "a snapshot does not follow later marks");
    assertEquals(6, p.snapshot(3).positions().get("ADA").lastPrice(), 1e-12);
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> positions.put("ADA", Position.flat("ADA")));
  }

  @Test
  void lookupsWorkAlsoPastTheScanLimit() {
    Map<String, Instrument> instruments = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) instruments.put("S" + i, Instrument.spot("S" + i));
    Portfolio p = new Portfolio(10_000, instruments);
    Map<String, Position> positions = p.snapshot(1).positions();
    assertEquals(40, positions.size());
    for (int i = 0; i < 40; i++) assertEquals("S" + i, positions.get("S" + i).symbol());
    assertEquals(null, positions.get("S40"));
    assertEquals(null, positions.get(42));
  }
}
