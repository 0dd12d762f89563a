package io.troupe.strategy;

import io.troupe.indicator.BollingerBands;
import io.troupe.indicator.RelativeStrengthIndex;
import io.troupe.market.Bar;

/**
 * Mean reversion: long when the close is below the lower Bollinger band and RSI(14) is under {@code rsiThreshold}
 * (oversold); flat once the close is back at the middle band.
 */
public final class BollingerRsiReversion implements Strategy {
  private static final int RSI_PERIOD = 14;
  private final int period;
  private final double deviations;
  private final double rsiThreshold;
  private final BollingerBands bands;
  private final RelativeStrengthIndex rsi = new RelativeStrengthIndex(RSI_PERIOD);
  private boolean inPosition;

  public BollingerRsiReversion(int period, double deviations, double rsiThreshold) {
    this.period = period;
    this.deviations = deviations;
    this.rsiThreshold = rsiThreshold;
    this.bands = new BollingerBands(period, deviations);
  }

  @Override
  public String name() {
    return "bb-rsi(" + period + "," + deviations + "," + rsiThreshold + ")";
  }

  @Override
  public java.util.List<String> indicators() {
    return java.util.List.of("bbands(" + period + "," + io.troupe.indicator.IndicatorSpec.number(deviations) + ")");
  }

  @Override
  public String strategyType() {
    return "mean-reversion";
  }

  @Override
  public int warmUpBars() {
    return Math.max(period, RSI_PERIOD + 1);
  }

  @Override
  public Signal onBar(Bar bar) {
    bands.update(bar.close());
    rsi.update(bar.close());
    if (!bands.isWarm() || !rsi.isWarm()) return null;
    double close = bar.close();
    if (!inPosition && close < bands.value(BollingerBands.LOWER) && rsi.value() < rsiThreshold) {
      inPosition = true;
      return new Signal(bar.symbol(), bar.time(), Direction.LONG, 1, 1, Double.NaN, bands.value(BollingerBands.MIDDLE), name());
    }
    if (inPosition && close >= bands.value(BollingerBands.MIDDLE)) {
      inPosition = false;
      return Signal.of(bar.symbol(), bar.time(), Direction.FLAT, name());
    }
    return null;
  }
}
