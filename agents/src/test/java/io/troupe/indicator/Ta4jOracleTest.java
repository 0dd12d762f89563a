package io.troupe.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.WMAIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.TRIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * ta4j 0.17, computed here on the same bars, as an independent oracle. Where the two libraries define a value the
 * same way (SMA, WMA, BBANDS, STDDEV, ROC, STOCH, TRANGE, highest/lowest, rolling VWAP) the comparison starts at our
 * first value with a 1e-9 relative tolerance. Where ta4j seeds differently (EMA and the MACD EMAs seed with the first
 * value, not an SMA; RSI, ATR and the ADX family use a modified moving average seeded with the first value, and ta4j's
 * true range of bar 0 is high-low) the seed's effect decays geometrically, so the comparison starts late enough for
 * it to fall below 1e-6 relative: bar 10*n for EMAs ((1-2/(n+1))^(10n) ~ e^-20), bar 30*n for Wilder smoothing
 * ((1-1/n)^(30n) ~ e^-30), 50*n for ADX (smoothed twice).
 */
class Ta4jOracleTest {
  private static final double EXACT = 1e-9;
  private static final double DECAYED = 1e-6;

  private static BarSeries series(List<Bar> bars) {
    BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
    for (Bar b : bars) {
      series.addBar(ZonedDateTime.ofInstant(Instant.ofEpochMilli(b.time()), ZoneOffset.UTC),
          b.open(), b.high(), b.low(), b.close(), b.volume());
    }
    return series;
  }

  private static void compare(String what, double[] ours, org.ta4j.core.Indicator<Num> oracle, int from,
      double relTolerance) {
    int compared = 0;
    for (int i = 0; i < ours.length; i++) {
      double expected = oracle.getValue(i).doubleValue(); // sequential access keeps ta4j's recursion shallow
      if (i < from) {
        continue;
      }
      assertFalse(Double.isNaN(ours[i]), what + " is NaN at bar " + i);
      assertEquals(expected, ours[i], relTolerance * Math.max(1.0, Math.abs(expected)), what + " at bar " + i);
      compared++;
    }
    assertTrue(compared > 0, what + ": nothing compared");
  }

  private static void exactFamily(List<Bar> bars) {
    BarSeries s = series(bars);
    ClosePriceIndicator close = new ClosePriceIndicator(s);

    compare("sma(20)", TestBars.run(new SimpleMovingAverage(20), bars, 0), new SMAIndicator(close, 20), 19, EXACT);
    compare("wma(30)", TestBars.run(new WeightedMovingAverage(30), bars, 0), new WMAIndicator(close, 30), 29, EXACT);
    compare("stddev(20)", TestBars.run(new StandardDeviation(20), bars, 0),
        new StandardDeviationIndicator(close, 20), 19, EXACT);
    compare("roc(14)", TestBars.run(new RateOfChange(14), bars, 0), new ROCIndicator(close, 14), 14, EXACT);
    compare("trange", TestBars.run(new TrueRange(), bars, 0), new TRIndicator(s), 1, EXACT);
    compare("highest(20)", TestBars.run(new HighestHigh(20), bars, 0),
        new HighestValueIndicator(new HighPriceIndicator(s), 20), 19, EXACT);
    compare("lowest(20)", TestBars.run(new LowestLow(20), bars, 0),
        new LowestValueIndicator(new LowPriceIndicator(s), 20), 19, EXACT);
    compare("vwap(20)", TestBars.run(new Vwap(20), bars, 0), new VWAPIndicator(s, 20), 19, EXACT);

    double[][] bb = TestBars.runAll(new BollingerBands(20, 2), bars);
    BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
    StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
    compare("bbands.upper", bb[BollingerBands.UPPER],
        new BollingerBandsUpperIndicator(middle, sd, DoubleNum.valueOf(2)), 19, EXACT);
    compare("bbands.middle", bb[BollingerBands.MIDDLE], middle, 19, EXACT);
    compare("bbands.lower", bb[BollingerBands.LOWER],
        new BollingerBandsLowerIndicator(middle, sd, DoubleNum.valueOf(2)), 19, EXACT);

    // TA-Lib STOCH: slow %K = SMA(3) of fast %K, %D = SMA(3) of slow %K; ta4j's K indicator is the fast %K.
    double[][] stoch = TestBars.runAll(new Stochastic(14, 3, 3), bars);
    SMAIndicator slowK = new SMAIndicator(new StochasticOscillatorKIndicator(s, 14), 3);
    compare("stoch.k", stoch[Stochastic.K], slowK, 17, EXACT);
    compare("stoch.d", stoch[Stochastic.D], new SMAIndicator(slowK, 3), 17, EXACT);

    // TA-Lib's OBV starts at the first bar's volume, ta4j's at 0: compare after removing that constant.
    double[] obv = TestBars.run(new OnBalanceVolume(), bars, 0);
    double firstVolume = bars.get(0).volume();
    for (int i = 0; i < obv.length; i++) {
      obv[i] -= firstVolume;
    }
    compare("obv", obv, new OnBalanceVolumeIndicator(s), 0, EXACT);
  }

  @Test
  void exactDefinitionsAgreeOnTaLibInput() {
    exactFamily(TestBars.talib());
  }

  @Test
  void exactDefinitionsAgreeOnBtcMinuteBars() {
    exactFamily(TestBars.btc());
  }

  @Test
  void emaAgreesAfterSeedDecayOnTaLibInput() {
    List<Bar> bars = TestBars.talib();
    ClosePriceIndicator close = new ClosePriceIndicator(series(bars));
    compare("ema(10)", TestBars.run(new ExponentialMovingAverage(10), bars, 0), new EMAIndicator(close, 10), 100,
        DECAYED);
  }

  @Test
  void seededIndicatorsAgreeAfterSeedDecayOnBtcMinuteBars() {
    List<Bar> bars = TestBars.btc();
    BarSeries s = series(bars);
    ClosePriceIndicator close = new ClosePriceIndicator(s);

    compare("ema(30)", TestBars.run(new ExponentialMovingAverage(30), bars, 0), new EMAIndicator(close, 30), 300,
        DECAYED);
    compare("rsi(14)", TestBars.run(new RelativeStrengthIndex(14), bars, 0), new RSIIndicator(close, 14), 420,
        DECAYED);
    compare("atr(14)", TestBars.run(new AverageTrueRange(14), bars, 0), new ATRIndicator(s, 14), 420, DECAYED);

    double[][] adx = TestBars.runAll(new AverageDirectionalIndex(14), bars);
    compare("adx(14).plus_di", adx[AverageDirectionalIndex.PLUS_DI], new PlusDIIndicator(s, 14), 700, DECAYED);
    compare("adx(14).minus_di", adx[AverageDirectionalIndex.MINUS_DI], new MinusDIIndicator(s, 14), 700, DECAYED);
    compare("adx(14).adx", adx[AverageDirectionalIndex.ADX], new ADXIndicator(s, 14), 700, DECAYED);

    double[][] macd = TestBars.runAll(new Macd(12, 26, 9), bars);
    MACDIndicator oracleMacd = new MACDIndicator(close, 12, 26);
    EMAIndicator oracleSignal = new EMAIndicator(oracleMacd, 9);
    compare("macd.macd", macd[Macd.MACD], oracleMacd, 300, DECAYED);
    compare("macd.signal", macd[Macd.SIGNAL], oracleSignal, 300, DECAYED);
    double[] oracleHist = new double[bars.size()];
    for (int i = 0; i < bars.size(); i++) {
      oracleHist[i] = oracleMacd.getValue(i).doubleValue() - oracleSignal.getValue(i).doubleValue();
    }
    for (int i = 300; i < bars.size(); i++) {
      // The histogram is a small difference of ~1e3-sized EMAs, so compare it on the scale of the price.
      assertEquals(oracleHist[i], macd[Macd.HIST][i], DECAYED * bars.get(i).close() * 1e-3, "macd.hist at " + i);
    }
  }

  @Test
  void zscoreMatchesTa4jSmaAndStddev() {
    List<Bar> bars = TestBars.btc();
    BarSeries s = series(bars);
    ClosePriceIndicator close = new ClosePriceIndicator(s);
    SMAIndicator sma = new SMAIndicator(close, 20);
    StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
    double[] ours = TestBars.run(new ZScore(20), bars, 0);
    for (int i = 0; i < bars.size(); i++) {
      double mean = sma.getValue(i).doubleValue();
      double dev = sd.getValue(i).doubleValue();
      if (i >= 19) {
        double expected = dev == 0 ? 0 : (bars.get(i).close() - mean) / dev;
        // The z-score divides by a small deviation; 1e-6 absolute on a value of order 1.
        assertEquals(expected, ours[i], 1e-6, "zscore at " + i);
      }
    }
  }
}
