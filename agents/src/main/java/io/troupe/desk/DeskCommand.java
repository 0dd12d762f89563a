package io.troupe.desk;

import io.troupe.market.Bar;
import io.troupe.model.VenueRejection;
import io.troupe.model.RoundTrip;
import java.util.List;
import io.troupe.persistence.CborSerializable;
import io.troupe.risk.RiskCommand.TradingStateChanged;
import io.troupe.specialist.SpecialistCommand.Evaluated;

/** A desk's protocol: one symbol's bars in; one decision per bar out to the risk supervisor. */
public sealed interface DeskCommand extends CborSerializable {

  /**
   * A new bar, with the account equity at the end of the previous step (for sizing) and the venue's rejections of
   * this desk's orders in that step (passed on to the specialist whose intent it was).
   */
  record OnBar(Bar bar, double equity, double exposure, List<RoundTrip> closed, List<VenueRejection> rejections, boolean correlationSpike)
      implements DeskCommand {}

  record SpecialistAnswered(Evaluated answer) implements DeskCommand {}

  /** Monitoring: the confirmed regime, the specialist in charge, and each specialist's vote weight. */
  record GetMetaState(org.apache.pekko.actor.typed.ActorRef<MetaState> replyTo) implements DeskCommand {}

  record MetaState(String symbol, io.troupe.regime.Regime regime, String active, java.util.Map<String, Double> weights)
      implements CborSerializable {}

  record StateChanged(TradingStateChanged change) implements DeskCommand {}

  /** Checkpoint: reply with the desk's state, and have each specialist reply with its own. */
  record CaptureState(org.apache.pekko.actor.typed.ActorRef<io.troupe.checkpoint.AgentState> replyTo) implements DeskCommand {}
}
