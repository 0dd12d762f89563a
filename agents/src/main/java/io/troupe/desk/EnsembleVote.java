package io.troupe.desk;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.model.InvalidInputException;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted vote of specialists on one symbol. Each voter's stance is its latest signal (LONG, SHORT or FLAT; none
 * before its first signal: it abstains). A direction wins when at least {@code minAgreeing} voters hold it (3 by
 * default, of 5 voters) and their weights add up to at least {@code minWeightShare} of all voters' weights (abstainers
 * included, so silence is not consent). Otherwise there is no consensus and no signal.
 *
 * <p>Weight of a voter: its smoothed lifetime hit rate {@code (hits + 1) / (calls + 2)} from the scorecard, multiplied
 * by {@code penalty} (0.25) while its accuracy over its recent judged calls is below {@code accuracyFloor} (55%),
 * judged once it has at least {@code minRecentCalls} of them. The penalty lifts as soon as the recent accuracy is back
 * at the floor, so a voter recovers its weight by being right again (its calls are judged whether or not it trades).
 * A stance counts with its voter's weight times the signal's confidence: 1 for the rule-based specialists, the
 * calibrated probability of its direction for a learned one, so a hesitant model weighs less than a sure one.
 */
public final class EnsembleVote {
  public static final String SOURCE = "ensemble";

  public record Settings(int minAgreeing, double minWeightShare, int minRecentCalls, double accuracyFloor, double penalty) {
    public Settings {
      if (minAgreeing < 1) throw new InvalidInputException("troupe.meta.ensemble.min-agreeing must be >= 1");
      if (!(minWeightShare >= 0 && minWeightShare <= 1)) throw new InvalidInputException("troupe.meta.ensemble.min-weight-share must be in [0, 1]");
      if (!(accuracyFloor >= 0 && accuracyFloor <= 1)) throw new InvalidInputException("troupe.meta.ensemble.accuracy-floor must be in [0, 1]");
      if (!(penalty >= 0 && penalty <= 1)) throw new InvalidInputException("troupe.meta.ensemble.penalty must be in [0, 1]");
    }

    public static Settings defaults() {
      return new Settings(3, 0.5, 5, 0.55, 0.25);
    }

    /** From the {@code troupe.meta.ensemble} section; missing keys take the defaults. */
    public static Settings fromConfig(Config s) {
      Settings d = defaults();
      try {
        return new Settings(
            s.hasPath("min-agreeing") ? s.getInt("min-agreeing") : d.minAgreeing,
            s.hasPath("min-weight-share") ? s.getDouble("min-weight-share") : d.minWeightShare,
            s.hasPath("min-recent-calls") ? s.getInt("min-recent-calls") : d.minRecentCalls,
            s.hasPath("accuracy-floor") ? s.getDouble("accuracy-floor") : d.accuracyFloor,
            s.hasPath("penalty") ? s.getDouble("penalty") : d.penalty);
      } catch (ConfigException e) {
        throw new InvalidInputException("troupe.meta.ensemble: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The result of a tally: the winning direction (null without consensus), how many voters hold it (without consensus:
   * the largest number holding any one direction), how many voters there are, its share of the total weight (0 without
   * consensus), every voter's weight, and the combined signal (null without consensus).
   */
  public record Outcome(Direction direction, int agreeing, int voters, double weightShare, Map<String, Double> weights, Signal signal) {
    public boolean consensus() {
      return signal != null;
    }
  }

  private final List<String> voters;
  private final SpecialistScorecard scorecard;
  private final Settings settings;
  private final Map<String, Signal> stances = new LinkedHashMap<>();

  public EnsembleVote(List<String> voters, SpecialistScorecard scorecard, Settings settings) {
    this.voters = new java.util.ArrayList<>(voters);
    this.scorecard = scorecard;
    this.settings = settings;
  }

  /** Records a voter's new stance (null signals change nothing). */
  public void onSignal(String voter, Signal s) {
    if (s != null && voters.contains(voter)) stances.put(voter, s);
  }

  /** A hot-swapped specialist joins the vote (abstaining until its first signal). */
  void addVoter(String voter) {
    if (!voters.contains(voter)) voters.add(voter);
  }

  /** A removed specialist leaves the vote with its stance. */
  void removeVoter(String voter) {
    voters.remove(voter);
    stances.remove(voter);
  }

  public double weight(String voter) {
    double w = scorecard.hitRate(voter);
    boolean judged = scorecard.recentCallCount(voter) >= settings.minRecentCalls();
    return judged && scorecard.recentAccuracy(voter) < settings.accuracyFloor() ? w * settings.penalty() : w;
  }

  public Outcome tally(String symbol, long time) {
    Map<String, Double> weights = new LinkedHashMap<>();
    double total = 0;
    Map<Direction, Integer> count = new EnumMap<>(Direction.class);
    Map<Direction, Double> weight = new EnumMap<>(Direction.class);
    for (String v : voters) {
      double w = weight(v);
      weights.put(v, w);
      total += w;
      Signal s = stances.get(v);
      if (s == null) continue;
      count.merge(s.direction(), 1, Integer::sum);
      weight.merge(s.direction(), w * s.confidence(), Double::sum);
    }
    Direction best = null;
    double bestWeight = -1;
    boolean tie = false;
    for (Direction d : Direction.values()) {
      int n = count.getOrDefault(d, 0);
      double w = weight.getOrDefault(d, 0.0);
      if (n < settings.minAgreeing() || total <= 0 || w / total < settings.minWeightShare()) continue;
      if (w > bestWeight) {
        best = d;
        bestWeight = w;
        tie = false;
      } else if (w == bestWeight) {
        tie = true;
      }
    }
    if (best == null || tie) {
      int most = count.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      return new Outcome(null, most, voters.size(), 0, weights, null);
    }
    double share = bestWeight / total;
    double stopSum = 0, stopW = 0, targetSum = 0, targetW = 0;
    for (String v : voters) {
      Signal s = stances.get(v);
      if (s == null || s.direction() != best) continue;
      double w = weights.get(v) * s.confidence();
      if (!Double.isNaN(s.stop())) {
        stopSum += w * s.stop();
        stopW += w;
      }
      if (!Double.isNaN(s.target())) {
        targetSum += w * s.target();
        targetW += w;
      }
    }
    int agreeing = count.get(best);
    Signal combined = new Signal(symbol, time, best, share, bestWeight / agreeing,
        stopW > 0 ? stopSum / stopW : Double.NaN, targetW > 0 ? targetSum / targetW : Double.NaN, SOURCE);
    return new Outcome(best, agreeing, voters.size(), share, weights, combined);
  }
}
