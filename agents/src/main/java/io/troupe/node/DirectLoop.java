package io.troupe.node;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.MetaController;
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

  /** One symbol's desk as plain objects: its meta-controller, its strategies in the desk's order, one signals map reused. */
  private record Desk(MetaController meta, String[] names, Strategy[] strategies, Map<String, Signal> signals) {}

  private final Map<String, Desk> desks = new java.util.HashMap<>();
  private final List<String> symbols;
  private final List<ExecutionReport> reports = new ArrayList<>();
  private final List<OrderIntent> entries = new ArrayList<>();
  private final MatchingEngine venue;
  private final PositionKeeper positions;
  private final OrderFlow orders;
  private final RiskDesk risk;
  private final CorrelationMonitor correlations;
  private double lastEquity;
  private double lastExposure;
  private List<RoundTrip> lastClosed = List.of();

  public DirectLoop(NodeSettings node, MatchingEngine venue) {
    for (var e : new TreeMap<>(node.specialistsBySymbol()).entrySet()) {
      List<SpecialistSpec> specs = e.getValue();
      String[] names = new String[specs.size()];
      Strategy[] strategies = new Strategy[specs.size()];
      Map<String, Signal> signals = new LinkedHashMap<>();
      for (int i = 0; i < specs.size(); i++) {
        names[i] = specs.get(i).name();
        strategies[i] = specs.get(i).strategy().get();
        signals.put(names[i], null);
      }
      desks.put(e.getKey(), new Desk(node.metaController(e.getKey()), names, strategies, signals));
    }
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
          boolean spike = correlations != null && correlations.update(bars).spike();
          for (Bar bar : bars) {
            Desk desk = desks.get(bar.symbol());
            desk.meta().onAccount(lastEquity, lastExposure);
            desk.meta().onTrades(lastClosed);
            for (int i = 0; i < desk.names().length; i++) desk.signals().put(desk.names()[i], desk.strategies()[i].onBar(bar));
            OrderIntent intent = desk.meta().decide(bar, desk.signals(), spike).intent();
            if (intent != null && !halted) entries.add(intent);
          }
        }
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

  public List<RoundTrip> trades() {
    return positions.trades();
  }

  public double cash() {
    return positions.cash();
  }
}
