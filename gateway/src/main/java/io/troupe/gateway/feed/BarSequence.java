package io.troupe.gateway.feed;

import io.troupe.market.Bar;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a live feed's bars in order per symbol: a bar at or before the symbol's last one is a repeat (a reconnect
 * replays the current kline) and is dropped; one more than a bar length after it leaves a gap, reported with its span.
 */
public final class BarSequence {
  /** What to do with a bar: emit it or not, and the span of the gap before it ({@code gapFrom} < 0: none). */
  public record Verdict(boolean emit, long gapFrom) {
    public boolean gap() {
      return gapFrom >= 0;
    }
  }

  private static final Verdict REPEAT = new Verdict(false, -1);
  private static final Verdict NEXT = new Verdict(true, -1);

  private final long length;
  private final Map<String, Long> last = new HashMap<>();

  public BarSequence(long barLengthMillis) {
    this.length = barLengthMillis;
  }

  /** {@code symbol}'s bars up to {@code time} are held already (a recording, a history fetched first): the next one continues from it. */
  public BarSequence seed(String symbol, long time) {
    last.merge(symbol, time, Math::max);
    return this;
  }

  public Verdict accept(Bar bar) {
    Long previous = last.get(bar.symbol());
    if (previous != null && bar.time() <= previous) return REPEAT;
    last.put(bar.symbol(), bar.time());
    if (previous != null && bar.time() > previous + length) return new Verdict(true, previous + length);
    return NEXT;
  }
}
