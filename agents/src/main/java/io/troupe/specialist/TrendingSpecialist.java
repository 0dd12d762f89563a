package io.troupe.specialist;

import io.troupe.indicator.AverageDirectionalIndex;
import io.troupe.indicator.AverageTrueRange;
import io.troupe.indicator.ExponentialMovingAverage;
import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;

/**
 * Trend following for TRENDING markets: EMA(12)/EMA(26) crossover filtered by ADX(14). A trend up is EMA(12) above
 * EMA(26), ADX at least {@code min_adx} and +DI above -DI (down: the mirror). Without {@code pullback_entry} it enters
 * on the bar a trend starts; with it, it waits inside the trend for a pullback (a bar whose low, for a long, touches
 * EMA(12)) and enters when a close resumes above EMA(12) and above the previous close, and may re-enter on each new
 * pullback. Stop {@code stop_atr} ATR(14) from the entry close; target {@code reward_risk} times that distance.
 * Exits: stop, target, the EMAs crossing back, the close giving back {@code trailing_stop_pct} percent from its best
 * close, or {@code max_holding_days}.
 */
public final class TrendingSpecialist implements GenomeSpecialist {
  private final Genome genome;
  private final double minAdx;
  private final double stopAtr;
  private final double rewardRisk;
  private final double trailingPct;
  private final boolean pullbackEntry;
  private final ExponentialMovingAverage fast = new ExponentialMovingAverage(12);
  private final ExponentialMovingAverage slow = new ExponentialMovingAverage(26);
  private final AverageDirectionalIndex adx = new AverageDirectionalIndex(14);
  private final AverageTrueRange atr = new AverageTrueRange(14);
  private final SpecialistPosition position;
  private int previousTrend;
  private boolean pulledBack;
  private double previousClose = Double.NaN;

  public TrendingSpecialist(Genome genome) {
    if (genome.kind() != Regime.TRENDING) throw new IllegalArgumentException("not a TRENDING genome: " + genome.name());
    this.genome = genome;
    this.minAdx = genome.get("min_adx");
    this.stopAtr = genome.get("stop_atr");
    this.rewardRisk = genome.get("reward_risk");
    this.trailingPct = genome.get("trailing_stop_pct");
    this.pullbackEntry = genome.flag("pullback_entry");
    this.position = new SpecialistPosition(genome.name(), SpecialistPosition.days(genome.get("max_holding_days")));
  }

  @Override
  public Genome genome() {
    return genome;
  }

  @Override
  public int warmUpBars() {
    return 28;
  }

  @Override
  public Signal onBar(Bar bar) {
    fast.update(bar.close());
    slow.update(bar.close());
    adx.update(bar);
    atr.update(bar);
    double prevClose = previousClose;
    previousClose = bar.close();
    if (!slow.isWarm() || !adx.isWarm() || !atr.isWarm()) return null;
    double f = fast.value();
    boolean up = f > slow.value();
    boolean strong = adx.value(AverageDirectionalIndex.ADX) >= minAdx;
    double plus = adx.value(AverageDirectionalIndex.PLUS_DI);
    double minus = adx.value(AverageDirectionalIndex.MINUS_DI);
    int trend = up && strong && plus > minus ? 1 : !up && strong && minus > plus ? -1 : 0;
    boolean started = trend != 0 && trend != previousTrend;
    previousTrend = trend;
    if (started) pulledBack = false;
    if (!position.isFlat()) {
      Signal exit = position.exitIfDue(bar);
      if (exit != null) return exit;
      boolean isLong = position.side == Direction.LONG;
      boolean crossedBack = isLong ? !up : up;
      boolean trailed = isLong ? bar.close() <= position.bestClose * (1 - trailingPct / 100)
          : bar.close() >= position.bestClose * (1 + trailingPct / 100);
      return crossedBack || trailed ? position.exit(bar) : null;
    }
    if (trend == 0) return null;
    boolean enter;
    if (pullbackEntry) {
      if (trend > 0 ? bar.low() <= f : bar.high() >= f) pulledBack = true;
      enter = pulledBack && (trend > 0 ? bar.close() > f && bar.close() > prevClose : bar.close() < f && bar.close() < prevClose);
    } else {
      enter = started;
    }
    if (!enter) return null;
    pulledBack = false;
    double c = bar.close();
    double risk = stopAtr * atr.value();
    return trend > 0
        ? position.enter(bar, Direction.LONG, c - risk, c + rewardRisk * risk)
        : position.enter(bar, Direction.SHORT, c + risk, c - rewardRisk * risk);
  }

  /** For the minimum hold: a trend held while it lasts. */
  @Override
  public String strategyType() {
    return "regime";
  }

  @Override
  public long holdingLimitMillis() {
    return position.maxHoldingMillis();
  }
}
