package io.troupe.gateway.backtest;

import io.troupe.desk.MetaController;
import io.troupe.gateway.sim.SimulatedExchange;
import io.troupe.instrument.Instrument;
import io.troupe.market.Bar;
import io.troupe.order.ExecutionReport;
import io.troupe.order.ManagedOrder;
import io.troupe.order.OrderBook;
import io.troupe.order.OrderRequest;
import io.troupe.position.AccountSnapshot;
import io.troupe.position.Portfolio;
import io.troupe.position.RoundTrip;
import io.troupe.risk.OrderIntent;
import io.troupe.risk.PreTradeCheck;
import io.troupe.risk.RiskDecision;
import io.troupe.risk.TradingState;
import io.troupe.strategy.Strategy;
import io.troupe.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision code of the pipeline in one plain loop, no actors: what the benchmark compares the actors against,
 * and a reference the actor pipeline must agree with trade for trade. Step order mirrors the trading node: match the
 * step's bars, apply fills, mark, decide (entries in symbol order), submit.
 */
public final class DirectLoop {

  private final Map<String, Instrument> instruments = new TreeMap<>();
  private final Map<String, Strategy> strategies = new TreeMap<>();
  private final Map<String, MetaController> metas = new TreeMap<>();
  private final SimulatedExchange exchange;
  private final Portfolio portfolio;
  private final OrderBook book = new OrderBook("O");
  private final PreTradeCheck check;
  private final List<RoundTrip> trades = new ArrayList<>();
  private double lastEquity;

  public DirectLoop(BacktestSettings settings, List<String> symbols) {
    for (String s : symbols) {
      instruments.put(s, settings.instrument(s));
      strategies.put(s, StrategyCatalog.factory(settings.strategy(), settings.params()).get());
      metas.put(s, new MetaController(s, settings.sizing(), instruments.get(s).multiplier(), settings.cash()));
    }
    this.exchange = new SimulatedExchange(settings.exchange(), instruments);
    this.portfolio = new Portfolio(settings.cash(), instruments);
    this.check = new PreTradeCheck(settings.limits());
    this.lastEquity = settings.cash();
  }

  /** One step: all bars that start at the same time, sorted by symbol. */
  public void step(List<Bar> bars) {
    for (Bar bar : bars) applyAll(exchange.onBar(bar));
    for (Bar bar : bars) portfolio.mark(bar.symbol(), bar.close());
    AccountSnapshot account = portfolio.snapshot(bars.get(0).time());
    Map<String, Double> pending = book.pendingBySymbol();
    List<OrderRequest> submits = new ArrayList<>();
    for (Bar bar : bars) {
      MetaController meta = metas.get(bar.symbol());
      meta.onEquity(lastEquity);
      OrderIntent intent = meta.decide(strategies.get(bar.symbol()).onBar(bar), bar.close());
      if (intent == null) continue;
      RiskDecision d = check.check(TradingState.ACTIVE, intent, account, pending.getOrDefault(intent.symbol(), 0.0), instruments.get(intent.symbol()));
      if (d instanceof RiskDecision.Approved a) {
        OrderRequest r = OrderRequest.market(book.nextClientOrderId(), intent.symbol(), a.side(), a.quantity(), bar.time()).withReduceOnly(a.reduceOnly());
        book.add(r, bar.time(), intent.reason(), intent.specialist());
        submits.add(r);
        pending.merge(intent.symbol(), a.side().sign() * a.quantity(), Double::sum);
      }
    }
    for (OrderRequest r : submits) applyAll(exchange.submit(r, r.decidedAt()));
    lastEquity = account.equity();
  }

  private void applyAll(List<ExecutionReport> reports) {
    for (ExecutionReport report : reports) {
      ExecutionReport.Fill f = book.apply(report);
      if (f != null) {
        ManagedOrder o = book.get(f.clientOrderId());
        trades.addAll(portfolio.apply(f, o.reason(), o.specialist()));
      }
    }
  }

  public List<RoundTrip> trades() {
    return trades;
  }

  public Portfolio portfolio() {
    return portfolio;
  }
}
