package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps from a live feed's bars: grouped by time and sorted by symbol, a silent symbol waited for two bars, late bars left out. */
class LiveStepsTest {
  static final long M = 60_000;

  static Bar bar(String symbol, long minute) {
    return new Bar(symbol, minute * M, 1, 2, 0.5, 1.5, 10);
  }

  @Test
  void aStepWaitsForEverySymbolAndComesSortedBySymbol() {
    List<Bar> late = new ArrayList<>();
    LiveSteps steps = new LiveSteps(List.of("ETHUSDT", "BTCUSDT"), M, Long.MIN_VALUE, Long.MAX_VALUE, (b, last) -> late.add(b));
    assertEquals(List.of(), steps.add(bar("ETHUSDT", 1)));
    assertEquals(List.of(List.of(bar("BTCUSDT", 1), bar("ETHUSDT", 1))), steps.add(bar("BTCUSDT", 1)));
    assertEquals(List.of(), steps.add(bar("BTCUSDT", 2)));
    assertEquals(List.of(), steps.add(bar("BTCUSDT", 3)), "one bar ahead: the other symbol's bar may still come");
    // Two bars past step 2 with no ETHUSDT bar: step 2 goes without it, then step 3 the same way.
    assertEquals(List.of(List.of(bar("BTCUSDT", 2))), steps.add(bar("BTCUSDT", 4)));
    assertEquals(List.of(List.of(bar("BTCUSDT", 3))), steps.add(bar("BTCUSDT", 5)));
    assertEquals(List.of(), steps.add(bar("ETHUSDT", 2)), "its step has run: late");
    assertEquals(List.of(bar("ETHUSDT", 2)), late);
    assertEquals(List.of(List.of(bar("BTCUSDT", 4), bar("ETHUSDT", 4))), steps.add(bar("ETHUSDT", 4)));
    assertEquals(4 * M, steps.lastStepTime());
  }

  @Test
  void oneSymbolStepsAtOnceAfterTheRecordingAndNothingAtOrAfterTheEnd() {
    List<Bar> late = new ArrayList<>();
    LiveSteps steps = new LiveSteps(List.of("BTCUSDT"), M, 10 * M, 13 * M, (b, last) -> late.add(b));
    assertEquals(List.of(), steps.add(bar("BTCUSDT", 10)), "the recording's last step");
    assertEquals(List.of(List.of(bar("BTCUSDT", 11))), steps.add(bar("BTCUSDT", 11)));
    assertEquals(List.of(List.of(bar("BTCUSDT", 12))), steps.add(bar("BTCUSDT", 12)));
    assertEquals(List.of(), steps.add(bar("BTCUSDT", 13)), "beyond the session's end");
    assertEquals(List.of(), steps.add(bar("ETHUSDT", 14)), "not the session's symbol");
    assertEquals(List.of(bar("BTCUSDT", 10)), late);
  }
}
