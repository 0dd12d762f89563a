package io.troupe.node;

import io.troupe.market.Bar;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.util.Map;
import java.util.Set;

/** Signals the given direction at the given bar times, and throws on the bars listed in {@code failAt}. */
record ScriptedStrategy(String name, Map<Long, Direction> script, Set<Long> failAt) implements Strategy {

  @Override
  public Signal onBar(Bar bar) {
    if (failAt.contains(bar.time())) throw new IllegalStateException("scripted failure at " + bar.time());
    Direction d = script.get(bar.time());
    return d == null ? null : Signal.of(bar.symbol(), bar.time(), d, name);
  }
}
