package io.troupe.specialist;

import io.troupe.regime.Regime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A specialist's parameter genome: its name (also the source name of its signals), the regime it is built for, and
 * its named parameters, complete and within {@link GenomeRanges} (checked on construction; a bad genome is an
 * {@link io.troupe.model.InvalidInputException} naming the genome and the field). Parameters are kept in the kind's order.
 */
public record Genome(String name, Regime kind, Map<String, Double> params) {

  public Genome {
    if (name == null || name.isBlank()) throw new io.troupe.model.InvalidInputException("genome: missing field 'name'");
    if (kind == null) throw new io.troupe.model.InvalidInputException("genome '" + name + "': missing field 'kind'");
    GenomeRanges.validate(name, kind, params);
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (GenomeRanges.ParamRange r : GenomeRanges.of(kind)) ordered.put(r.key(), params.get(r.key()));
    params = Collections.unmodifiableMap(ordered);
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
    return new Genome(name, kind, p);
  }
}
