package io.troupe.app.lookahead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.indicator.IndicatorSpec;
import io.troupe.indicator.OnBalanceVolume;
import io.troupe.indicator.SimpleMovingAverage;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import io.troupe.specialist.GenomeLoader;
import io.troupe.specialist.SpecialistFactory;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import io.troupe.strategy.StrategyCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LookaheadCheckTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  /** Real bundled data: 5,760 five-minute bars of ETH/BTC, with volume. */
  static List<Bar> bars;

  @BeforeAll
  static void read() {
    bars = new ArrayList<>();
    BarFiles.forEach(HOME.resolve("data/ETH_BTC-5m.json"), "ETH_BTC", ReadOptions.DEFAULT, bars::add);
  }

  static LookaheadCheck.Result check(String name, java.util.function.Function<List<Bar>, Strategy> strategy, List<IndicatorSpec> extra) {
    return LookaheadCheck.run(new LookaheadCheck.Subject(name, strategy, extra), bars, LookaheadCheck.Settings.defaults());
  }

  @Test
  void everyBuiltInStrategyPassesBothChecks() {
    List<String> names = StrategyCatalog.available().stream().map(s -> s.substring(0, s.indexOf('('))).toList();
    assertTrue(names.size() >= 7, names.toString());
    for (String name : names) {
      var factory = StrategyCatalog.factory(name, StrategyCatalog.resolve(name, Map.of()));
      LookaheadCheck.Result r = check(name, series -> factory.get(), List.of());
      assertTrue(r.clean(), name + ": " + r.findings());
      assertTrue(r.signals() > 0, name + " gave no signal on the data, so its signals were not checked");
      assertEquals(5, r.offsets().size(), name + ": every start offset fits");
      assertTrue(r.cuts().size() >= 15, name + ": " + r.cuts());
    }
  }

  @Test
  void theFourDefaultSpecialistsPassBothChecks() throws Exception {
    List<Path> genomes;
    try (Stream<Path> files = Files.list(HOME.resolve("config/specialists"))) {
      genomes = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertEquals(4, genomes.size(), genomes.toString());
    for (Path g : genomes) {
      var genome = GenomeLoader.load(g);
      LookaheadCheck.Result r = check(genome.name(), series -> SpecialistFactory.create(genome), List.of());
      assertTrue(r.clean(), genome.name() + ": " + r.findings());
      // What the specialist computes inside is checked too, not only its signals.
      assertTrue(r.values().stream().anyMatch(v -> v.startsWith("internal ")), genome.name() + ": " + r.values());
    }
  }

  /** Long when the next bar closes higher: it reads the series it was given one bar ahead, as a shifted column would. */
  static final class PeeksAtTheNextBar implements Strategy {
    private final List<Bar> series;
    private int i;
    private Direction last = Direction.FLAT;

    PeeksAtTheNextBar(List<Bar> series) {
      this.series = series;
    }

    @Override
    public String name() {
      return "peeks-at-the-next-bar";
    }

    @Override
    public Signal onBar(Bar bar) {
      int at = i++;
      if (at + 1 >= series.size()) return null; // the last bar: nothing to peek at
      Direction d = series.get(at + 1).close() > bar.close() ? Direction.LONG : Direction.FLAT;
      if (d == last) return null;
      last = d;
      return Signal.of(bar.symbol(), bar.time(), d, name());
    }
  }

  @Test
  void aStrategyThatPeeksAtTheNextBarFails() {
    LookaheadCheck.Result r = check("peeks-at-the-next-bar", PeeksAtTheNextBar::new, List.of());
    assertFalse(r.clean());
    LookaheadCheck.Finding f = r.findings().stream().filter(x -> x.check().equals("lookahead") && x.value().equals("signal")).findFirst().orElseThrow();
    // Every cut at a signal's bar changes that signal: the cut run cannot see the bar after it.
    assertTrue(Integer.parseInt(f.detail().split(" ")[0]) >= 10, f.toString());
    assertEquals("none", f.other(), f.toString());
  }

  /** A fractal low stamped at the bar it marks, two bars after it: the signal is back-dated, so it repaints. */
  static final class BackDatesItsSignals implements Strategy {
    private final Bar[] last3 = new Bar[3];

    @Override
    public String name() {
      return "back-dated-fractal";
    }

    @Override
    public Signal onBar(Bar bar) {
      last3[0] = last3[1];
      last3[1] = last3[2];
      last3[2] = bar;
      if (last3[0] == null) return null;
      Bar mid = last3[1];
      if (mid.low() < last3[0].low() && mid.low() < bar.low()) return Signal.of(bar.symbol(), mid.time(), Direction.LONG, name());
      return null;
    }
  }

  @Test
  void aBackDatedSignalIsCaughtByTheCutAtItsTime() {
    LookaheadCheck.Result r = check("back-dated-fractal", series -> new BackDatesItsSignals(), List.of());
    assertTrue(r.findings().stream().anyMatch(f -> f.check().equals("lookahead") && f.value().equals("signal") && f.other().equals("none")),
        r.findings().toString());
  }

  /** A clean signal, but it holds an OBV, whose value is a running sum from wherever the data starts. */
  static final class HoldsACumulativeIndicator implements Strategy {
    private final OnBalanceVolume obv = new OnBalanceVolume();
    private final SimpleMovingAverage sma = new SimpleMovingAverage(20);

    @Override
    public String name() {
      return "holds-obv";
    }

    @Override
    public Signal onBar(Bar bar) {
      obv.update(bar);
      sma.update(bar.close());
      return null;
    }
  }

  @Test
  void anIndicatorThatDependsOnWhereTheDataStartsIsCaughtByTheRecursiveCheck() {
    LookaheadCheck.Result r = check("holds-obv", series -> new HoldsACumulativeIndicator(), List.of());
    List<LookaheadCheck.Finding> recursive = r.findings().stream().filter(f -> f.check().equals("recursive")).toList();
    assertEquals(1, recursive.size(), r.findings().toString());
    assertEquals("internal obv: obv", recursive.get(0).value());
    assertTrue(recursive.get(0).detail().startsWith("5 of 5 offsets"), recursive.get(0).toString());
    // Nothing is looked ahead, and the SMA beside it, a window, does not depend on the start.
    assertTrue(r.findings().stream().noneMatch(f -> f.check().equals("lookahead")), r.findings().toString());

    // The same through the indicators a strategy is checked with: sma-cross is clean, obv beside it is not.
    var smaCross = StrategyCatalog.factory("sma-cross", StrategyCatalog.resolve("sma-cross", Map.of()));
    LookaheadCheck.Result withObv = check("sma-cross", series -> smaCross.get(), IndicatorSpec.parseList("obv,ema(50)"));
    assertEquals(List.of("obv"), withObv.findings().stream().map(LookaheadCheck.Finding::value).toList(), withObv.findings().toString());
  }

  @Test
  void anEmaComparedBeforeItHasSettledIsAFindingAndAfterItIsNot() {
    // EMA(50)'s SMA seed decays by (49/51) per bar: at 20 bars from another start it still differs, at 600 it does not.
    var smaCross = StrategyCatalog.factory("sma-cross", StrategyCatalog.resolve("sma-cross", Map.of()));
    var subject = new LookaheadCheck.Subject("sma-cross", series -> smaCross.get(), IndicatorSpec.parseList("ema(50)"));
    var early = LookaheadCheck.run(subject, bars, new LookaheadCheck.Settings(4, List.of(7), 60, 1e-6));
    assertEquals(List.of("ema(50)"), early.findings().stream().map(LookaheadCheck.Finding::value).toList());
    var settled = LookaheadCheck.run(subject, bars, new LookaheadCheck.Settings(4, List.of(7), 600, 1e-6));
    assertTrue(settled.clean(), settled.findings().toString());
  }

  @Test
  void roundingNoiseAroundZeroIsNotADifferenceButAChangeOfItsOwnSizeIs() {
    // A z-score of a flat window: 0 in one run, 3e-13 in another, on a column whose values are about 0.8.
    assertTrue(LookaheadCheck.relative(0.0, 3.3e-13, 0.8) < 1e-12);
    assertEquals(0.1 / 1.1, LookaheadCheck.relative(1.0, 1.1, 0.5), 1e-15);
    assertEquals(0.0, LookaheadCheck.relative(Double.NaN, Double.NaN, 1));
    assertEquals(Double.POSITIVE_INFINITY, LookaheadCheck.relative(Double.NaN, 2, 1));
  }
}
