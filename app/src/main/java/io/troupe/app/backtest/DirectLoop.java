package io.troupe.app.backtest;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.MetaController;
import io.troupe.gateway.sim.SimulatedExchange;
import io.troupe.market.Bar;
import io.troupe.node.NodeSettings;
import io.troupe.model.ExecutionReport;
import io.troupe.order.OrderFlow;
import io.troupe.model.OrderRequest;
import io.troupe.model.AttributedFill;
import io.troupe.regime.CorrelationMonitor;
import io.troupe.position.PositionKeeper;
import io.troupe.model.RoundTrip;
import io.troupe.model.OrderIntent;
import io.troupe.risk.RiskDesk;
import io.troupe.model.TradingState;
import io.troupe.strategy.Signal;
import io.troupe.strategy.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agents' decision classes in one plain loop, no actors: what the benchmark compares the actors against, and a
 * reference the actor pipeline must agree with trade for trade. Built from the same {@link NodeSettings}; the step
 * order mirrors the trading node: match the step's bars, apply fills, mark and run exits, decide (desk intents in
 * symbol order), submit.
 */
public final class DirectLoop {

  private final Map<String, Map<String, Strategy>> strategiesBySymbol = new TreeMap<>();
  private final Map<String, MetaController> metas = new TreeMap<>();
  private final SimulatedExchange exchange;
  private final PositionKeeper positions;
  private final OrderFlow orders;
  private final RiskDesk risk;
  private double lastEquity;
  private final CorrelationMonitor correlations;
  private double lastExposure;
  private List<RoundTrip> lastClosed = List.of();

  public DirectLoop(NodeSettings node, BacktestSettings settings) {
    for (var e : node.specialistsBySymbol().entrySet()) {
      metas.put(e.getKey(), node.metaController(e.getKey()));
      Map<String, Strategy> byName = new LinkedHashMap<>();
      for (SpecialistSpec spec : e.getValue()) byName.put(spec.name(), spec.strategy().get());
      strategiesBySymbol.put(e.getKey(), byName);
    }
    this.exchange = new SimulatedExchange(settings.exchange(), node.instruments());
    this.positions = node.positionKeeper();
    this.orders = node.orderFlow();
    this.risk = node.riskDesk();
    this.lastEquity = node.initialCash();
    this.correlations = metas.size() > 1 ? CorrelationMonitor.of(List.copyOf(metas.keySet()), node.meta().regime()) : null;
  }

  /** One step: all bars that start at the same time, sorted by symbol. */
  public void step(List<Bar> bars) {
    long time = bars.get(0).time();
    List<ExecutionReport> reports = new ArrayList<>();
    for (Bar bar : bars) reports.addAll(exchange.onBar(bar));
    List<AttributedFill> fills = orders.onReports(reports);
    orders.onBars(bars);
    PositionKeeper.StepResult r = positions.step(time, bars, fills);
    List<OrderIntent> entries = new ArrayList<>();
    boolean halted = risk.tradingState() == TradingState.HALTED;
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
    RiskDesk.Outcome o = risk.decide(time, bars, r.account(), orders.pending(), r.stops(), r.exits(), r.brackets(), r.closed(), entries);
    OrderFlow.Submission s = orders.place(time, o.orders(), o.brackets(), o.cancelAll(), o.cancelReason());
    risk.redecide(s.redecide());
    List<ExecutionReport> replies = new ArrayList<>();
    for (var c : s.cancels()) replies.addAll(exchange.cancel(c.clientOrderId(), time, c.reason()));
    for (var m : s.modifies()) replies.addAll(exchange.modify(m.clientOrderId(), m.quantity(), m.limitPrice(), m.stopPrice(), time));
    for (OrderRequest req : s.orders()) replies.addAll(exchange.submit(req, time));
    positions.apply(orders.onReports(replies));
    lastEquity = r.account().equity();
    lastExposure = r.account().exposure();
    lastClosed = r.closed();
  }

  public List<RoundTrip> trades() {
    return positions.trades();
  }

  public double cash() {
    return positions.cash();
  }
}
