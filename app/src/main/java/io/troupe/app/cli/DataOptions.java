package io.troupe.app.cli;

import io.troupe.market.Bar;
import io.troupe.market.BarFiles;
import io.troupe.market.OnBadRow;
import io.troupe.market.ReadOptions;
import io.troupe.market.ReadReport;
import io.troupe.market.Resample;
import io.troupe.market.Timeframe;
import java.nio.file.Path;
import java.util.List;
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

  @Option(names = "--symbol", paramLabel = "NAME", description = "Symbol for the bars; default from each file's name (ETH_BTC-5m.json -> ETH_BTC).")
  String symbol;

  public List<Path> files() {
    return List.copyOf(files);
  }

  public Optional<Timeframe> timeframe() {
    return Optional.ofNullable(timeframe);
  }

  public ReadOptions readOptions() {
    return new ReadOptions(onBadRow == null ? OnBadRow.FAIL : onBadRow);
  }

  /** The symbol bars of {@code file} get: {@code --symbol}, else derived from the file name. */
  public String symbolFor(Path file) {
    return symbol != null ? symbol : BarFiles.defaultSymbol(file);
  }

  /** The file's bars as read, without resampling; materializes the read report. */
  public Source<Bar, CompletionStage<ReadReport>> rawSource(Path file) {
    return BarFiles.source(file, symbolFor(file), readOptions());
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
