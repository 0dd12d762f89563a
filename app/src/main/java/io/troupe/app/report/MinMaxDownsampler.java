package io.troupe.app.report;

import io.troupe.market.Bar;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Keeps at most {@code maxPoints} items of a time-ordered series, incrementally, so a chart still shows every spike:
 * the series is cut into buckets of equal item count and each bucket keeps its lowest and its highest item, in time
 * order. When the buckets run out, neighbours merge pairwise and the bucket width doubles, so memory stays bounded
 * however long the series is.
 */
public final class MinMaxDownsampler<T> {

  private final int maxBuckets;
  private final ToDoubleFunction<T> value;
  private final List<Bucket<T>> buckets = new ArrayList<>();
  private long width = 1; // items per bucket
  private long count;
  private T first;
  private T latest;

  private static final class Bucket<T> {
    T min;
    T max;
    long minSeq; // arrival order decides which of min/max comes first
    long maxSeq;
    long items;
  }

  public MinMaxDownsampler(int maxPoints, ToDoubleFunction<T> value) {
    if (maxPoints < 6) throw new IllegalArgumentException("maxPoints must be at least 6: " + maxPoints);
    this.maxBuckets = (maxPoints - 2) / 2; // two slots for the first and the latest item
    this.value = value;
  }

  /** Samples bars by their close. */
  public static MinMaxDownsampler<Bar> forBars(int maxPoints) {
    return new MinMaxDownsampler<>(maxPoints, Bar::close);
  }

  /** Convenience: the downsampled copy of a whole list (the list itself when it already fits). */
  public static <T> List<T> sample(List<T> items, int maxPoints, ToDoubleFunction<T> value) {
    if (items.size() <= maxPoints) return items;
    MinMaxDownsampler<T> s = new MinMaxDownsampler<>(maxPoints, value);
    items.forEach(s::add);
    return s.samples();
  }

  public void add(T item) {
    Bucket<T> last = buckets.isEmpty() ? null : buckets.get(buckets.size() - 1);
    if (last == null || last.items >= width) {
      if (buckets.size() == maxBuckets) {
        mergePairs();
        last = buckets.get(buckets.size() - 1);
      }
      if (last == null || last.items >= width) {
        last = new Bucket<>();
        buckets.add(last);
      }
    }
    if (count == 0) first = item;
    latest = item;
    double v = value.applyAsDouble(item);
    if (last.items == 0 || v < value.applyAsDouble(last.min)) {
      last.min = item;
      last.minSeq = count;
    }
    if (last.items == 0 || v > value.applyAsDouble(last.max)) {
      last.max = item;
      last.maxSeq = count;
    }
    last.items++;
    count++;
  }

  private void mergePairs() {
    List<Bucket<T>> merged = new ArrayList<>(maxBuckets / 2 + 1);
    for (int i = 0; i < buckets.size(); i += 2) {
      Bucket<T> a = buckets.get(i);
      if (i + 1 < buckets.size()) {
        Bucket<T> b = buckets.get(i + 1);
        if (value.applyAsDouble(b.min) < value.applyAsDouble(a.min)) {
          a.min = b.min;
          a.minSeq = b.minSeq;
        }
        if (value.applyAsDouble(b.max) > value.applyAsDouble(a.max)) {
          a.max = b.max;
          a.maxSeq = b.maxSeq;
        }
        a.items += b.items;
      }
      merged.add(a);
    }
    buckets.clear();
    buckets.addAll(merged);
    width *= 2;
  }

  /** Number of items seen so far. */
  public long count() {
    return count;
  }

  /**
   * The kept items in time order (at most maxPoints). The first and the latest item are always kept, so a line
   * starts and ends where the series does.
   */
  public List<T> samples() {
    List<T> out = new ArrayList<>(buckets.size() * 2 + 2);
    if (count == 0) return out;
    Bucket<T> head = buckets.get(0);
    if (head.minSeq != 0 && head.maxSeq != 0) out.add(first);
    for (Bucket<T> b : buckets) {
      if (b.minSeq == b.maxSeq) out.add(b.min);
      else if (b.minSeq < b.maxSeq) {
        out.add(b.min);
        out.add(b.max);
      } else {
        out.add(b.max);
        out.add(b.min);
      }
    }
    Bucket<T> tail = buckets.get(buckets.size() - 1);
    if (tail.minSeq != count - 1 && tail.maxSeq != count - 1) out.add(latest);
    return out;
  }
}
