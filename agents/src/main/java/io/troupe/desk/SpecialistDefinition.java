package io.troupe.desk;

import io.troupe.model.InvalidInputException;
import io.troupe.persistence.CborSerializable;
import io.troupe.specialist.Genome;
import io.troupe.specialist.SpecialistFactory;
import io.troupe.strategy.Strategy;
import io.troupe.strategy.StrategyCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a hot-swapped specialist's strategy comes from: a genome (one of the four regime kinds), or a strategy of the
 * catalog by name with its resolved parameters. Validated on construction with the same checks as the command line
 * ({@link Genome}'s ranges, {@link StrategyCatalog#resolve}), so a bad one never reaches a desk. Journaled with the
 * swap (Jackson), so a resume builds the same specialist again.
 *
 * @param genome the genome, or null for a strategy
 * @param strategy the catalog's strategy name, or null for a genome
 * @param params the strategy's resolved parameters (every key, defaults filled in); empty for a genome
 */
public record SpecialistDefinition(Genome genome, String strategy, Map<String, Double> params) implements CborSerializable {

  public SpecialistDefinition {
    if ((genome == null) == (strategy == null)) throw new InvalidInputException("a specialist needs a genome or a strategy (one of them)");
    params = params == null ? Map.of() : new LinkedHashMap<>(params);
    if (strategy != null) {
      Map<String, String> asText = new LinkedHashMap<>();
      params.forEach((k, v) -> asText.put(k, Double.toString(v)));
      StrategyCatalog.resolve(strategy, asText); // unknown name, unknown or bad parameter: refused naming it
    }
  }

  public static SpecialistDefinition of(Genome genome) {
    return new SpecialistDefinition(genome, null, Map.of());
  }

  /** A catalog strategy with its parameters as written ({@code k=v}); defaults fill the rest. */
  public static SpecialistDefinition of(String strategy, Map<String, String> params) {
    return new SpecialistDefinition(null, strategy, StrategyCatalog.resolve(strategy, params));
  }

  /**
   * Fresh strategies for the specialist called {@code name} on a desk: a genome is renamed to it, so its signals carry
   * the desk's name for it (a catalog strategy's signals are relabelled by the desk).
   */
  public Supplier<Strategy> strategies(String name) {
    if (genome != null) {
      Genome named = genome.name().equals(name) ? genome : genome.named(name);
      return SpecialistFactory.fromGenome(named);
    }
    return StrategyCatalog.factory(strategy, params);
  }

  /** The regime a genome is built for (the seat it takes in select mode); null for a strategy. */
  public io.troupe.regime.Regime kind() {
    return genome == null ? null : genome.kind();
  }

  /** As a person reads it: {@code genome trending-fast (TRENDING)} or {@code strategy sma-cross(period=20)}. */
  public String describe() {
    if (genome != null) return "genome " + genome.name() + " (" + genome.kind() + ")";
    StringBuilder b = new StringBuilder("strategy ").append(strategy).append('(');
    int i = 0;
    for (var e : params.entrySet()) {
      if (i++ > 0) b.append(", ");
      double v = e.getValue();
      b.append(e.getKey()).append('=').append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
    }
    return b.append(')').toString();
  }
}
