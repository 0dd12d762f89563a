package io.troupe.node;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.MetaController;
import io.troupe.desk.SpecialistLineup;
import io.troupe.desk.SpecialistSwap;
import io.troupe.desk.SwapPlan;
import io.troupe.market.Bar;
import io.troupe.model.AttributedFill;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderIntent;
import io.troupe.model.OrderRequest;
import io.troupe.model.RoundTrip;
import io.troupe.model.TradingState;
import io.troupe.order.OrderFlow;
import io.troupe.position.PositionKeeper;
import io.troupe.regime.CorrelationMonitor;
import io.troupe.risk.RiskDesk;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import io.troupe.venue.MatchingEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agents' decision classes in one plain loop, no actors: what the benchmark compares the actors against, and a
 * reference the actor pipeline must agree with trade for trade. Built from the same {@link NodeSettings}, it runs each
 * step through the phases {@link StepPhase} declares, in that order, as the {@link StepCoordinator} does.
 */
public final class DirectLoop {

  /**
   * One symbol's desk as plain objects: its meta-controller, its lineup, each seat's strategy by seat key (in the
   * lineup's order), one signals map reused.
   */
  private record Desk(MetaController meta, SpecialistLineup lineup, Map<String, Strategy> strategies, Map<String, Signal> signals) {}

  private final Map<String, Desk> desks = new java.util.HashMap<>();
  private final List<String> symbols;
  private final List<ExecutionReport> reports = new ArrayList<>();
  private final List<OrderIntent> entries = new ArrayList<>();
  private final MatchingEngine venue;
  private final PositionKeeper positions;
  private final OrderFlow orders;
  private final RiskDesk risk;
  private final CorrelationMonitor correlations;
  private final List<SwapPlan.Scheduled> swaps;
  private int nextSwap;
  private double lastEquity;
  private double lastExposure;
  private List<RoundTrip> lastClosed = List.of();

  public DirectLoop(NodeSettings node, MatchingEngine venue) {
    for (var e : new TreeMap<>(node.specialistsBySymbol()).entrySet()) {
      List<SpecialistSpec> specs = e.getValue();
      Map<String, Strategy> strategies = new LinkedHashMap<>();
      for (SpecialistSpec spec : specs) strategies.put(spec.name(), spec.strategy().get());
      SpecialistLineup lineup = new SpecialistLineup(e.getKey(), specs.stream().map(SpecialistSpec::name).toList(), node.swaps());
      desks.put(e.getKey(), new Desk(node.metaController(e.getKey()), lineup, strategies, new LinkedHashMap<>()));
    }
    this.swaps = node.swaps().scheduled();
    this.symbols = List.copyOf(new TreeMap<>(node.specialistsBySymbol()).keySet());
    this.venue = venue;
    this.positions = node.positionKeeper();
    this.orders = node.orderFlow();
    this.risk = node.riskDesk();
    this.lastEquity = node.initialCash();
    this.correlations = symbols.size() > 1 ? CorrelationMonitor.of(symbols, node.meta().regime()) : null;
  }

  /** One step: all bars that start at the same time, sorted by symbol. */
  public void step(List<Bar> bars) {
    long time = bars.get(0).time();
    // Swaps due now apply at this boundary, before the step's bars, as the coordinator sends them to the desks.
    while (nextSwap < swaps.size() && swaps.get(nextSwap).time() <= time) swap(swaps.get(nextSwap++).swap());
    boolean halted = risk.tradingState() == TradingState.HALTED;
    List<AttributedFill> fills = List.of();
    PositionKeeper.StepResult marked = null;
    reports.clear();
    entries.clear();
    RiskDesk.Outcome decided = null;
    OrderFlow.Submission sent = null;
    for (StepPhase phase : StepPhase.values()) {
      switch (phase) {
        case MATCH -> {
          for (Bar bar : bars) {
            List<ExecutionReport> r = venue.onBar(bar);
            if (!r.isEmpty()) reports.addAll(r);
          }
        }
        case FILLS -> fills = orders.onReports(reports);
        case MARKS_AND_EXITS -> marked = positions.step(time, bars, fills);
        case DESK_DECISIONS -> {
          boolean spike = correlations != null && correlations.spikeAfter(bars);
          for (Bar bar : bars) {
            Desk desk = desks.get(bar.symbol());
            desk.meta().onAccount(lastEquity, lastExposure);
            desk.meta().onTrades(lastClosed);
            Map<String, Signal> signals = desk.signals();
            SpecialistLineup lineup = desk.lineup();
            if (signals.size() != lineup.seats().size()) signals.clear(); // a swap changed the seats
            for (SpecialistLineup.Seat seat : lineup.seats()) signals.put(seat.label(), lineup.signal(seat, desk.strategies().get(seat.key()).onBar(bar)));
            OrderIntent intent = desk.meta().decide(bar, signals, spike).intent();
            for (SpecialistLineup.Takeover t : lineup.afterDecision(bar, signals, desk.meta())) {
              if (t.replacedKey() != null) desk.strategies().remove(t.replacedKey());
              signals.clear(); // labels changed
            }
            if (intent != null && !halted) entries.add(intent);
          }
        }
        case ADVICE -> {} // no adviser in the plain loop: a run that asks for one goes through the actors
        case RISK -> decided = risk.decide(time, bars, marked.account(), orders.pending(), marked.stops(), marked.exits(), marked.brackets(), marked.closed(), entries);
        case PLACEMENT -> {
          orders.onBars(bars);
          sent = orders.place(time, decided.orders(), decided.brackets(), decided.cancelAll(), decided.cancelReason());
          risk.redecide(sent.redecide());
        }
        case SETTLEMENT -> {
          List<ExecutionReport> replies = new ArrayList<>();
          for (var c : sent.cancels()) replies.addAll(venue.cancel(c.clientOrderId(), time, c.reason()));
          for (var m : sent.modifies()) replies.addAll(venue.modify(m.clientOrderId(), m.quantity(), m.limitPrice(), m.stopPrice(), time));
          for (OrderRequest req : sent.orders()) replies.addAll(venue.submit(req, time));
          positions.apply(orders.onReports(replies));
        }
      }
    }
    lastEquity = marked.account().equity();
    lastExposure = marked.account().exposure();
    lastClosed = marked.closed();
  }

  /** As the desk actor takes a swap: a refused one changes nothing (the run's swaps were checked when they were read). */
  private void swap(SpecialistSwap swap) {
    Desk desk = desks.get(swap.symbol());
    java.util.function.Supplier<Strategy> fresh = swap.definition() == null ? null : swap.definition().strategies(swap.name());
    Strategy strategy = fresh == null ? null : fresh.get();
    SpecialistLineup.Admission a;
    try {
      a = desk.lineup().apply(swap, strategy == null ? 0 : strategy.warmUpBars(), desk.meta());
    } catch (io.troupe.model.InvalidInputException e) {
      return;
    }
    for (String key : a.stopped()) desk.strategies().remove(key);
    if (a.started() != null) {
      for (Bar bar : a.warmUp()) strategy.onBar(bar);
      desk.strategies().put(a.started().key(), strategy);
    }
    desk.signals().clear();
  }

  public List<RoundTrip> trades() {
    return positions.trades();
  }

  public double cash() {
    return positions.cash();
  }

  /** The equity curve, one point per step, as the position monitor keeps it. */
  public List<io.troupe.model.EquityPoint> equity() {
    return positions.equity();
  }

  public double fees() {
    return positions.fees();
  }
}
