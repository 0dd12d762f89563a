package io.troupe.performance;

import io.troupe.persistence.CborSerializable;
import io.troupe.position.RoundTrip;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

public sealed interface PerformanceCommand extends CborSerializable {

  record TradesClosed(List<RoundTrip> trades) implements PerformanceCommand {}

  record GetStats(ActorRef<Stats> replyTo) implements PerformanceCommand {}

  record Stats(Map<String, SpecialistStats> bySpecialist, Map<String, SpecialistStats> bySymbol) implements CborSerializable {}
}
