package io.troupe.regime;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The confirmed regime over time, one entry per bar: spans of one regime, the share of time in each, and the average
 * span length. A span lasts from its first bar to the first bar of the next span; the last span ends one bar step
 * (the last step seen) after its last bar. Bars before the first confirmation (regime null) are not part of any span.
 */
public final class RegimeTimeline {

  /** One stretch of a single confirmed regime: {@code end} is exclusive. */
  public record Span(Regime regime, long start, long end, int bars) {
    public long durationMillis() {
      return end - start;
    }
  }

  /** Share and span statistics of one regime. {@code timeShare} is in [0, 1]. */
  public record RegimeShare(Regime regime, int spans, int bars, long millis, double timeShare, double averageSpanBars, double averageSpanMillis) {}

  private final List<Span> closed = new ArrayList<>();
  private final TreeMap<Long, Regime> byStart = new TreeMap<>();
  private Regime current;
  private long currentStart;
  private int currentBars;
  private long lastTime = Long.MIN_VALUE;
  private long lastStep;

  /** Records the confirmed regime at the bar starting at {@code time} (times strictly increasing). */
  public void add(long time, Regime confirmed) {
    if (lastTime != Long.MIN_VALUE) {
      if (time <= lastTime) throw new IllegalArgumentException("times must increase: " + time + " after " + lastTime);
      lastStep = time - lastTime;
    }
    lastTime = time;
    if (confirmed == null) return;
    if (confirmed != current) {
      if (current != null) closed.add(new Span(current, currentStart, time, currentBars));
      current = confirmed;
      currentStart = time;
      currentBars = 0;
      byStart.put(time, confirmed);
    }
    currentBars++;
  }

  /** Every span so far, the open one included. */
  public List<Span> spans() {
    List<Span> all = new ArrayList<>(closed);
    if (current != null) all.add(new Span(current, currentStart, lastTime + lastStep, currentBars));
    return all;
  }

  /** The confirmed regime in force at {@code time}, or null before the first confirmation. */
  public Regime regimeAt(long time) {
    Map.Entry<Long, Regime> e = byStart.floorEntry(time);
    return e == null ? null : e.getValue();
  }

  /** Per regime (in enum order, every regime present, zeros when absent): spans, bars, time and its share. */
  public Map<Regime, RegimeShare> shares() {
    Map<Regime, int[]> counts = new EnumMap<>(Regime.class);
    Map<Regime, Long> millis = new EnumMap<>(Regime.class);
    long total = 0;
    for (Regime r : Regime.values()) {
      counts.put(r, new int[2]);
      millis.put(r, 0L);
    }
    for (Span s : spans()) {
      counts.get(s.regime())[0]++;
      counts.get(s.regime())[1] += s.bars();
      millis.merge(s.regime(), s.durationMillis(), Long::sum);
      total += s.durationMillis();
    }
    Map<Regime, RegimeShare> out = new EnumMap<>(Regime.class);
    for (Regime r : Regime.values()) {
      int spans = counts.get(r)[0];
      int bars = counts.get(r)[1];
      long ms = millis.get(r);
      out.put(r, new RegimeShare(r, spans, bars, ms, total == 0 ? 0 : (double) ms / total,
          spans == 0 ? 0 : (double) bars / spans, spans == 0 ? 0 : (double) ms / spans));
    }
    return out;
  }

  /** Average span length over all regimes, in bars. */
  public double averageSpanBars() {
    List<Span> all = spans();
    return all.isEmpty() ? 0 : all.stream().mapToInt(Span::bars).sum() / (double) all.size();
  }
}
