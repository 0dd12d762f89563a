package io.troupe.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import io.troupe.market.Bar;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndicatorSpecTest {

  @Test
  void columnNamesKeepTheParametersAsWritten() {
    IndicatorSet set = IndicatorSet.parse(
        "sma(30),ema(30),rsi(14),atr(14),adx(14),bbands(20,2),macd(12,26,9),stoch(14,3,3),trange,obv,vwap,vwap(20),"
            + "rvol(60,525600),bbands(20, 2.5)");
    assertEquals(List.of("sma(30)", "ema(30)", "rsi(14)", "atr(14)",
        "adx(14).adx", "adx(14).plus_di", "adx(14).minus_di",
        "bbands(20,2).upper", "bbands(20,2).middle", "bbands(20,2).lower",
        "macd(12,26,9).macd", "macd(12,26,9).signal", "macd(12,26,9).hist",
        "stoch(14,3,3).k", "stoch(14,3,3).d", "trange", "obv", "vwap", "vwap(20)", "rvol(60,525600)",
        "bbands(20,2.5).upper", "bbands(20,2.5).middle", "bbands(20,2.5).lower"), set.columnNames());
    assertEquals(14, set.specs().size());
  }

  @Test
  void everyAvailableIndicatorParsesAndCreatesWhatItNames() {
    List<String> specs = List.of("sma(3)", "ema(3)", "wma(3)", "rsi(3)", "atr(3)", "trange", "adx(3)", "bbands(3,2)",
        "macd(2,3,4)", "stoch(3,2,2)", "obv", "stddev(3)", "zscore(3)", "rvol(3)", "highest(3)", "lowest(3)",
        "roc(3)", "vwap");
    assertEquals(IndicatorSpec.available().size(), specs.size());
    for (String text : specs) {
      IndicatorSpec spec = IndicatorSpec.parse(text);
      Indicator indicator = spec.create();
      assertEquals(text, indicator.name());
      assertEquals(spec.columnNames().size(), indicator.lines(), text);
      if (indicator.lines() > 1) {
        for (int i = 0; i < indicator.lines(); i++) {
          assertEquals(text + "." + indicator.lineName(i), spec.columnNames().get(i));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo(3)", "sma(1,2)", "sma()", "sma", "sma(x)", "sma(0)", "sma(-3)", "sma(2.5)",
      "macd(26,12,9)", "macd(12,12,9)", "macd(12,26)", "bbands(20,0)", "bbands(20)", "rsi(1)", "sma(3", "trange(2)",
      "obv(1)", "sma(NaN)", "rvol(20,0)", "stoch(14,3,0)", ""})
  void badSpecsAreRejectedWithTheAvailableList(String text) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IndicatorSpec.parseList(text));
    String message = e.getMessage();
    assertTrue(message.contains("Available indicators: sma(n), ema(n), wma(n), rsi(n), atr(n), trange, adx(n), "
        + "bbands(n,k), macd(fast,slow,signal), stoch(fastk,slowk,slowd), obv, stddev(n), zscore(n), "
        + "rvol(n[,barsPerYear]), highest(n), lowest(n), roc(n), vwap[(n)]"), message);
  }

  @Test
  void errorNamesTheOffendingSpec() {
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> IndicatorSpec.parseList("sma(3),kama(10)"));
    assertTrue(unknown.getMessage().startsWith("Unknown indicator 'kama'"), unknown.getMessage());
    InvalidInputException order = assertThrows(InvalidInputException.class,
        () -> IndicatorSpec.parseList("macd(26,12,9)"));
    assertTrue(order.getMessage().contains("fast (26) must be < slow (12)"), order.getMessage());
  }

  @Test
  void csvCellsAreEmptyUntilWarmAndRoundTrip() {
    IndicatorSet set = IndicatorSet.parse("sma(3),bbands(3,2),obv");
    assertEquals(List.of("sma(3)", "bbands(3,2).upper", "bbands(3,2).middle", "bbands(3,2).lower", "obv"), set.columnNames());

    List<Bar> bars = TestBars.talib();
    String[] cells = new String[1 + set.columnNames().size()];
    cells[0] = "time";
    set.update(bars.get(0));
    set.csvCells(cells, 1);
    assertEquals(List.of("time", "", "", "", "", Double.toString(bars.get(0).volume())), List.of(cells));

    set.update(bars.get(1));
    set.update(bars.get(2));
    set.csvCells(cells, 1);
    int column = 1;
    for (Indicator indicator : set.indicators()) {
      for (int line = 0; line < indicator.lines(); line++) {
        assertEquals(Double.toString(indicator.value(line)), cells[column], "same text as Double.toString");
        assertEquals(indicator.value(line), Double.parseDouble(cells[column++]), 0.0, "round trip");
      }
    }
    assertTrue(set.allWarm());
  }
}
