package io.troupe.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Before an indicator is warm every line is NaN (never 0), and it turns warm exactly at TA-Lib's first output index
 * (its lookback), with every line defined from then on.
 */
class WarmUpTest {
  private static final List<Bar> BARS = TestBars.talib();

  @ParameterizedTest(name = "{0} warm at {1}")
  @CsvSource(delimiter = ';', value = {
      "sma(30);29", "ema(10);9", "wma(30);29", "rsi(14);14", "atr(14);14", "atr(1);1", "trange;1", "adx(14);27",
      "adx(5);9", "bbands(20,2);19", "macd(12,26,9);33", "macd(3,10,16);24", "stoch(14,3,3);17", "stoch(5,3,4);9",
      "obv;0", "stddev(5);4", "zscore(20);19", "rvol(20);20", "rvol(5,252);5", "highest(20);19", "lowest(20);19",
      "roc(14);14", "vwap;0", "vwap(20);19"})
  void warmExactlyAtTaLibLookback(String spec, int firstIndex) {
    Indicator indicator = IndicatorSpec.parse(spec).create();
    for (int i = 0; i < BARS.size(); i++) {
      indicator.update(BARS.get(i));
      boolean expectWarm = i >= firstIndex;
      assertEquals(expectWarm, indicator.isWarm(), spec + " isWarm at bar " + i);
      if (!expectWarm) {
        assertTrue(Double.isNaN(indicator.value()), spec + " value() before warm at bar " + i);
      }
      for (int line = 0; line < indicator.lines(); line++) {
        double v = indicator.value(line);
        if (expectWarm) {
          assertFalse(Double.isNaN(v), spec + " line " + indicator.lineName(line) + " NaN at bar " + i);
        } else if (!(indicator instanceof AverageDirectionalIndex)) {
          assertTrue(Double.isNaN(v), spec + " line " + indicator.lineName(line) + " defined at bar " + i);
        }
      }
    }
  }

  @ParameterizedTest(name = "adx({0}) directional lines from bar {0}")
  @CsvSource({"14", "5"})
  void directionalLinesStartAtTheirOwnTaLibLookback(int period) {
    // TA-Lib's PLUS_DI/MINUS_DI have lookback n, ADX 2n-1: the DI lines are defined earlier than the ADX line.
    AverageDirectionalIndex adx = new AverageDirectionalIndex(period);
    for (int i = 0; i < 2 * period; i++) {
      adx.update(BARS.get(i));
      assertEquals(i >= period, !Double.isNaN(adx.value(AverageDirectionalIndex.PLUS_DI)), "+DI at bar " + i);
      assertEquals(i >= period, !Double.isNaN(adx.value(AverageDirectionalIndex.MINUS_DI)), "-DI at bar " + i);
      assertEquals(i >= 2 * period - 1, !Double.isNaN(adx.value(AverageDirectionalIndex.ADX)), "ADX at bar " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {"vwap", "vwap(3)", "obv"})
  void volumeIndicatorsStayUndefinedWithoutVolume(String spec) {
    Indicator indicator = IndicatorSpec.parse(spec).create();
    for (int i = 0; i < 10; i++) {
      Bar b = BARS.get(i);
      indicator.update(new Bar(b.symbol(), b.time(), b.open(), b.high(), b.low(), b.close(), Double.NaN));
      assertFalse(indicator.isWarm(), spec + " warm without volume");
      assertTrue(Double.isNaN(indicator.value()), spec + " has a value without volume");
    }
  }
}
