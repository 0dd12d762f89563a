package io.troupe.market;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.troupe.model.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads OHLCV bar files: CSV with a header (see {@link CsvBarReader}) or a JSON array of
 * {@code [time, open, high, low, close, volume]} rows, either optionally gzipped ({@code .gz}). The format is JSON
 * when the name (without {@code .gz}) ends in {@code .json} or the content starts with {@code [}; CSV otherwise.
 * Every row is validated (see {@link OnBadRow}). All entry points stream: memory does not grow with the file.
 */
public final class BarFiles {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final int BUFFER = 1 << 16;
  private static final Pattern TIMEFRAME_SUFFIX = Pattern.compile("[-_.]\\d+(s|m|h|d|w|min|mo|M)$");
  private static final Pattern DATE_SUFFIX = Pattern.compile("[-_.]\\d{6,8}$");
  private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z][A-Za-z0-9]{0,4}$");

  private BarFiles() {}

  /**
   * A source of the file's validated bars. Each materialization reads the file afresh; the materialized stage
   * completes with the report when the file is read to its end (with the report so far if downstream cancels
   * early) and fails with the same exception as the stream ({@link BadRowException}, {@link InvalidInputException}).
   * Reading runs on Pekko's blocking-IO dispatcher.
   *
   * @param symbol the bars' symbol; null for {@link #defaultSymbol(Path)}
   * @param options null for {@link ReadOptions#DEFAULT}
   */
  public static Source<Bar, CompletionStage<ReadReport>> source(Path file, String symbol, ReadOptions options) {
    return Source.fromMaterializer(
            (materializer, attributes) -> {
              CompletableFuture<ReadReport> report = new CompletableFuture<>();
              return Source.<Bar, LazyReader>unfoldResource(
                      () -> new LazyReader(file, symbol, options, report), LazyReader::next, LazyReader::close)
                  .mapMaterializedValue(notUsed -> report);
            })
        .mapMaterializedValue(stage -> stage.thenCompose(inner -> inner));
  }

  /**
   * Reads the whole file on the calling thread, handing each validated bar to {@code sink}; no actor system needed.
   * Same parsing and validation as {@link #source}.
   */
  public static ReadReport forEach(Path file, String symbol, ReadOptions options, Consumer<? super Bar> sink) {
    try (BarReader reader = open(file, symbol, options)) {
      for (Bar bar = reader.next(); bar != null; bar = reader.next()) {
        sink.accept(bar);
      }
      return reader.report();
    }
  }

  /** Opens the file for pulling bars one by one; the caller closes the reader. */
  public static BarReader open(Path file, String symbol, ReadOptions options) {
    String label = file.toString();
    RowValidator rows =
        new RowValidator(label, symbol != null ? symbol : defaultSymbol(file), options != null ? options : ReadOptions.DEFAULT);
    InputStream in = openStream(file, label);
    try {
      if (isJson(file, in)) {
        return new JsonBarReader(JSON.createParser(in), rows);
      }
      return new CsvBarReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER), rows);
    } catch (IOException e) {
      closeQuietly(in);
      throw readFailure(label, "line 1", e);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
  }

  /**
   * The symbol for a file when the caller gives none: the file name without {@code .gz} and its extension, with
   * a trailing timeframe token ({@code -5m}, {@code _1m}, {@code -1h}) and then trailing date tokens (6 to 8
   * digits) removed, upper-cased. {@code ETH_BTC-5m.json} gives {@code ETH_BTC};
   * {@code btc-perp-20211231-20220201_1m.csv} gives {@code BTC-PERP}; {@code 2006-day-001.txt} gives
   * {@code 2006-DAY-001}.
   */
  public static String defaultSymbol(Path file) {
    String name = file.getFileName().toString();
    if (name.toLowerCase(Locale.ROOT).endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    name = EXTENSION.matcher(name).replaceFirst("");
    String base = name;
    name = TIMEFRAME_SUFFIX.matcher(name).replaceFirst("");
    String previous;
    do {
      previous = name;
      name = DATE_SUFFIX.matcher(name).replaceFirst("");
    } while (!name.equals(previous));
    if (name.isEmpty()) {
      name = base;
    }
    // One instance per symbol: the bars and every map keyed by symbol then share it, so the lookups made at every
    // bar match on identity instead of comparing characters.
    return name.toUpperCase(Locale.ROOT).intern();
  }

  private static InputStream openStream(Path file, String label) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(label + ": is a directory, not a data file");
    }
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(label + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(label + ": cannot open: " + e.getMessage(), e);
    }
    if (!isGzip(file)) {
      return new BufferedInputStream(raw, BUFFER);
    }
    try {
      return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
    } catch (EOFException e) {
      closeQuietly(raw);
      throw new InvalidInputException(label + ": line 1: file is empty");
    } catch (IOException e) {
      closeQuietly(raw);
      throw new InvalidInputException(label + ": not a gzip file: " + e.getMessage(), e);
    }
  }

  private static boolean isGzip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** JSON by name, else by the first non-blank byte; leaves the stream where it was. */
  private static boolean isJson(Path file, InputStream in) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json") || name.endsWith(".json.gz")) {
      return true;
    }
    in.mark(1024);
    try {
      for (int i = 0; i < 1024; i++) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
          return b == '[';
        }
      }
      return false;
    } finally {
      in.reset();
    }
  }

  /** A read error mid-file: a truncated or corrupt archive is bad input, anything else an I/O failure. */
  static RuntimeException readFailure(String file, String location, IOException e) {
    if (e instanceof EOFException || e instanceof ZipException) {
      return new InvalidInputException(file + ": " + location + ": file is truncated or corrupt: " + e.getMessage(), e);
    }
    return new UncheckedIOException(file + ": " + location + ": " + e.getMessage(), e);
  }

  /**
   * Opens the file on the first pull rather than in the stage's start, so a missing file fails the stream like
   * any other bad input instead of being logged as a stage start-up error; completes the report either way.
   */
  private static final class LazyReader {
    private final Path file;
    private final String symbol;
    private final ReadOptions options;
    private final CompletableFuture<ReadReport> report;
    private BarReader reader;

    LazyReader(Path file, String symbol, ReadOptions options, CompletableFuture<ReadReport> report) {
      this.file = file;
      this.symbol = symbol;
      this.options = options;
      this.report = report;
    }

    Optional<Bar> next() {
      try {
        if (reader == null) {
          reader = open(file, symbol, options);
        }
        Bar bar = reader.next();
        if (bar == null) {
          report.complete(reader.report());
        }
        return Optional.ofNullable(bar);
      } catch (RuntimeException e) {
        report.completeExceptionally(e);
        throw e;
      }
    }

    void close() {
      if (reader != null) {
        report.complete(reader.report()); // no-op unless downstream cancelled early
        reader.close();
      } else {
        report.completeExceptionally(new IllegalStateException(file + ": stream stopped before the file was opened"));
      }
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing; the first error is the one worth reporting
    }
  }
}
