package io.troupe.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.model.AccountSnapshot;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Instrument;
import io.troupe.model.Liquidity;
import io.troupe.model.Side;
import io.troupe.model.TradingState;
import io.troupe.position.Portfolio;
import io.troupe.risk.Restriction;
import io.troupe.risk.RiskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values the pure core keeps in its own map types come back from a checkpoint equal, in the same order. */
class StateCodecRoundTripTest {

  @Test
  void anAccountSnapshotRoundTrips() {
    Portfolio p = new Portfolio(1_000, Map.of("B", Instrument.spot("B"), "A", Instrument.spot("A")));
    p.apply(new Fill("o", "o-1", "B", 1, Side.BUY, 2, 10, 0.1, Liquidity.TAKER, 0), "entry", "s1");
    AccountSnapshot before = p.snapshot(5);
    AccountSnapshot after = StateCodec.decode(StateCodec.encode(before), AccountSnapshot.class);
    assertEquals(before, after);
    assertEquals(List.of("A", "B"), List.copyOf(after.positions().keySet()));
  }

  @Test
  void aRiskStateWithEntryTimesRoundTrips() {
    RiskState s = RiskState.initial(0, 1_000).recordOrder("zeta", 1_000, true).recordOrder("alpha", 2_000, true);
    s = s.restrict(new Restriction(TradingState.REDUCING, "test", "kept through the checkpoint", 2_500, Restriction.OPERATOR_ONLY));
    RiskState after = StateCodec.decode(StateCodec.encode(s), RiskState.class);
    assertEquals(s, after);
    assertEquals(List.of("alpha", "zeta"), List.copyOf(after.entryTimesBySpecialist().keySet()));
    assertEquals(TradingState.REDUCING, after.tradingState());
    assertEquals(1, after.entriesWithin("alpha", 3_000, 60_000));
  }
}
