package io.troupe.indicator;

/**
 * RSI(n) as TA-Lib (unstable period 0): the first value, at index n, uses the plain averages of the first n gains and
 * losses; after that both are Wilder-smoothed. 0 when there was neither gain nor loss.
 */
public final class RelativeStrengthIndex implements SingleInputIndicator {
  private final int period;
  private int changes;
  private boolean started;
  private double previous;
  private double avgGain;
  private double avgLoss;
  private double value = Double.NaN;

  public RelativeStrengthIndex(int period) {
    this.period = Periods.atLeast(period, 2, "rsi period");
  }

  @Override
  public void update(double x) {
    if (!started) {
      started = true;
      previous = x;
      return;
    }
    double change = x - previous;
    previous = x;
    double gain = change > 0 ? change : 0;
    double loss = change < 0 ? -change : 0;
    changes++;
    if (changes < period) {
      avgGain += gain;
      avgLoss += loss;
      return;
    }
    if (changes == period) {
      avgGain = (avgGain + gain) / period;
      avgLoss = (avgLoss + loss) / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    double total = avgGain + avgLoss;
    value = total != 0 ? 100.0 * avgGain / total : 0.0;
  }

  @Override
  public boolean isWarm() {
    return changes >= period;
  }

  @Override
  public double value(int line) {
    SingleInputIndicator.checkLine(line, 1);
    return value;
  }

  @Override
  public String name() {
    return "rsi(" + period + ")";
  }
}
