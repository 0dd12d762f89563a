package io.troupe.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The new catalog strategies over the bundled BTC perpetual 1m month. */
class StrategyLibraryRealDataTest {
  private static final List<Bar> BTC = new ArrayList<>();

  @BeforeAll
  static void read() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path f = dir.resolve("data/btc-perp-20211231-20220201_1m.csv");
      if (Files.isRegularFile(f)) {
        BarFiles.forEach(f, "BTC-PERP", ReadOptions.DEFAULT, BTC::add);
        return;
      }
    }
    throw new IllegalStateException("bundled BTC data not found");
  }

  private static List<Signal> run(Strategy s) {
    List<Signal> out = new ArrayList<>();
    for (Bar b : BTC) {
      Signal sig = s.onBar(b);
      if (sig != null) out.add(sig);
    }
    return out;
  }

  @Test
  void catalogStrategiesTradeTheMonthAndNeverRepeatAnEntry() {
    for (String name : List.of("ou-zscore", "flow-imbalance", "confirmed-breakout")) {
      Strategy s = StrategyCatalog.factory(name, StrategyCatalog.resolve(name, Map.of())).get();
      List<Signal> signals = run(s);
      long entries = signals.stream().filter(x -> x.direction() != Direction.FLAT).count();
      System.out.printf("BTC-PERP 1m %s: %d entries, %d signals%n", s.name(), entries, signals.size());
      assertTrue(entries > 20, name + " entries " + entries);
      for (int i = 1; i < signals.size(); i++) {
        assertTrue(signals.get(i).direction() != signals.get(i - 1).direction(), name + " repeated " + signals.get(i));
      }
    }
  }

  @Test
  void confirmationLetsThroughFewerEntriesThanTheBareBreakout() {
    long bare = run(new Breakout(20, 1.5)).stream().filter(x -> x.direction() == Direction.LONG).count();
    long confirmedTwo = run(new ConfirmationFilter(new Breakout(20, 1.5), ConfirmationFilter.Settings.defaults()))
        .stream().filter(x -> x.direction() == Direction.LONG).count();
    long confirmedFour = run(new ConfirmationFilter(new Breakout(20, 1.5), ConfirmationFilter.Settings.defaults().withMinAgreeing(4)))
        .stream().filter(x -> x.direction() == Direction.LONG).count();
    System.out.printf("BTC-PERP 1m breakout(20,1.5) entries: bare %d, 2 of 4 confirmed %d, 4 of 4 confirmed %d%n", bare, confirmedTwo, confirmedFour);
    assertTrue(confirmedTwo <= bare && confirmedFour < confirmedTwo);
  }

  @Test
  void vpinIsToxicAboutAsOftenAsItsPercentileSays() {
    VpinFilter f = VpinFilter.defaults();
    int judged = 0, toxic = 0;
    for (Bar b : BTC) {
      f.update(b);
      if (!Double.isNaN(f.threshold())) {
        judged++;
        if (f.isToxic()) toxic++;
      }
    }
    double share = (double) toxic / judged;
    System.out.printf("BTC-PERP 1m VPIN(50 buckets): toxic on %.1f%% of %d bars%n", 100 * share, judged);
    assertTrue(share > 0.02 && share < 0.25, "toxic share " + share);
  }

  @Test
  void badParametersAreInputErrors() {
    assertThrows(InvalidInputException.class, () -> StrategyCatalog.resolve("ou-zscore", Map.of("exit_z", "3")));
    assertThrows(InvalidInputException.class, () -> StrategyCatalog.resolve("flow-imbalance", Map.of("threshold", "1.5")));
    assertThrows(InvalidInputException.class, () -> StrategyCatalog.resolve("confirmed-breakout", Map.of("min_agree", "5")));
    assertEquals(4, StrategyCatalog.resolve("ou-zscore", Map.of()).size());
  }
}
