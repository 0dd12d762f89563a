package io.troupe.specialist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.regime.Regime;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecialistsTest {
  /**
   * The design's seed genomes (shipped until a walk-forward chose config/specialists/), kept in examples/genomes/seed:
   * the scenarios below are worked out for their round values (a 2% stop, reward:risk 3, ...).
   */
  static final Path SEED_GENOMES = Path.of("..", "examples", "genomes", "seed");
  static final Map<Regime, Genome> DEFAULTS = new EnumMap<>(Regime.class);

  static {
    for (Genome g : GenomeLoader.loadAll(SEED_GENOMES)) DEFAULTS.put(g.kind(), g);
  }

  private static Bar bar(int i, double open, double high, double low, double close) {
    return new Bar("X", i * 60_000L, open, high, low, close, 100);
  }

  /** Quiet bars around 100 with a tiny alternating wiggle. */
  private static List<Bar> quiet(int n) {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double c = 100 + (i % 2 == 0 ? 0.05 : -0.05);
      bars.add(bar(i, 100, 100.1, 99.9, c));
    }
    return bars;
  }

  private static List<Signal> run(Strategy s, List<Bar> bars) {
    List<Signal> out = new ArrayList<>();
    for (Bar b : bars) {
      Signal sig = s.onBar(b);
      if (sig != null) out.add(sig);
    }
    return out;
  }

  @Test
  void volatileBreaksOutWithTheGenomesStopAndTargetAndRespectsTheDailyCap() {
    Genome g = DEFAULTS.get(Regime.VOLATILE);
    List<Bar> bars = quiet(60);
    bars.add(bar(60, 100, 103, 100, 102.5)); // a big bar through the channel
    bars.add(bar(61, 102.5, 106.7, 102.4, 106.5)); // reaches the 4% target
    List<Signal> sigs = run(SpecialistFactory.create(g), bars);
    assertEquals(2, sigs.size(), sigs.toString());
    Signal in = sigs.get(0);
    assertEquals(Direction.LONG, in.direction());
    assertEquals("volatile-default", in.source());
    assertEquals(102.5 * 0.98, in.stop(), 1e-9);
    assertEquals(102.5 * 1.04, in.target(), 1e-9);
    assertEquals(Direction.FLAT, sigs.get(1).direction());

    List<Bar> twice = new ArrayList<>(bars);
    for (int i = 62; i < 70; i++) twice.add(bar(i, 106.5, 106.6, 106.4, 106.5));
    twice.add(bar(70, 106.5, 110, 106.5, 109.9)); // a second breakout the same day
    assertEquals(3, run(SpecialistFactory.create(g), twice).size(), "4 a day allowed");
    assertEquals(2, run(SpecialistFactory.create(g.with("max_trades_per_day", 1)), twice).size(), "1 a day allowed");
  }

  @Test
  void trendingEntersOnAPullbackWithAnAtrStopAndRewardRiskTarget() {
    Genome g = DEFAULTS.get(Regime.TRENDING);
    List<Bar> bars = new ArrayList<>();
    double p = 100;
    for (int i = 0; i < 120; i++) {
      // Up 0.3% a bar, with a two-bar pullback (bars 60 and 61) whose low touches EMA(12).
      boolean dip = i == 60 || i == 61;
      double next = dip ? p * 0.996 : p * 1.003;
      bars.add(bar(i, p, Math.max(p, next) * 1.0005, Math.min(p, next) * (dip ? 0.994 : 0.9995), next));
      p = next;
    }
    List<Signal> sigs = run(SpecialistFactory.create(g), bars);
    Signal in = sigs.stream().filter(s -> s.direction() == Direction.LONG).findFirst().orElseThrow();
    assertEquals("trending-default", in.source());
    assertEquals(62, in.time() / 60_000, "the first close back up after the pullback");
    Bar entryBar = bars.stream().filter(b -> b.time() == in.time()).findFirst().orElseThrow();
    double risk = entryBar.close() - in.stop();
    assertTrue(risk > 0);
    assertEquals(3 * risk, in.target() - entryBar.close(), 1e-9, "reward:risk 3");
    // Without pullback entry it enters as the trend starts, no later than with it.
    Signal atStart = run(SpecialistFactory.create(g.with("pullback_entry", 0)), bars).get(0);
    assertEquals(Direction.LONG, atStart.direction());
    assertTrue(atStart.time() < 40 * 60_000L, "as the trend starts: " + atStart);
    // A crash through the EMAs ends the position.
    List<Bar> withCrash = new ArrayList<>(bars);
    for (int i = 120; i < 140; i++) {
      p *= 0.99;
      withCrash.add(bar(i, p / 0.99, p / 0.99, p, p));
    }
    List<Signal> all = run(SpecialistFactory.create(g), withCrash);
    assertEquals(Direction.FLAT, all.get(all.size() - 1).direction());
  }

  @Test
  void rangingFadesTheLowerEdgeTowardTheUpperOne() {
    Genome g = DEFAULTS.get(Regime.RANGING);
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double c = 100 + 2 * Math.sin(i * 2 * Math.PI / 16);
      bars.add(bar(i, c, c + 0.2, c - 0.2, c));
    }
    // Edges at one standard deviation, so the +-2 sine reaches into the entry zones.
    List<Signal> sigs = run(SpecialistFactory.create(g.with("range_sensitivity", 1.0)), bars);
    Signal in = sigs.stream().filter(s -> s.direction() == Direction.LONG).findFirst().orElseThrow();
    Bar entryBar = bars.stream().filter(b -> b.time() == in.time()).findFirst().orElseThrow();
    assertTrue(entryBar.close() < 99, "near the bottom of the range: " + entryBar.close());
    assertTrue(in.stop() < entryBar.close() * 0.98 && in.target() > 100.5, in.toString());
    assertTrue(sigs.stream().anyMatch(s -> s.direction() == Direction.SHORT), "fades the upper edge too");
  }

  @Test
  void crisisBuysCapitulationSmallAndLeavesOnTime() {
    Genome g = DEFAULTS.get(Regime.CRISIS);
    List<Bar> bars = quiet(30);
    bars.add(bar(30, 100, 100, 97, 97.5));
    for (int i = 31; i < 200; i++) bars.add(bar(i, 97.6, 97.7, 97.5, 97.6));
    CrisisSpecialist s = (CrisisSpecialist) SpecialistFactory.create(g);
    List<Signal> sigs = run(s, bars);
    assertEquals(Direction.LONG, sigs.get(0).direction());
    assertEquals(97.5 * 0.99, sigs.get(0).stop(), 1e-9);
    assertEquals(97.5 * 1.02, sigs.get(0).target(), 1e-9);
    assertEquals(Direction.FLAT, sigs.get(1).direction());
    assertEquals(120, (sigs.get(1).time() - sigs.get(0).time()) / 60_000, "2 hours");
    assertEquals(0.01, s.positionFraction(), 1e-12);
    assertEquals(0.2, s.maxExposureFraction(), 1e-12);
    assertEquals(0.7, s.cashFloorFraction(), 1e-12);
  }

  @Test
  void onRealBtcEveryEntryCarriesAStopBelowAndATargetAbove() {
    Path btc = Path.of("..", "data", "btc-perp-20211231-20220201_1m.csv");
    Map<Regime, GenomeSpecialist> specialists = new EnumMap<>(Regime.class);
    Map<Regime, List<Signal>> signals = new EnumMap<>(Regime.class);
    DEFAULTS.forEach((k, g) -> {
      specialists.put(k, SpecialistFactory.create(g));
      signals.put(k, new ArrayList<>());
    });
    Map<Long, Double> close = new java.util.HashMap<>();
    BarFiles.forEach(btc, "BTC-PERP", ReadOptions.DEFAULT, b -> {
      close.put(b.time(), b.close());
      specialists.forEach((k, s) -> {
        Signal sig = s.onBar(b);
        if (sig != null) signals.get(k).add(sig);
      });
    });
    signals.forEach((k, list) -> {
      long entries = list.stream().filter(s -> s.direction() != Direction.FLAT).count();
      System.out.printf("BTC-PERP 1m %s: %d entries%n", specialists.get(k).name(), entries);
      assertTrue(entries > 5, k + " entries " + entries);
      for (Signal s : list) {
        assertEquals(specialists.get(k).name(), s.source());
        if (s.direction() == Direction.FLAT) continue;
        double c = close.get(s.time());
        double sign = s.direction() == Direction.LONG ? 1 : -1;
        assertTrue(sign * (c - s.stop()) > 0 && sign * (s.target() - c) > 0, s + " close " + c);
      }
    });
    assertNotNull(SpecialistFactory.fromGenome(DEFAULTS.get(Regime.RANGING)).get());
  }

  @Test
  void eachDefaultSpecialistReportsItsStrategyTypeAndItsOwnHoldingLimit() {
    // The minimum hold applies per type, and a genome's holding limit wins over troupe.exits.max-age.
    java.util.Map<Regime, String> types = java.util.Map.of(Regime.CRISIS, "mean-reversion", Regime.RANGING, "mean-reversion", Regime.TRENDING, "regime",
        Regime.VOLATILE, "event");
    java.util.Map<Regime, Long> limits = java.util.Map.of(Regime.CRISIS, 2 * 3_600_000L, Regime.RANGING, 3 * 86_400_000L, Regime.TRENDING,
        5 * 86_400_000L, Regime.VOLATILE, 12 * 3_600_000L);
    for (Regime r : Regime.values()) {
      var s = SpecialistFactory.fromGenome(DEFAULTS.get(r)).get();
      org.junit.jupiter.api.Assertions.assertEquals(types.get(r), s.strategyType(), r.name());
      org.junit.jupiter.api.Assertions.assertEquals(limits.get(r), s.holdingLimitMillis(), r.name());
    }
  }
}
