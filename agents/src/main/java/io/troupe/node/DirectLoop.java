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

  private final Map<String, Map<String, Strategy>> strategiesBySymbol = new TreeMap<>();
  private final Map<String, MetaController> metas = new TreeMap<>();
  private final MatchingEngine venue;
  private final PositionKeeper positions;
  private final OrderFlow orders;
  private final RiskDesk risk;
  private final CorrelationMonitor correlations;
  private double lastEquity;
  private double lastExposure;
  private List<RoundTrip> lastClosed = List.of();

  public DirectLoop(NodeSettings node, MatchingEngine venue) {
    for (var e : node.specialistsBySymbol().entrySet()) {
      metas.put(e.getKey(), node.metaController(e.getKey()));
      Map<String, Strategy> byName = new LinkedHashMap<>();
      for (SpecialistSpec spec : e.getValue()) byName.put(spec.name(), spec.strategy().get());
      strategiesBySymbol.put(e.getKey(), byName);
    }
    this.venue = venue;
    this.positions = node.positionKeeper();
    this.orders = node.orderFlow();
    this.risk = node.riskDesk();
    this.lastEquity = node.initialCash();
    this.correlations = metas.size() > 1 ? CorrelationMonitor.of(List.copyOf(metas.keySet()), node.meta().regime()) : null;
  }

  /** One step: all bars that start at the same time, sorted by symbol. */
  public void step(List<Bar> bars) {
    long time = bars.get(0).time();
    boolean halted = risk.tradingState() == TradingState.HALTED;
    List<ExecutionReport> reports = List.of();
    List<AttributedFill> fills = List.of();
    PositionKeeper.StepResult marked = null;
    List<OrderIntent> entries = new ArrayList<>();
    RiskDesk.Outcome decided = null;
    OrderFlow.Submission sent = null;
    for (StepPhase phase : StepPhase.values()) {
      switch (phase) {
        case MATCH -> {
          reports = new ArrayList<>();
          for (Bar bar : bars) reports.addAll(venue.onBar(bar));
        }
        case FILLS -> fills = orders.onReports(reports);
        case MARKS_AND_EXITS -> marked = positions.step(time, bars, fills);
        case DESK_DECISIONS -> {
          boolean spike = correlations != null && correlations.update(bars).spike();
          for (Bar bar : bars) {
            MetaController meta = metas.get(bar.symbol());
            meta.onAccount(lastEquity, lastExposure);
            meta.onTrades(lastClosed);
            Map<String, Signal> signals = new LinkedHashMap<>();
            for (var s : strategiesBySymbol.get(bar.symbol()).entrySet()) signals.put(s.getKey(), s.getValue().onBar(bar));
            OrderIntent intent = meta.decide(bar, signals, spike).intent();
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
