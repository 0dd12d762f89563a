package io.troupe.node;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.MetaController;
import io.troupe.desk.MetaSettings;
import io.troupe.desk.PositionSizing;
import io.troupe.exit.ExitPolicy;
import io.troupe.exit.ExitSettings;
import io.troupe.model.HistoryWindow;
import io.troupe.model.Instrument;
import io.troupe.order.OrderFlow;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.position.PositionKeeper;
import io.troupe.risk.BreakerSettings;
import io.troupe.risk.RiskDesk;
import io.troupe.risk.RiskLimits;
import java.util.List;
import java.util.Map;

/**
 * What a trading node is built from: the account, its instruments, each symbol's specialists, and the rules of risk,
 * exits and the order lifecycle. The factories build the agents' decision classes, so a plain loop built from the
 * same settings decides exactly as the actors do.
 *
 * @param exits null for no exit rules (positions close on signals only)
 * @param strategyTypes each specialist's strategy type, for the minimum hold ("mean-reversion", "regime", ...)
 * @param holdingLimits each specialist's own holding limit (milliseconds), where it has one: it wins over the max age
 * @param makerEntries entries go as post-only limits with a market fallback; otherwise at market
 * @param history how much of the run the agents keep for reports: all of it for a backtest, a window for a paper
 *     session (whose journal holds the rest); never what a decision reads
 */
public record NodeSettings(
    double initialCash,
    Map<String, Instrument> instruments,
    MetaSettings meta,
    Map<String, List<SpecialistSpec>> specialistsBySymbol,
    RiskLimits limits,
    BreakerSettings breakers,
    boolean flattenOnHalt,
    ExitSettings exits,
    Map<String, String> strategyTypes,
    OrderLifecycleSettings orders,
    boolean makerEntries,
    HistoryWindow history,
    io.troupe.desk.SwapPlan swaps,
    Map<String, Long> holdingLimits) {

  /** Without hot-swap settings of its own: the defaults, and no swap scheduled. */
  public NodeSettings(double initialCash, Map<String, Instrument> instruments, MetaSettings meta, Map<String, List<SpecialistSpec>> specialistsBySymbol,
      RiskLimits limits, BreakerSettings breakers, boolean flattenOnHalt, ExitSettings exits, Map<String, String> strategyTypes,
      OrderLifecycleSettings orders, boolean makerEntries, HistoryWindow history) {
    this(initialCash, instruments, meta, specialistsBySymbol, limits, breakers, flattenOnHalt, exits, strategyTypes, orders, makerEntries, history,
        io.troupe.desk.SwapPlan.defaults(), Map.of());
  }

  public NodeSettings {
    if (swaps == null) swaps = io.troupe.desk.SwapPlan.defaults();
    holdingLimits = holdingLimits == null ? Map.of() : Map.copyOf(holdingLimits);
    for (io.troupe.desk.SwapPlan.Scheduled s : swaps.scheduled()) {
      if (!specialistsBySymbol.containsKey(s.swap().symbol())) {
        throw new io.troupe.model.InvalidInputException("swap " + s.swap().describe() + ": no desk for symbol " + s.swap().symbol()
            + "; the desks are " + new java.util.TreeSet<>(specialistsBySymbol.keySet()));
      }
    }
    // A desk answers a bar once its specialists have: one without any would never answer, and every step would wait.
    for (var e : specialistsBySymbol.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new io.troupe.model.InvalidInputException("symbol " + e.getKey() + " has no specialists: its desk would never decide");
      }
    }
  }

  /** Position and cash limits with the default breakers; no exit rules; market orders. */
  public static NodeSettings basic(
      double initialCash, Map<String, Instrument> instruments, RiskLimits limits, PositionSizing sizing, Map<String, List<SpecialistSpec>> specialists) {
    return new NodeSettings(initialCash, instruments, MetaSettings.single(sizing), specialists, limits, BreakerSettings.defaults(), true, null, Map.of(),
        OrderLifecycleSettings.defaults(), false, HistoryWindow.WHOLE_RUN);
  }

  /** The same node keeping {@code window} of its history in memory. */
  public NodeSettings withHistory(HistoryWindow window) {
    return new NodeSettings(initialCash, instruments, meta, specialistsBySymbol, limits, breakers, flattenOnHalt, exits, strategyTypes, orders,
        makerEntries, window, swaps, holdingLimits);
  }

  /** The same node taking hot swaps by {@code plan}. */
  public NodeSettings withSwaps(io.troupe.desk.SwapPlan plan) {
    return new NodeSettings(initialCash, instruments, meta, specialistsBySymbol, limits, breakers, flattenOnHalt, exits, strategyTypes, orders,
        makerEntries, history, plan, holdingLimits);
  }

  /** The same node with each specialist's own holding limit (milliseconds; those without one keep the max age). */
  public NodeSettings withHoldingLimits(Map<String, Long> limits) {
    return new NodeSettings(initialCash, instruments, meta, specialistsBySymbol, this.limits, breakers, flattenOnHalt, exits, strategyTypes, orders,
        makerEntries, history, swaps, limits);
  }

  /** The meta-controller of one symbol's desk. */
  public MetaController metaController(String symbol) {
    List<String> names = specialistsBySymbol.get(symbol).stream().map(SpecialistSpec::name).toList();
    return new MetaController(symbol, names, meta, instruments.get(symbol).valueMultiplier(), initialCash);
  }

  public RiskDesk riskDesk() {
    return new RiskDesk(limits, breakers, instruments, flattenOnHalt);
  }

  public PositionKeeper positionKeeper() {
    return new PositionKeeper(initialCash, instruments, exits == null ? null : new ExitPolicy(exits), strategyTypes, holdingLimits, history);
  }

  public OrderFlow orderFlow() {
    return new OrderFlow(orders, instruments, makerEntries, history);
  }
}
