package io.troupe.learned;

/**
 * The rows one model is trained on, cut at bar {@code cutBar} (the last bar whose close it may know), already purged
 * and embargoed: {@code fitX}/{@code fitY} to fit the trees, {@code calX}/{@code calY} (the latest rows, held out) to
 * calibrate them. Every fitting row's label ends before the first held-out row, with {@code embargo} bars more
 * between them. A value: a resume that finds one pending trains it again and gets the same model.
 */
public record TrainingJob(
    int version, long cutBar, long cutTime, int cols, float[] fitX, float[] fitY, float[] calX, int[] calY) {

  public int fitRows() {
    return fitY.length;
  }

  public int calibrationRows() {
    return calY.length;
  }
}
