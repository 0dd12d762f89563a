package io.troupe.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelsTest {
  private final LearnedSettings barrier = LearnedFixtures.settings(LearnedFixtures.spec(LearnedSpec.Label.TRIPLE_BARRIER, LearnedSpec.Calibration.PLATT));
  private final LearnedSettings forward = LearnedFixtures.settings(LearnedFixtures.spec(LearnedSpec.Label.FORWARD_RETURN, LearnedSpec.Calibration.PLATT));

  // Horizon 5, barriers 0.3%: from 100 the target is 100.3, the stop 99.7.
  private int barrier(double[] high, double[] low, double lastClose) {
    double[] close = {100, 100, 100, 100, 100, lastClose};
    return Labels.label(barrier, close, high, low, 0);
  }

  @Test
  void theTargetFirstIsOneTheStopFirstIsZero() {
    assertEquals(1, barrier(new double[] {100, 100.1, 100.31, 100, 100, 100}, new double[] {100, 99.9, 99.9, 99.6, 99.9, 99.9}, 99));
    assertEquals(0, barrier(new double[] {100, 100.1, 100.1, 100.5, 100, 100}, new double[] {100, 99.9, 99.69, 99.9, 99.9, 99.9}, 101));
  }

  @Test
  void bothInOneBarCountAsTheStopAndNeitherIsTheSignAtTheHorizon() {
    assertEquals(0, barrier(new double[] {100, 100.4, 100, 100, 100, 100}, new double[] {100, 99.6, 100, 100, 100, 100}, 101));
    assertEquals(1, barrier(new double[] {100, 100.1, 100.1, 100.1, 100.1, 100.2}, new double[] {100, 99.9, 99.9, 99.9, 99.9, 99.9}, 100.05));
    assertEquals(0, barrier(new double[] {100, 100.1, 100.1, 100.1, 100.1, 100.2}, new double[] {100, 99.9, 99.9, 99.9, 99.9, 99.9}, 99.95));
  }

  @Test
  void theForwardReturnLabelReadsTheCloseAtTheHorizonOnly() {
    double[] flat = {100, 100, 100, 100, 100, 100};
    assertEquals(1, Labels.label(forward, new double[] {100, 90, 90, 90, 90, 100.01}, flat, flat, 0));
    assertEquals(0, Labels.label(forward, new double[] {100, 110, 110, 110, 110, 100}, flat, flat, 0));
  }
}
