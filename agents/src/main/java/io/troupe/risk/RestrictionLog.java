package io.troupe.risk;

import io.troupe.model.TradingState;
import io.troupe.persistence.CborSerializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every restriction the account was under during a run (a halt, a reduce-only spell), with when it began, when it
 * lifted and why: the trading state's history, so a halt that ended before the run did still shows in its summary.
 * Fed the restrictions in force after each change of the risk state; event time throughout.
 */
public final class RestrictionLog {

  /** One restriction's time in force: {@code until} is null while it still holds. */
  public record Span(TradingState level, String code, String detail, long since, Long until) implements CborSerializable {}

  private final List<Span> lifted = new ArrayList<>();
  private final Map<String, Restriction> inForce = new LinkedHashMap<>();
  /** The restrictions of the last look that changed something; null before the first. */
  private List<Restriction> lastSeen;

  /** The restrictions in force at {@code time}; those that were and are no more lifted then. */
  public void observe(long time, List<Restriction> now) {
    if (now.isEmpty() && inForce.isEmpty()) return; // most steps: nothing in force before or now
    // The same restrictions as at the last look (the same objects, in order): nothing lifted, nothing new.
    if (sameAsLast(now)) return;
    Map<String, Restriction> next = new LinkedHashMap<>();
    for (Restriction r : now) next.put(key(r), r);
    for (Map.Entry<String, Restriction> e : inForce.entrySet()) {
      if (!next.containsKey(e.getKey())) {
        Restriction r = e.getValue();
        lifted.add(new Span(r.level(), r.code(), r.detail(), r.since(), time));
      }
    }
    inForce.clear();
    inForce.putAll(next);
    lastSeen = now;
  }

  private boolean sameAsLast(List<Restriction> now) {
    if (now == lastSeen) return true;
    if (lastSeen == null || now.size() != lastSeen.size()) return false;
    for (int i = 0; i < now.size(); i++) if (now.get(i) != lastSeen.get(i)) return false;
    return true;
  }

  /** Every span so far in the order they began, those still in force last among equals. */
  public List<Span> spans() {
    List<Span> out = new ArrayList<>(lifted);
    for (Restriction r : inForce.values()) out.add(new Span(r.level(), r.code(), r.detail(), r.since(), null));
    out.sort(java.util.Comparator.comparingLong(Span::since));
    return List.copyOf(out);
  }

  private static String key(Restriction r) {
    return r.level() + "|" + r.code() + "|" + r.since();
  }
}
