package io.troupe.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.troupe.market.BarFiles;
import io.troupe.market.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegimeTrackerTest {

  @Test
  void changesMatchTheTimelineAndCarryTheirReadings() {
    RegimeTracker tracker = new RegimeTracker(RegimeSettings.defaults());
    List<RegimeChange> changes = new ArrayList<>();
    BarFiles.forEach(RegimeRealDataTest.BTC, "BTC-PERP", ReadOptions.DEFAULT, b -> {
      RegimeChange c = tracker.update(b);
      if (c != null) changes.add(c);
    });
    assertNull(changes.get(0).from());
    assertEquals(tracker.timeline().spans().size(), changes.size());
    for (int i = 0; i < changes.size(); i++) {
      RegimeChange c = changes.get(i);
      assertEquals(c.to(), tracker.timeline().spans().get(i).regime());
      assertEquals(c.time(), tracker.timeline().spans().get(i).start());
      assertEquals(c.to(), c.reading().regime());
      if (i > 0) assertEquals(changes.get(i - 1).to(), c.from());
    }
    assertNotNull(tracker.lastReading());
    assertEquals(changes.get(changes.size() - 1).to(), tracker.confirmed());
  }
}
