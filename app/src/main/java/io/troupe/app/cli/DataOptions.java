package io.troupe.app.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.OnBadRow;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.market.Resample;
import io.troupe.market.Timeframe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The market-data options shared by every command that reads bar files; use with {@code @Mixin DataOptions data;}.
 */
public class DataOptions {

  @Option(
      names = "--data",
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description = "Bar files: CSV with a header (date|time|datetime|timestamp, open, high, low, close[, volume]) or a JSON array of [time, open, high, low, close, volume] rows; optionally .gz.")
  List<Path> files;

  @Option(
      names = "--timeframe",
      paramLabel = "TF",
      converter = TimeframeConverter.class,
      description = "Resample to this timeframe, e.g. 5m, 15m, 1h, 4h, 1d, 1w.")
  Timeframe timeframe;

  @Option(
      names = "--on-bad-row",
      paramLabel = "fail|skip",
      defaultValue = "fail",
      converter = OnBadRowConverter.class,
      description = "fail (default): stop at the first bad row naming file, line and field; skip: drop bad rows and count them.")
  OnBadRow onBadRow;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A configuration key over the packaged configuration, e.g. --set troupe.data.sanity.max-jump-factor=50 (the price sanity limits are under troupe.data.sanity).")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--symbol", paramLabel = "NAME", description = "Symbol for the bars; default from each file's name (ETH_BTC-5m.json -> ETH_BTC).")
  String symbol;

  public List<Path> files() {
    return List.copyOf(files);
  }

  public Optional<Timeframe> timeframe() {
    return Optional.ofNullable(timeframe);
  }

  /** The bad-row policy, and the price sanity limits of {@code troupe.data.sanity} (packaged, under {@code --set}). */
  public ReadOptions readOptions() {
    return ReadOptions.of(onBadRow == null ? OnBadRow.FAIL : onBadRow, config());
  }

  /** The packaged configuration with each {@code --set} over it. */
  Config config() {
    Config c = ConfigFactory.load();
    if (sets == null) return c;
    for (var e : sets.entrySet()) {
      try {
        c = ConfigFactory.parseString(e.getKey() + " = " + e.getValue()).withFallback(c);
      } catch (ConfigException ex) {
        throw new io.troupe.model.InvalidInputException("--set " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage());
      }
    }
    return c;
  }

  /** The symbol bars of {@code file} get: {@code --symbol}, else derived from the file name. */
  public String symbolFor(Path file) {
    return symbol != null ? symbol : BarFiles.defaultSymbol(file);
  }

  /**
   * A bound on a read that stops moving (a hung mount, a stalled pipe): no bar for this long fails the stream, so every
   * wait on it ends. Generous: a healthy read delivers bars by the million per second.
   */
  static final java.time.Duration READ_STALL = java.time.Duration.ofMinutes(5);

  /** The file's bars as read, without resampling; materializes the read report. */
  public Source<Bar, CompletionStage<ReadReport>> rawSource(Path file) {
    return BarFiles.source(file, symbolFor(file), readOptions())
        .idleTimeout(READ_STALL)
        .mapError(new org.apache.pekko.japi.pf.PFBuilder<Throwable, Throwable>()
            .match(java.util.concurrent.TimeoutException.class,
                e -> new IllegalStateException(file + ": no bar read for " + READ_STALL.toMinutes() + " minutes: the read did not move", e))
            .build());
  }

  /** The file's bars, resampled when {@code --timeframe} is given; materializes the read report. */
  public Source<Bar, CompletionStage<ReadReport>> source(Path file) {
    Source<Bar, CompletionStage<ReadReport>> raw = rawSource(file);
    return timeframe == null ? raw : raw.viaMat(Resample.flow(timeframe), Keep.left());
  }

  static final class TimeframeConverter implements ITypeConverter<Timeframe> {
    @Override
    public Timeframe convert(String value) {
      try {
        return Timeframe.parse(value);
      } catch (io.troupe.model.InvalidInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class OnBadRowConverter implements ITypeConverter<OnBadRow> {
    @Override
    public OnBadRow convert(String value) {
      try {
        return OnBadRow.parse(value);
      } catch (io.troupe.model.InvalidInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
