package io.troupe.performance;

import io.troupe.persistence.CborSerializable;
import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeChange;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

public sealed interface PerformanceCommand extends CborSerializable {

  record TradesClosed(List<RoundTrip> trades) implements PerformanceCommand {}

  /** A desk's confirmed regime changed (with the indicator values that decided it). */
  record RegimeChanged(String symbol, RegimeChange change) implements PerformanceCommand {}

  record GetStats(ActorRef<Stats> replyTo) implements PerformanceCommand {}

  /** A regime in force from {@code time} on. */
  record RegimePoint(long time, Regime regime) implements CborSerializable {}

  record Stats(
      Map<String, SpecialistStats> bySpecialist,
      Map<String, SpecialistStats> bySymbol,
      Map<String, SpecialistStats> byRegime,
      Map<String, List<RegimePoint>> regimesBySymbol)
      implements CborSerializable {}

  /** Checkpoint: reply with this agent's state (sent only between steps, while the node is idle). */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements PerformanceCommand {}
}
