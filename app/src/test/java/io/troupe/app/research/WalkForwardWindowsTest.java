package io.troupe.app.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardWindowsTest {

  static final Instant FIRST = Instant.parse("2022-01-01T00:00:00Z");
  static final Instant END = Instant.parse("2022-02-01T00:00:00Z");

  @Test
  void rollingWindowsTestOnDataTheirTrainingNeverSaw() {
    List<WalkForwardWindows.Window> w = WalkForwardWindows.of(FIRST, END, Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(3), false);
    assertEquals(8, w.size()); // 7 + 3k + 3 <= 31
    for (WalkForwardWindows.Window x : w) {
      assertEquals(Duration.ofDays(7), Duration.between(x.trainFrom(), x.trainTo()), "rolling: the train length stays");
      assertEquals(x.trainTo(), x.testFrom(), "the test starts where the training ends");
      assertFalse(x.testFrom().isBefore(x.trainTo()), "no bar of [trainFrom, trainTo) is in [testFrom, testTo)");
      assertFalse(x.testTo().isAfter(END));
    }
    for (int i = 1; i < w.size(); i++) {
      assertFalse(w.get(i).testFrom().isBefore(w.get(i - 1).testTo()), "test windows do not overlap each other");
      assertTrue(w.get(i).trainFrom().isAfter(w.get(i - 1).trainFrom()));
    }
  }

  @Test
  void anchoredWindowsGrowFromTheStartAndStillNeverOverlapTheirTest() {
    List<WalkForwardWindows.Window> w = WalkForwardWindows.of(FIRST, END, Duration.ofDays(10), Duration.ofDays(5), Duration.ofDays(5), true);
    assertEquals(4, w.size());
    for (WalkForwardWindows.Window x : w) {
      assertEquals(FIRST, x.trainFrom());
      assertEquals(x.trainTo(), x.testFrom());
    }
    assertEquals(Instant.parse("2022-01-26T00:00:00Z"), w.get(3).trainTo());
  }

  @Test
  void overlappingTestWindowsAndWindowsLongerThanTheDataAreRefused() {
    InvalidInputException overlap = assertThrows(InvalidInputException.class,
        () -> WalkForwardWindows.of(FIRST, END, Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(1), false));
    assertTrue(overlap.getMessage().startsWith("--step"), overlap.getMessage());
    InvalidInputException tooLong = assertThrows(InvalidInputException.class,
        () -> WalkForwardWindows.of(FIRST, END, Duration.ofDays(30), Duration.ofDays(3), Duration.ofDays(3), false));
    assertTrue(tooLong.getMessage().contains("longer than the data"), tooLong.getMessage());
    assertEquals(Duration.ofHours(12), WalkForwardWindows.parse("12h", "--train"));
    assertTrue(assertThrows(InvalidInputException.class, () -> WalkForwardWindows.parse("7 days", "--train")).getMessage().startsWith("--train: '7 days'"));
  }
}
