package io.troupe.regime;

/**
 * The last {@code capacity} values added, kept sorted as well, so a percentile is a walk over a few block sizes and
 * one array read. The sorted values are held in blocks of at most {@code 2 * BLOCK} (split when full, merged with a
 * neighbour when small): adding costs two binary searches and two shifts of at most a block, where one sorted array
 * of the whole window cost a shift of a third of it on average (the regime detector adds a sample every few bars of
 * every symbol, and that shift was the largest single cost of a backtest's decisions). Plain state, no actor:
 * checkpointed with the detector that holds it.
 */
final class RollingPercentiles {
  private static final int BLOCK = 64;

  private final double[] ring;
  /** The blocks in order; each sorted, and every value of a block <= every value of the next. */
  private double[][] blocks = new double[4][];
  private int[] sizes = new int[4];
  private int blockCount;
  private int count;
  private int next;
  /**
   * The last two percentiles read, until the next add: the detector reads the same two at every bar and adds a
   * sample only every few bars.
   */
  private double askedA = Double.NaN;
  private double answerA;
  private double askedB = Double.NaN;
  private double answerB;

  RollingPercentiles(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    this.ring = new double[capacity];
    blocks[0] = new double[2 * BLOCK];
    blockCount = 1;
  }

  int size() {
    return count;
  }

  void add(double v) {
    if (Double.isNaN(v)) return;
    askedA = Double.NaN;
    askedB = Double.NaN;
    // Full: the oldest value leaves (the first kept value equal to it), then v goes in after every kept value <= v:
    // the same order a removal and then an insertion into one sorted array leave, ties and both zeros included.
    if (count == ring.length) remove(ring[next]);
    insert(v);
    ring[next] = v;
    next = (next + 1) % ring.length;
  }

  private void insert(double v) {
    // The first block whose largest value is > v; the last block if none.
    int b = 0;
    while (b < blockCount - 1 && (sizes[b] == 0 || blocks[b][sizes[b] - 1] <= v)) b++;
    double[] block = blocks[b];
    int n = sizes[b];
    int at = upperBound(block, n, v);
    System.arraycopy(block, at, block, at + 1, n - at);
    block[at] = v;
    sizes[b] = n + 1;
    count++;
    if (n + 1 == block.length) split(b);
  }

  private void remove(double v) {
    // The first block whose largest value is >= v holds the first value equal to v.
    int b = 0;
    while (blocks[b][sizes[b] - 1] < v) b++;
    double[] block = blocks[b];
    int n = sizes[b];
    int at = lowerBound(block, n, v);
    System.arraycopy(block, at + 1, block, at, n - at - 1);
    sizes[b] = n - 1;
    count--;
    if (blockCount > 1 && sizes[b] < BLOCK / 2) mergeSmall(b);
  }

  private void split(int b) {
    makeRoom();
    System.arraycopy(blocks, b + 1, blocks, b + 2, blockCount - b - 1);
    System.arraycopy(sizes, b + 1, sizes, b + 2, blockCount - b - 1);
    double[] full = blocks[b];
    double[] upper = new double[2 * BLOCK];
    System.arraycopy(full, BLOCK, upper, 0, full.length - BLOCK);
    blocks[b + 1] = upper;
    sizes[b + 1] = full.length - BLOCK;
    sizes[b] = BLOCK;
    blockCount++;
  }

  /** A small block joins a neighbour when both fit in one; an empty one goes. */
  private void mergeSmall(int b) {
    int into = b > 0 && (b == blockCount - 1 || sizes[b - 1] <= sizes[b + 1]) ? b - 1 : b + 1;
    int lo = Math.min(b, into);
    int hi = lo + 1;
    if (sizes[lo] + sizes[hi] >= 2 * BLOCK) return;
    System.arraycopy(blocks[hi], 0, blocks[lo], sizes[lo], sizes[hi]);
    sizes[lo] += sizes[hi];
    System.arraycopy(blocks, hi + 1, blocks, hi, blockCount - hi - 1);
    System.arraycopy(sizes, hi + 1, sizes, hi, blockCount - hi - 1);
    blockCount--;
    blocks[blockCount] = null;
    sizes[blockCount] = 0;
  }

  private void makeRoom() {
    if (blockCount < blocks.length) return;
    blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
    sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
  }

  /** The kept values in sorted order (for tests). */
  double[] sortedValues() {
    double[] out = new double[count];
    int at = 0;
    for (int b = 0; b < blockCount; b++) {
      System.arraycopy(blocks[b], 0, out, at, sizes[b]);
      at += sizes[b];
    }
    return out;
  }

  /**
   * The nearest-rank percentile (Hyndman and Fan's definition 1): the smallest kept value with at least {@code p}
   * percent of the kept values at or below it; NaN when nothing is kept.
   */
  double percentile(double p) {
    if (count == 0) return Double.NaN;
    if (p == askedA) return answerA;
    if (p == askedB) return answerB;
    double v = find(p);
    askedB = askedA;
    answerB = answerA;
    askedA = p;
    answerA = v;
    return v;
  }

  private double find(double p) {
    int rank = (int) Math.ceil(p / 100.0 * count);
    int index = Math.max(0, Math.min(count - 1, rank - 1));
    int b = 0;
    while (index >= sizes[b]) index -= sizes[b++];
    return blocks[b][index];
  }

  /** Where v goes in a sorted block: after every value <= v. */
  private static int upperBound(double[] a, int n, double v) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index of a sorted block holding a value >= v. */
  private static int lowerBound(double[] a, int n, double v) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
