package io.troupe.app.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void aMinuteBarTakesSixtyOverNSecondsFromTheFirstStep() {
    Pacer pacer = new Pacer(60);
    long now = 5_000_000_000L;
    assertEquals(0, pacer.waitNanos(0, now), "the first step anchors the clock");
    assertEquals(1_000_000_000L, pacer.waitNanos(60_000, now), "one minute of event time at 60x is one second");
    assertEquals(500_000_000L, pacer.waitNanos(60_000, now + 500_000_000L));
    assertEquals(0, pacer.waitNanos(60_000, now + 2_000_000_000L), "a late step is due at once");
  }

  @Test
  void maxSpeedNeverWaits() {
    Pacer pacer = new Pacer(Double.POSITIVE_INFINITY);
    assertEquals(0, pacer.waitNanos(0, 0));
    assertEquals(0, pacer.waitNanos(3_600_000, 0));
  }
}
