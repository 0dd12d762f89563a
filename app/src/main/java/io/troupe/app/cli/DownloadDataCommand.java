package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.app.config.ConfigSchema;
import io.troupe.app.config.UserConfig;
import io.troupe.app.marketdata.BarCsvFile;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.binance.KlineHistory;
import io.troupe.market.Bar;
import io.troupe.market.Timeframe;
import io.troupe.model.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code troupe download-data}: a venue's past bars into the data-file format, a page of REST klines at a time,
 * continuing after the last bar a file already has (so a second run, or one after an interruption, adds only what is
 * missing).
 */
@Command(
    name = "download-data",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:",
        "  troupe download-data --venue binance --symbols BTCUSDT,ETHUSDT --timeframe 1m --from 2024-01-01 --to 2024-02-01 --out data/binance",
        "  troupe download-data --venue binance --symbols BTCUSDT --timeframe 1h --from 2023-01-01 --to 2024-01-01 --out data --base-url https://api.binance.com"},
    description = {"Download past bars (klines) from a venue into DIR/SYMBOL-TIMEFRAME.csv, the CSV the backtester reads.",
        "Bars from --from (inclusive) to --to (exclusive), UTC. An existing file is continued after its last bar."})
final class DownloadDataCommand implements Callable<Integer> {
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Option(names = "--venue", required = true, paramLabel = "VENUE", description = "The venue: binance.")
  String venue;

  @Option(names = "--symbols", required = true, paramLabel = "SYMBOL", split = ",", description = "Symbols as the venue names them, comma separated: BTCUSDT,ETHUSDT.")
  List<String> symbols;

  @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "Bar length: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w.")
  String timeframe;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day or instant (UTC), e.g. 2024-01-01 or 2024-01-01T12:00:00Z.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "End, exclusive: a day (its midnight UTC) or an instant.")
  String to;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the files.")
  Path out;

  @Option(names = "--base-url", paramLabel = "URL", description = "The REST server (default: the preset's, troupe.venue.binance.preset).")
  String baseUrl;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a configuration key, e.g. --set troupe.venue.binance.preset=production.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!venue.equalsIgnoreCase("binance")) throw new InvalidInputException("--venue " + venue + ": the venues are binance");
    Timeframe tf = Timeframe.parse(timeframe);
    io.troupe.gateway.binance.BinanceMarketData.interval(tf);
    long start = time("--from", from);
    long end = time("--to", to);
    if (end <= start) throw new InvalidInputException("--to " + to + " must be after --from " + from);
    List<String> names = new ArrayList<>();
    for (String s : symbols) {
      String name = s.strip().toUpperCase(Locale.ROOT);
      if (!SYMBOL.matcher(name).matches()) throw new InvalidInputException("--symbols: '" + s + "' is not a symbol such as BTCUSDT");
      names.add(name);
    }
    Config config = ConfigFactory.load();
    UserConfig user = UserConfig.packaged();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) throw new InvalidInputException("--set " + set + ": expected key=value");
      config = user.withSet(config, set.substring(0, eq).strip(), set.substring(eq + 1));
    }
    if (baseUrl != null) config = UserConfig.withOption(config, "troupe.venue.binance.rest-url", "--base-url", baseUrl, baseUrl);
    ConfigSchema.validate(config);
    BinanceSettings settings = BinanceSettings.fromConfig(config);

    ActorSystem<Void> system = CliActorSystems.quiet("troupe-download");
    try {
      BinanceRestClient client = new BinanceRestClient(system, settings, null);
      Progress progress = Progress.forTerminal(!quiet, err);
      long perSymbol = (end - start + tf.millis() - 1) / tf.millis();
      progress.total(perSymbol * names.size());
      long[] done = {0};
      for (String symbol : names) {
        Path file = BarCsvFile.fileFor(out, symbol, tf.label());
        try (BarCsvFile csv = BarCsvFile.open(file, symbol)) {
          long resume = csv.resumedAfter() == Long.MIN_VALUE ? start : Math.max(start, csv.resumedAfter() + tf.millis());
          long skipped = (resume - start) / tf.millis();
          done[0] += skipped;
          CliActorSystems.await(KlineHistory.pages(client, symbol, tf, resume, end).runWith(Sink.foreach(page -> {
            for (Bar b : page) csv.append(b);
            csv.flush();
            done[0] += page.size();
            progress.at(done[0]);
          }), system));
          stdout.println(symbol + ": " + String.format("%,d", csv.written()) + " bars written to " + file
              + (csv.resumedAfter() == Long.MIN_VALUE ? "" : " (continued after " + SHOWN.format(Instant.ofEpochMilli(csv.resumedAfter())) + ")")
              + (csv.lastTime() == Long.MIN_VALUE ? "" : "; last bar " + SHOWN.format(Instant.ofEpochMilli(csv.lastTime()))));
          stdout.flush();
        }
      }
      progress.done();
      return TroupeCli.EXIT_OK;
    } finally {
      CliActorSystems.shutdown(system);
    }
  }

  private static long time(String option, String text) {
    try {
      if (text.length() == 10) return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(option + " " + text + ": not a date (2024-01-01) or an instant (2024-01-01T12:00:00Z)");
    }
  }
}
