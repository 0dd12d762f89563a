package io.troupe.app.paper;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.backtest.BacktestSettings;
import io.troupe.market.OnBadRow;
import io.troupe.market.ReadOptions;
import io.troupe.persistence.JournalConfig;
import io.troupe.persistence.JournalSchema;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A paper session run in this JVM through {@link PaperRunner} itself, so a test can watch it through its own observer. */
public final class PaperRuns {

  public static final Path HOME = PaperSessionTest.HOME;
  public static final Path BTC = Path.of(PaperSessionTest.BTC);

  private PaperRuns() {}

  /** The first {@code bars} bars of the bundled BTC file, as a file of its own in {@code dir}. */
  public static Path btcBars(Path dir, int bars) throws Exception {
    return btcLines(dir, Files.readAllLines(BTC).subList(1, bars + 1));
  }

  /** The bundled file's header and {@code rows} (a gap in them is a gap in the data). */
  public static Path btcLines(Path dir, List<String> rows) throws Exception {
    Path file = dir.resolve("btc-perp_1m.csv");
    List<String> lines = new java.util.ArrayList<>();
    lines.add(Files.readAllLines(BTC).get(0));
    lines.addAll(rows);
    Files.write(file, lines);
    return file;
  }

  /**
   * A runner over {@code data} journaled on H2 under {@code state}, with {@code sets} over the packaged configuration,
   * no read side, and its lines on {@code log}.
   */
  public static PaperRunner runner(Path data, Path state, double speed, Map<String, Object> sets, PrintWriter log, SessionObserver observer)
      throws Exception {
    System.setProperty("troupe.home", HOME.toString());
    Config config = ConfigFactory.parseMap(sets).withFallback(ConfigFactory.parseMap(Map.of("troupe.backtest.data", List.of(data.toString()))))
        .withFallback(ConfigFactory.load()).resolve();
    BacktestSettings settings = BacktestSettings.fromConfig(config, HOME, null, null);
    Config journal = JournalConfig.h2(state);
    JournalSchema.createIfMissing(journal);
    return new PaperRunner(settings, config, journal, ReadOptions.of(OnBadRow.FAIL, config), null, speed, PaperSession.DEFAULT_ID, 0, log, null)
        .withManifest(state, false).withObserver(observer);
  }

  /** The packaged configuration with {@code sets} over it (as a runner above sees it). */
  public static Config config(Map<String, Object> sets) {
    return ConfigFactory.parseMap(sets).withFallback(ConfigFactory.load()).resolve();
  }
}
