package io.troupe.app.research;

import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of a walk-forward: each a train span and the test span right after it, both half-open [from, to). Rolling
 * windows slide their train span by the step; anchored ones keep the train span's start at the data's start and
 * grow it by the step. A test span starts where its train span ends, so no bar is in both; the step is at least the
 * test length, so no bar is in two test spans and the out-of-sample equity stitches without overlap. Only whole test
 * spans are made: the data's tail shorter than one is left out.
 */
public final class WalkForwardWindows {

  public record Window(int number, Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo) {}

  private WalkForwardWindows() {}

  /**
   * @param first the first bar's time
   * @param end just after the last bar (its time plus its length)
   */
  public static List<Window> of(Instant first, Instant end, Duration train, Duration test, Duration step, boolean anchored) {
    if (step.compareTo(test) < 0) {
      throw new InvalidInputException("--step " + step + " is shorter than --test " + test + ": the test windows would overlap, and their equity would count twice");
    }
    List<Window> out = new ArrayList<>();
    for (int k = 0; ; k++) {
      Instant trainFrom = anchored ? first : first.plus(step.multipliedBy(k));
      Instant trainTo = first.plus(train).plus(step.multipliedBy(k));
      Instant testTo = trainTo.plus(test);
      if (testTo.isAfter(end)) break;
      out.add(new Window(k + 1, trainFrom, trainTo, trainTo, testTo));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("--train " + describe(train) + " plus --test " + describe(test) + " is longer than the data (" + first + " to " + end
          + "); take shorter windows");
    }
    return out;
  }

  /** A duration as the options take it: 7d, 12h, 90m, 2w. */
  public static Duration parse(String text, String option) {
    if (text == null) throw new InvalidInputException(option + ": give a length, e.g. 7d, 12h, 90m");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([mhdw])").matcher(text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) throw new InvalidInputException(option + ": '" + text + "' is not a length such as 7d, 12h, 90m or 2w");
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  static String describe(Duration d) {
    return io.troupe.market.Timeframe.describe(d);
  }
}
