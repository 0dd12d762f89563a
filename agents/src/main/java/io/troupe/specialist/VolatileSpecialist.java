package io.troupe.specialist;

import io.troupe.indicator.AverageTrueRange;
import io.troupe.indicator.HighestHigh;
import io.troupe.indicator.LowestLow;
import io.troupe.indicator.SimpleMovingAverage;
import io.troupe.indicator.ZScore;
import io.troupe.market.Bar;
import io.troupe.regime.Regime;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;

/**
 * Volatility breakout for VOLATILE markets: enters in the direction of a bar that both breaks the 20-bar channel
 * (close above the previous highest high, or below the previous lowest low) and is large for the recent tape (the
 * z-score of its log return over the last 20 returns at least {@code entry_threshold}), while volatility is expanding
 * (ATR(14) / SMA14(ATR) at least {@code volatility_filter}), at most {@code max_trades_per_day} entries per UTC day.
 * Stop and target at {@code stop_pct} / {@code target_pct} from the entry close; out after {@code max_holding_hours}.
 */
public final class VolatileSpecialist implements GenomeSpecialist {
  private static final int CHANNEL = 20;
  private final Genome genome;
  private final double entryThreshold;
  private final double stopPct;
  private final double targetPct;
  private final double volatilityFilter;
  private final int maxTradesPerDay;
  private final HighestHigh highest = new HighestHigh(CHANNEL);
  private final LowestLow lowest = new LowestLow(CHANNEL);
  private final ZScore returnZ = new ZScore(CHANNEL);
  private final AverageTrueRange atr = new AverageTrueRange(14);
  private final SimpleMovingAverage atrAverage = new SimpleMovingAverage(14);
  private final SpecialistPosition position;
  private double previousClose = Double.NaN;
  private long day = Long.MIN_VALUE;
  private int tradesToday;

  public VolatileSpecialist(Genome genome) {
    if (genome.kind() != Regime.VOLATILE) throw new IllegalArgumentException("not a VOLATILE genome: " + genome.name());
    this.genome = genome;
    this.entryThreshold = genome.get("entry_threshold");
    this.stopPct = genome.get("stop_pct");
    this.targetPct = genome.get("target_pct");
    this.volatilityFilter = genome.get("volatility_filter");
    this.maxTradesPerDay = (int) genome.get("max_trades_per_day");
    this.position = new SpecialistPosition(genome.name(), SpecialistPosition.hours(genome.get("max_holding_hours")));
  }

  @Override
  public Genome genome() {
    return genome;
  }

  @Override
  public int warmUpBars() {
    return CHANNEL + 14 + 1;
  }

  @Override
  public Signal onBar(Bar bar) {
    boolean channelWarm = highest.isWarm() && lowest.isWarm();
    double high = highest.value();
    double low = lowest.value();
    highest.update(bar);
    lowest.update(bar);
    if (!Double.isNaN(previousClose) && previousClose > 0) returnZ.update(Math.log(bar.close() / previousClose));
    previousClose = bar.close();
    atr.update(bar);
    if (atr.isWarm()) atrAverage.update(atr.value());
    long today = Math.floorDiv(bar.time(), 86_400_000L);
    if (today != day) {
      day = today;
      tradesToday = 0;
    }
    Signal exit = position.exitIfDue(bar);
    if (exit != null) return exit;
    if (!position.isFlat() || !channelWarm || !returnZ.isWarm() || !atrAverage.isWarm()) return null;
    if (tradesToday >= maxTradesPerDay || atr.value() / atrAverage.value() < volatilityFilter) return null;
    double z = returnZ.value();
    double c = bar.close();
    if (c > high && z >= entryThreshold) {
      tradesToday++;
      return position.enter(bar, Direction.LONG, c * (1 - stopPct / 100), c * (1 + targetPct / 100));
    }
    if (c < low && z <= -entryThreshold) {
      tradesToday++;
      return position.enter(bar, Direction.SHORT, c * (1 + stopPct / 100), c * (1 - targetPct / 100));
    }
    return null;
  }

  /** For the minimum hold: a volatility breakout. */
  @Override
  public String strategyType() {
    return "event";
  }

  @Override
  public long holdingLimitMillis() {
    return position.maxHoldingMillis();
  }
}
