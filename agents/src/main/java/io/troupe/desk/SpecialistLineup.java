package io.troupe.desk;

import io.troupe.market.Bar;
import io.troupe.model.InvalidInputException;
import io.troupe.strategy.Signal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Who sits on one desk: its active specialists, in the desk's order, and the newcomers warming up in shadow; and the
 * desk's recent bars, which a newcomer warms up on. Pure and deterministic: the desk actor and the plain loop host
 * the strategies (one per seat, by its key) and ask this class what a swap changes and when a newcomer takes over.
 *
 * <p>A newcomer (an add, or a replacement) is scored under its {@linkplain Seat#label label} but has no say until it
 * is warm (it has seen its strategy's {@link io.troupe.strategy.Strategy#warmUpBars} bars, the desk's recent ones
 * first) and has given {@link SwapPlan#shadowCalls} signals in shadow. It then takes over after the bar on which that
 * became true, so from the next step: a replacement takes the replaced one's name, place and scorecard; an add joins
 * the vote, and in select mode takes its genome's regime.
 */
public final class SpecialistLineup {

  public enum Role { ACTIVE, SHADOW }

  /**
   * A seat. {@code key} names its host for the desk's whole life (the actor, the checkpoint entry); {@code name} is the
   * specialist's name on the desk; {@code label} is what its signals are scored under: its name, or while it shadows
   * a specialist it is to replace, its key. {@code definition} is null for the specialists the node was built with.
   */
  public static final class Seat {
    private final String key;
    private final String name;
    private final SpecialistDefinition definition;
    private Role role;
    private String label;
    private final int warmUpBars;
    private int barsSeen;
    private int shadowCalls;

    Seat(String key, String name, SpecialistDefinition definition, Role role, String label, int warmUpBars, int barsSeen) {
      this.key = key;
      this.name = name;
      this.definition = definition;
      this.role = role;
      this.label = label;
      this.warmUpBars = warmUpBars;
      this.barsSeen = barsSeen;
    }

    public String key() { return key; }
    public String name() { return name; }
    public SpecialistDefinition definition() { return definition; }
    public Role role() { return role; }
    public String label() { return label; }
    public int warmUpBars() { return warmUpBars; }
    public int barsSeen() { return barsSeen; }
    public int shadowCalls() { return shadowCalls; }

    public boolean warm() {
      return barsSeen >= warmUpBars;
    }
  }

  /** What a swap asks of the host: start {@code started} (and warm it on {@code warmUp}), stop the hosts of {@code stopped}. */
  public record Admission(Seat started, List<Bar> warmUp, List<String> stopped, String message) {}

  /** A newcomer took its seat: {@code key}'s host is now {@code name}; {@code replacedKey}'s host (if any) is to stop. */
  public record Takeover(String key, String name, String replacedKey) {}

  private final String symbol;
  private final List<Seat> seats = new ArrayList<>();
  private final ArrayDeque<Bar> recent;
  private final int historyBars;
  private final int shadowCallsNeeded;
  private int sequence;

  /** The specialists the node was built with, all active, each its own key. */
  public SpecialistLineup(String symbol, List<String> names, SwapPlan plan) {
    this.symbol = symbol;
    for (String n : names) seats.add(new Seat(n, n, null, Role.ACTIVE, n, 0, 0));
    this.historyBars = plan.historyBars();
    this.shadowCallsNeeded = plan.shadowCalls();
    this.recent = new ArrayDeque<>(Math.min(historyBars, 1024) + 1);
  }

  /** Every seat, the active ones in the desk's order, then the newcomers in the order they came. */
  public List<Seat> seats() {
    return seats;
  }

  public Seat seat(String key) {
    for (Seat s : seats) if (s.key.equals(key)) return s;
    return null;
  }

  /** The key of the active specialist called {@code name} (whose host hears of its orders' rejections), or null. */
  public String activeKey(String name) {
    Seat s = active(name);
    return s == null ? null : s.key;
  }

  private Seat active(String name) {
    for (Seat s : seats) if (s.role == Role.ACTIVE && s.name.equals(name)) return s;
    return null;
  }

  private Seat shadow(String name) {
    for (Seat s : seats) if (s.role == Role.SHADOW && s.name.equals(name)) return s;
    return null;
  }

  private List<String> activeNames() {
    List<String> out = new ArrayList<>();
    for (Seat s : seats) if (s.role == Role.ACTIVE) out.add(s.name);
    return out;
  }

  /**
   * Applies a swap, or refuses it (an {@link InvalidInputException} saying why, and nothing changed). {@code warmUpBars}
   * is the newcomer's strategy's warm-up (ignored for a removal).
   */
  public Admission apply(SpecialistSwap swap, int warmUpBars, MetaController meta) {
    String name = swap.name();
    String desk = "desk " + symbol;
    Seat active = active(name);
    Seat shadow = shadow(name);
    MetaSettings.Mode mode = meta.mode();
    List<String> stopped = new ArrayList<>();
    switch (swap.change()) {
      case REMOVE -> {
        if (active == null && shadow == null) throw new InvalidInputException(desk + " has no specialist '" + name + "'; it has " + activeNames());
        if (active != null && mode == MetaSettings.Mode.SINGLE) throw new InvalidInputException(desk + " runs one strategy: it takes replace only, not remove");
        if (active != null && activeNames().size() == 1) throw new InvalidInputException(desk + ": '" + name + "' is its last specialist; a desk without one never decides");
        if (shadow != null) dropShadow(shadow, meta, stopped);
        if (active != null) {
          seats.remove(active);
          meta.remove(name);
          stopped.add(active.key);
        }
        return new Admission(null, List.of(), stopped, "removed " + name + " from " + desk
            + (active == null ? " (it was still warming up)" : "; its open position, if any, stays with its exits and brackets"));
      }
      case ADD -> {
        if (active != null || shadow != null) throw new InvalidInputException(desk + " already has a specialist '" + name + "'; replace it, or choose another name");
        if (mode == MetaSettings.Mode.SINGLE) throw new InvalidInputException(desk + " runs one strategy: it takes replace only, not add");
        if (mode == MetaSettings.Mode.SELECT && swap.definition().kind() == null) {
          throw new InvalidInputException(desk + " selects by regime: a new specialist needs a genome (its kind is the regime it takes), not a strategy");
        }
      }
      case REPLACE -> {
        if (active == null && shadow == null) throw new InvalidInputException(desk + " has no specialist '" + name + "' to replace; it has " + activeNames());
        if (shadow != null) dropShadow(shadow, meta, stopped); // the newer newcomer wins
      }
    }
    String key = name + "~" + (++sequence);
    boolean replacing = active != null;
    // Warm-up on the desk's recent bars: as many as the strategy needs, the latest ones.
    List<Bar> warmUp = new ArrayList<>(recent);
    if (warmUp.size() > warmUpBars) warmUp = new ArrayList<>(warmUp.subList(warmUp.size() - warmUpBars, warmUp.size()));
    Seat seat = new Seat(key, name, swap.definition(), Role.SHADOW, replacing ? key : name, warmUpBars, warmUp.size());
    seats.add(seat);
    meta.addShadow(seat.label);
    return new Admission(seat, warmUp, stopped, (replacing ? "replacing " : "adding ") + name + " on " + desk + " with " + swap.definition().describe()
        + ": warming up in shadow on " + warmUp.size() + " of its " + warmUpBars + " warm-up bars, then " + shadowCallsNeeded + " shadow signals");
  }

  private void dropShadow(Seat shadow, MetaController meta, List<String> stopped) {
    seats.remove(shadow);
    meta.dropShadow(shadow.label);
    stopped.add(shadow.key);
  }

  /**
   * A seat's answer to the bar: its signal as the meta-controller should read it. A swapped-in specialist's signals
   * carry its name on the desk (a catalog strategy names them after itself).
   */
  public Signal signal(Seat seat, Signal s) {
    if (s == null || seat.definition == null || s.source().equals(seat.name)) return s;
    return new Signal(s.symbol(), s.time(), s.direction(), s.strength(), s.confidence(), s.stop(), s.target(), seat.name);
  }

  /**
   * After the desk decided on {@code bar}: counts the newcomers' bars and shadow signals ({@code signalsByLabel} as
   * handed to the meta-controller), keeps the bar for later newcomers, and seats those now ready. Their takeovers
   * are for the host to carry out before the next bar.
   */
  public List<Takeover> afterDecision(Bar bar, java.util.Map<String, Signal> signalsByLabel, MetaController meta) {
    if (historyBars > 0) {
      if (recent.size() == historyBars) recent.pollFirst();
      recent.addLast(bar);
    }
    if (seats.size() == 0 || !hasShadow()) return List.of();
    List<Takeover> out = new ArrayList<>(1);
    for (Seat s : new ArrayList<>(seats)) {
      if (s.role != Role.SHADOW) continue;
      s.barsSeen++;
      if (signalsByLabel.get(s.label) != null) s.shadowCalls++;
      if (!s.warm() || s.shadowCalls < shadowCallsNeeded) continue;
      Seat replaced = active(s.name);
      seats.remove(s);
      if (replaced != null) {
        seats.set(seats.indexOf(replaced), s);
      } else {
        int at = 0;
        while (at < seats.size() && seats.get(at).role == Role.ACTIVE) at++;
        seats.add(at, s);
      }
      String label = s.label;
      s.role = Role.ACTIVE;
      s.label = s.name;
      Double fraction = s.definition.genome() == null ? null : s.definition.genome().positionFraction();
      meta.takeOver(s.name, label, s.definition.kind(), fraction);
      out.add(new Takeover(s.key, s.name, replaced == null ? null : replaced.key));
    }
    return out;
  }

  boolean hasShadow() {
    for (Seat s : seats) if (s.role == Role.SHADOW) return true;
    return false;
  }
}
