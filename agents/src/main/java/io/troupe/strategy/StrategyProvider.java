package io.troupe.strategy;

import java.util.Map;

/**
 * A strategy from outside the project: the service a plugin jar provides (Java's {@link java.util.ServiceLoader},
 * {@code META-INF/services/io.troupe.strategy.StrategyProvider}), loaded with {@code --plugins DIR}. It then works
 * wherever a built-in strategy does: {@code --strategy NAME --param k=v} in backtest and paper, and
 * {@code troupe list strategies}. docs/strategies.md walks through one.
 */
public interface StrategyProvider {

  /** The name {@code --strategy} takes: lower case, words joined by '-' (e.g. {@code donchian-trend}). */
  String name();

  /** Every parameter with its default, in the order {@code troupe list strategies} shows them. */
  Map<String, Double> defaults();

  /**
   * A fresh strategy with {@code params} (every key of {@link #defaults}, resolved): one per symbol and per restart.
   * Refuse bad values with {@link io.troupe.model.InvalidInputException}, naming the parameter.
   */
  Strategy create(Map<String, Double> params);
}
