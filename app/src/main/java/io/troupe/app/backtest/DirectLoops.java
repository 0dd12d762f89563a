package io.troupe.app.backtest;

import io.troupe.gateway.sim.SimulatedExchange;
import io.troupe.node.DirectLoop;
import io.troupe.node.NodeSettings;

/** The plain reference loop over the simulated exchange a backtest with these settings trades on. */
public final class DirectLoops {

  public static DirectLoop of(NodeSettings node, BacktestSettings settings) {
    return new DirectLoop(node, new SimulatedExchange(settings.exchange(), node.instruments()));
  }

  private DirectLoops() {}
}
