package io.troupe.app.marketdata;

import io.troupe.market.Bar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Records a live feed's bars as they arrive, one growing CSV per symbol under a folder ({@code SYMBOL-TF.csv}), in
 * the format the backtester reads: a recorded stretch replays as a backtest. Each bar is flushed as it is written.
 */
public final class BarRecorder implements AutoCloseable {
  private final Path dir;
  private final String timeframe;
  private final Map<String, BarCsvFile> files = new LinkedHashMap<>();

  public BarRecorder(Path dir, String timeframe) {
    this.dir = dir;
    this.timeframe = timeframe;
  }

  public synchronized void record(Bar bar) {
    BarCsvFile f = files.computeIfAbsent(bar.symbol(), s -> {
      try {
        return BarCsvFile.open(BarCsvFile.fileFor(dir, s, timeframe), s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    if (f.append(bar)) f.flush();
  }

  /** A sink that records every bar and closes the files when the stream ends. */
  public Sink<Bar, CompletionStage<Done>> sink() {
    return Sink.<Bar>foreach(this::record).mapMaterializedValue(done -> done.whenComplete((d, e) -> {
      try {
        close();
      } catch (IOException ignored) {
        // the rows are flushed as written; a close failure loses nothing
      }
    }));
  }

  public synchronized Map<String, Path> files() {
    Map<String, Path> out = new LinkedHashMap<>();
    files.forEach((s, f) -> out.put(s, f.file()));
    return out;
  }

  @Override
  public synchronized void close() throws IOException {
    for (BarCsvFile f : files.values()) f.close();
  }
}
