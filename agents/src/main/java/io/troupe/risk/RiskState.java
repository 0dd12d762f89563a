package io.troupe.risk;

import io.troupe.model.TradingState;
import io.troupe.persistence.CborSerializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the risk supervisor remembers between steps, immutable: the restrictions in force (from which the
 * {@link #tradingState()} follows), the circuit-breaker baselines (equity at the start of the UTC day and of the UTC
 * week, the equity peak), recent stop-loss exits, and the event times of recent orders for the frequency and rate
 * limits. Every transition returns a new state; times are event time (epoch ms).
 */
public record RiskState(
    long time,
    double lastEquity,
    long day,
    double dayStartEquity,
    long week,
    double weekStartEquity,
    double peakEquity,
    List<Restriction> restrictions,
    List<Long> stopExitTimes,
    Map<String, List<Long>> entryTimesBySpecialist,
    List<Long> orderTimes)
    implements CborSerializable {

  static final long SECOND = 1_000L;
  static final long MINUTE = 60_000L;
  static final long HOUR = 3_600_000L;
  static final long DAY = 86_400_000L;

  public RiskState {
    restrictions = List.copyOf(restrictions);
    stopExitTimes = List.copyOf(stopExitTimes);
    if (!(entryTimesBySpecialist instanceof EntryTimes)) entryTimesBySpecialist = new EntryTimes(entryTimesBySpecialist);
    orderTimes = List.copyOf(orderTimes);
  }

  /** A fresh account at {@code time} with {@code equity}: ACTIVE, baselines at that equity. */
  public static RiskState initial(long time, double equity) {
    return new RiskState(time, equity, utcDay(time), equity, utcWeek(time), equity, equity, List.of(), List.of(), Map.of(), List.of());
  }

  /** A state that carries only a trading state and no history: what the old five-argument check decides against. */
  public static RiskState of(TradingState state) {
    RiskState s = initial(0, Double.NaN);
    return state == TradingState.ACTIVE ? s : s.restrict(new Restriction(state, "external", "set by the caller", 0, Restriction.OPERATOR_ONLY));
  }

  /** The worst level among the restrictions in force. */
  public TradingState tradingState() {
    TradingState worst = TradingState.ACTIVE;
    for (int i = 0; i < restrictions.size(); i++) { // asked several times a step: no iterator
      Restriction r = restrictions.get(i);
      if (r.level() == TradingState.RECONCILING) return TradingState.RECONCILING;
      if (r.level() == TradingState.HALTED) worst = TradingState.HALTED;
      else if (r.level() == TradingState.REDUCING && worst != TradingState.HALTED) worst = TradingState.REDUCING;
    }
    return worst;
  }

  /** Without the restriction {@code code} (this state when it is not in force). */
  public RiskState lift(String code) {
    if (!isRestrictedBy(code)) return this;
    List<Restriction> kept = new ArrayList<>(restrictions.size());
    for (Restriction r : restrictions) if (!r.code().equals(code)) kept.add(r);
    return withRestrictions(List.copyOf(kept));
  }

  /** The codes of the restrictions in force, sorted. */
  public List<String> restrictionCodes() {
    return restrictions.stream().map(Restriction::code).sorted().toList();
  }

  public boolean isRestrictedBy(String code) {
    for (Restriction r : restrictions) if (r.code().equals(code)) return true;
    return false;
  }

  /** Adds (or replaces, by code) a restriction. */
  public RiskState restrict(Restriction r) {
    List<Restriction> next = new ArrayList<>(restrictions.size() + 1);
    for (Restriction old : restrictions) if (!old.code().equals(r.code())) next.add(old);
    next.add(r);
    next.sort((a, b) -> a.code().compareTo(b.code()));
    return withRestrictions(next);
  }

  /** Drops the restrictions whose own time has come; operator-only ones stay. */
  public RiskState liftExpired(long now) {
    // Called every step: no allocation unless something expires.
    boolean any = false;
    for (Restriction r : restrictions) any |= r.expiredAt(now);
    if (!any) return this;
    List<Restriction> kept = new java.util.ArrayList<>(restrictions.size());
    for (Restriction r : restrictions) if (!r.expiredAt(now)) kept.add(r);
    return withRestrictions(List.copyOf(kept));
  }

  /** Lifts every restriction, operator-only ones included, and re-bases the breakers at the last equity. */
  public RiskState resumedByOperator(long now) {
    double eq = Double.isNaN(lastEquity) ? peakEquity : lastEquity;
    return new RiskState(Math.max(time, now), lastEquity, day, eq, week, eq, eq, List.of(), List.of(), entryTimesBySpecialist, orderTimes);
  }

  RiskState withRestrictions(List<Restriction> next) {
    return new RiskState(time, lastEquity, day, dayStartEquity, week, weekStartEquity, peakEquity, next, stopExitTimes, entryTimesBySpecialist, orderTimes);
  }

  RiskState withEquity(long now, double equity, long newDay, double dayStart, long newWeek, double weekStart, double peak) {
    return new RiskState(now, equity, newDay, dayStart, newWeek, weekStart, peak, restrictions, stopExitTimes, entryTimesBySpecialist, orderTimes);
  }

  RiskState withStopExitTimes(List<Long> times) {
    return new RiskState(time, lastEquity, day, dayStartEquity, week, weekStartEquity, peakEquity, restrictions, times, entryTimesBySpecialist, orderTimes);
  }

  /**
   * Records an approved order at {@code now}: every order that opens or adds counts towards the account's order rate,
   * and towards its specialist's trade frequency. Orders that only shrink a position are not counted: those limits
   * exist to stop runaway entries, never to hold an exit back. History older than a day is dropped.
   */
  public RiskState recordOrder(String specialist, long now, boolean opensOrAdds) {
    if (!opensOrAdds) return this;
    TreeMap<String, List<Long>> bySpecialist = new TreeMap<>();
    entryTimesBySpecialist.forEach((k, v) -> {
      List<Long> kept = within(v, now, DAY);
      if (!kept.isEmpty()) bySpecialist.put(k, kept);
    });
    List<Long> mine = new ArrayList<>(bySpecialist.getOrDefault(specialist, List.of()));
    mine.add(now);
    bySpecialist.put(specialist, mine);
    List<Long> orders = new ArrayList<>(within(orderTimes, now, SECOND));
    orders.add(now);
    return new RiskState(time, lastEquity, day, dayStartEquity, week, weekStartEquity, peakEquity, restrictions, stopExitTimes, bySpecialist, orders);
  }

  /** Entries of {@code specialist} in the window of {@code windowMillis} ending at {@code now} (exclusive start). */
  public int entriesWithin(String specialist, long now, long windowMillis) {
    return countWithin(entryTimesBySpecialist.getOrDefault(specialist, List.of()), now, windowMillis);
  }

  public int ordersWithin(long now, long windowMillis) {
    return countWithin(orderTimes, now, windowMillis);
  }

  /** The times in the window, the same boxed values (kept, not boxed again: this runs at every entry decided). */
  static List<Long> within(List<Long> times, long now, long windowMillis) {
    List<Long> out = new ArrayList<>(times.size());
    for (Long t : times) if (now - t < windowMillis && t <= now) out.add(t);
    return out;
  }

  private static int countWithin(List<Long> times, long now, long windowMillis) {
    int n = 0;
    for (int i = 0; i < times.size(); i++) {
      long t = times.get(i);
      if (now - t < windowMillis && t <= now) n++;
    }
    return n;
  }

  /** Days since the epoch, UTC. */
  public static long utcDay(long time) {
    return Math.floorDiv(time, DAY);
  }

  /** ISO weeks (Monday to Sunday, UTC) since the epoch; 1970-01-01 was a Thursday. */
  public static long utcWeek(long time) {
    return Math.floorDiv(utcDay(time) + 3, 7);
  }

  /**
   * Entry times by specialist, sorted by name, each list immutable. Built once from whatever map a caller gives; every
   * transition that keeps the map hands this same object on, so a step's new state copies nothing.
   */
  static final class EntryTimes extends AbstractMap<String, List<Long>> {
    private final Map<String, List<Long>> sorted;

    EntryTimes(Map<String, List<Long>> times) {
      TreeMap<String, List<Long>> copy = new TreeMap<>();
      times.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      this.sorted = Collections.unmodifiableMap(copy);
    }

    @Override
    public Set<Entry<String, List<Long>>> entrySet() {
      return sorted.entrySet();
    }

    @Override
    public List<Long> get(Object key) {
      return sorted.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return sorted.containsKey(key);
    }

    @Override
    public int size() {
      return sorted.size();
    }
  }
}
