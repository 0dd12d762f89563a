package io.troupe.indicator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.market.Bar;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Updating every indicator allocates nothing per bar (measured with the JVM's per-thread allocation counter). */
class HotPathAllocationTest {

  @Test
  void updatingAllIndicatorsDoesNotAllocatePerBar() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<Bar> bars = TestBars.btc();
    IndicatorSet set = IndicatorSet.parse("sma(30),ema(30),wma(30),rsi(14),atr(14),trange,adx(14),bbands(20,2),"
        + "macd(12,26,9),stoch(14,3,3),obv,stddev(20),zscore(20),rvol(60),highest(20),lowest(20),roc(10),vwap,"
        + "vwap(20)");
    double sink = 0;
    // Warm up past every indicator's seeding (rvol sorts its warm-up steps once, in place).
    for (int i = 0; i < 1000; i++) {
      set.update(bars.get(i));
    }
    List<Indicator> indicators = set.indicators();
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 1000; i < bars.size(); i++) {
      set.update(bars.get(i));
      for (int j = 0; j < indicators.size(); j++) {
        sink += indicators.get(j).value();
      }
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    int barsRun = bars.size() - 1000;
    // Less than one byte per bar: any object allocated per bar (16 bytes at least) would exceed it.
    assertTrue(allocated < barsRun, "allocated " + allocated + " bytes over " + barsRun + " bars " + sink);
  }
}
