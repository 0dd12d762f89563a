package io.troupe.specialist;

import io.troupe.regime.Regime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A specialist's parameter genome: its name (also the source name of its signals), the regime it is built for, and
 * its named parameters, complete and within {@link GenomeRanges} (checked on construction; a bad genome is an
 * {@link io.troupe.model.InvalidInputException} naming the genome and the field). Parameters are kept in the kind's order.
 *
 * <p>With a {@code strategy} (a name {@code --strategy} takes, built in or from a plugin) the genome runs that strategy
 * as the regime's specialist instead of the kind's own: its params are {@code position_pct}, optional {@code stop_pct}
 * and {@code target_pct} ({@link GenomeRanges#STRATEGY_GENOME}), and the strategy's parameters (defaults for those left
 * out), checked by the strategy itself.
 *
 * <p>With {@code learned} (the genome's {@code learned} object: features, label, calibration) it is a learned
 * specialist ({@link LearnedSpecialist}): its params are the learned ones ({@link GenomeRanges#LEARNED_GENOME},
 * defaults for those left out).
 */
public record Genome(String name, Regime kind, Map<String, Double> params, String strategy, io.troupe.learned.LearnedSpec learned) {

  public Genome {
    if (name == null || name.isBlank()) throw new io.troupe.model.InvalidInputException("genome: missing field 'name'");
    if (kind == null) throw new io.troupe.model.InvalidInputException("genome '" + name + "': missing field 'kind'");
    if (learned != null) {
      if (strategy != null) throw new io.troupe.model.InvalidInputException("genome '" + name + "': a genome has 'strategy' or 'learned', not both");
      params = Collections.unmodifiableMap(GenomeRanges.validateLearned(name, learned, params));
    } else if (strategy == null) {
      GenomeRanges.validate(name, kind, params);
      Map<String, Double> ordered = new LinkedHashMap<>();
      for (GenomeRanges.ParamRange r : GenomeRanges.of(kind)) ordered.put(r.key(), params.get(r.key()));
      params = Collections.unmodifiableMap(ordered);
    } else {
      params = Collections.unmodifiableMap(GenomeRanges.validateStrategy(name, strategy, params));
    }
  }

  /** A genome of the kind's own specialist. */
  public Genome(String name, Regime kind, Map<String, Double> params) {
    this(name, kind, params, null, null);
  }

  /** A genome running a strategy by name (null: the kind's own). */
  public Genome(String name, Regime kind, Map<String, Double> params, String strategy) {
    this(name, kind, params, strategy, null);
  }

  /** The same genome under another name. */
  public Genome named(String newName) {
    return new Genome(newName, kind, params, strategy, learned);
  }

  /** The strategy's own parameters (a strategy genome's params without position, stop and target). */
  public Map<String, Double> strategyParams() {
    Map<String, Double> p = new LinkedHashMap<>(params);
    for (GenomeRanges.ParamRange r : GenomeRanges.STRATEGY_GENOME) p.remove(r.key());
    return p;
  }

  public double get(String key) {
    Double v = params.get(key);
    if (v == null) throw new IllegalArgumentException("genome '" + name + "' has no parameter " + key);
    return v;
  }

  public boolean flag(String key) {
    return get(key) != 0;
  }

  /** The position size the genome asks for, as a fraction of equity ({@code position_pct / 100}). */
  public double positionFraction() {
    return get("position_pct") / 100.0;
  }

  /** A copy with one parameter changed (validated), for mutation and tests. */
  public Genome with(String key, double value) {
    Map<String, Double> p = new LinkedHashMap<>(params);
    p.put(key, value);
    return new Genome(name, kind, p, strategy, learned);
  }
}
