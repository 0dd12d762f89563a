package io.troupe.adviser;

import io.troupe.persistence.CborSerializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verdicts by the hash of the prompt put to an endpoint ({@link AdvicePrompt#hash(AdviserSettings.Endpoint)}): what a
 * rerun reads instead of asking. The runner loads it from a file before a run and writes it back after; the adviser
 * only reads and adds, in memory. Not thread-safe: one actor owns it.
 */
public final class AdviceCache {

  /** One cached verdict: its key, and the verdict as it first came (its outcome the original one). */
  public record Entry(String key, AdviceVerdict verdict) implements CborSerializable {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<Entry> added = new java.util.ArrayList<>();

  public AdviceCache(Collection<Entry> loaded) {
    for (Entry e : loaded) entries.put(e.key(), e);
  }

  /** The cache entries a ruling's verdicts make (as first given: a replay reads them whatever their outcome). */
  public static List<Entry> entriesOf(AdviceRuling ruling) {
    List<Entry> out = new java.util.ArrayList<>(ruling.keys().size());
    for (int i = 0; i < ruling.keys().size() && i < ruling.verdicts().size(); i++) out.add(new Entry(ruling.keys().get(i), ruling.verdicts().get(i)));
    return out;
  }

  public static AdviceCache empty() {
    return new AdviceCache(List.of());
  }

  public AdviceVerdict get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.verdict();
  }

  public void put(String key, AdviceVerdict verdict) {
    Entry e = new Entry(key, verdict);
    if (entries.putIfAbsent(key, e) == null) added.add(e);
  }

  /** Every entry, loaded first, then added, in the order they came. */
  public List<Entry> all() {
    return List.copyOf(entries.values());
  }

  /** The entries added since it was loaded. */
  public List<Entry> added() {
    return List.copyOf(added);
  }
}
