package io.troupe.model;

import io.troupe.persistence.CborSerializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a desk knew when it asked for an entry, for whoever reviews it before risk (the LLM adviser): the confirmed
 * regime (null before the first confirmation), the chosen signal's direction, strength and confidence, and the
 * desk's recent indicator readings by name (sorted, so a prompt built from them is the same on every run).
 */
public record EntryBrief(String regime, String direction, double strength, double confidence, Map<String, Double> indicators)
    implements CborSerializable {

  public EntryBrief {
    indicators = indicators == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(indicators));
  }
}
