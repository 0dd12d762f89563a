package io.troupe.node;

import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import io.troupe.strategy.StrategyCatalog;
import io.troupe.strategy.StrategyProvider;
import java.util.Map;

/**
 * A strategy for swap tests, in the catalog as {@code long-after-warm-up}: silent until it has seen {@code warmup}
 * bars, then LONG on every bar. When it first speaks shows whether it was warmed on the desk's recent bars.
 */
final class LongAfterWarmUp implements Strategy {
  static final String NAME = "long-after-warm-up";

  /** Registers it in the catalog (the same provider again is ignored). */
  static void register() {
    StrategyCatalog.register(new Provider(), "the swap tests");
  }

  public static final class Provider implements StrategyProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Map<String, Double> defaults() {
      return Map.of("warmup", 5.0);
    }

    @Override
    public Strategy create(Map<String, Double> params) {
      double w = params.get("warmup");
      if (w < 0 || w != Math.rint(w)) throw new io.troupe.model.InvalidInputException("parameter 'warmup' must be a whole number >= 0, got " + w);
      return new LongAfterWarmUp((int) w);
    }
  }

  private final int warmUp;
  private int seen;

  LongAfterWarmUp(int warmUp) {
    this.warmUp = warmUp;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int warmUpBars() {
    return warmUp;
  }

  @Override
  public Signal onBar(Bar bar) {
    seen++;
    return seen < warmUp ? null : Signal.of(bar.symbol(), bar.time(), Direction.LONG, NAME);
  }
}
