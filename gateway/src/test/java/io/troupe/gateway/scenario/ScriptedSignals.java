package io.troupe.gateway.scenario;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.market.Bar;
import io.troupe.model.VenueRejection;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test specialist's script: signals the given direction at the given bar times, and records what the specialist
 * was told (every signal it gave, every venue rejection it heard). The lists are shared with the test thread, so they
 * are safe to read after a step's ack.
 */
final class ScriptedSignals {

  final String name;
  private final Map<Long, Direction> script = new TreeMap<>();
  /** Every {@code onRejected} call the strategy received, in order. */
  final List<VenueRejection> rejections = new CopyOnWriteArrayList<>();
  /** The bar times at which the strategy signalled. */
  final List<Long> signalled = new CopyOnWriteArrayList<>();

  ScriptedSignals(String name) {
    this.name = name;
  }

  /** Signal {@code direction} on the bar that starts at {@code time}. */
  ScriptedSignals at(long time, Direction direction) {
    script.put(time, direction);
    return this;
  }

  SpecialistSpec spec() {
    return new SpecialistSpec(name, Scripted::new);
  }

  private final class Scripted implements Strategy {
    @Override
    public String name() {
      return name;
    }

    @Override
    public Signal onBar(Bar bar) {
      Direction d = script.get(bar.time());
      if (d == null) return null;
      signalled.add(bar.time());
      return Signal.of(bar.symbol(), bar.time(), d, name);
    }

    @Override
    public void onRejected(VenueRejection rejection) {
      rejections.add(rejection);
    }
  }
}
