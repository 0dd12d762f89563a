package io.troupe.gateway.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ExecutionReport.Fill;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made bars and instruments shared by the simulated-exchange tests. */
final class SimTestSupport {
  static final long MINUTE = 60_000L;
  static final double TOLERANCE = 1e-9;

  private SimTestSupport() {}

  static Map<String, Instrument> instruments() {
    Map<String, Instrument> map = new LinkedHashMap<>();
    map.put("BTC", Instrument.spot("BTC"));
    map.put("ETH", Instrument.spot("ETH"));
    map.put("ES", Instrument.future("ES", 50, 12_000).withTickSize(0.25).withLotSize(1));
    map.put("TICK", Instrument.spot("TICK").withTickSize(0.5).withLotSize(0.1));
    return map;
  }

  /** No slippage, no fees: prices in assertions are the raw matching prices. */
  static SimulatedExchangeSettings frictionless() {
    return new SimulatedExchangeSettings(FillMode.NEXT_OPEN, 0, 0, 0, 0, 0);
  }

  static SimulatedExchange exchange(SimulatedExchangeSettings settings) {
    return new SimulatedExchange(settings, instruments());
  }

  /** Bar number {@code n} of a minute series. */
  static Bar bar(String symbol, int n, double open, double high, double low, double close) {
    return new Bar(symbol, n * MINUTE, open, high, low, close, Double.NaN);
  }

  static Bar bar(String symbol, int n, double open, double high, double low, double close, double volume) {
    return new Bar(symbol, n * MINUTE, open, high, low, close, volume);
  }

  static long t(int n) {
    return n * MINUTE;
  }

  static Fill onlyFill(List<ExecutionReport> reports) {
    assertEquals(1, reports.size(), () -> "expected one report, got " + reports);
    return assertInstanceOf(Fill.class, reports.get(0));
  }

  static <T extends ExecutionReport> T only(Class<T> type, List<ExecutionReport> reports) {
    assertEquals(1, reports.size(), () -> "expected one report, got " + reports);
    return assertInstanceOf(type, reports.get(0));
  }
}
