package io.troupe.app.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.troupe.model.AttributedFill;
import io.troupe.model.EquityPoint;
import io.troupe.model.OrderRecord;
import io.troupe.model.Position;
import io.troupe.model.RoundTrip;
import io.troupe.performance.SpecialistStats;
import io.troupe.risk.Restriction;
import io.troupe.risk.RiskBaselines;
import io.troupe.risk.VetoRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's JSON: snake_case names as in summary.json and the CSV files, times as ISO-8601 instants, numbers that
 * are not finite as null (JSON has no NaN).
 */
final class ApiJson {

  static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule().addSerializer(Double.class, new FiniteDouble()));

  private ApiJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the API's JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * An event's data as JSON: what the session published as it holds it (a step's state, a fill, an order), named as
   * the read endpoints name it; anything else (the state and journal events' maps) as it is. Called on the server's
   * threads, so the session's thread builds nothing for the event stream.
   */
  static String event(Object data) {
    Object body = data;
    if (data instanceof SessionView.StepState s) body = equityEvent(s);
    else if (data instanceof SessionView.SeenFill f) body = fill(f);
    else if (data instanceof OrderRecord o) body = order(o);
    return write(body);
  }

  /** Writes NaN and infinities as null. */
  private static final class FiniteDouble extends StdSerializer<Double> {
    FiniteDouble() {
      super(Double.class);
    }

    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v == null || !Double.isFinite(v)) g.writeNull();
      else g.writeNumber(v);
    }
  }

  static String time(long epochMillis) {
    return epochMillis == Long.MIN_VALUE || epochMillis == Long.MAX_VALUE ? null : Instant.ofEpochMilli(epochMillis).toString();
  }

  static Map<String, Object> fill(SessionView.SeenFill s) {
    AttributedFill af = s.fill();
    var f = af.fill();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", s.seq());
    m.put("step", s.step());
    m.put("time", time(f.time()));
    m.put("fill_id", f.fillId());
    m.put("order_id", f.clientOrderId());
    m.put("symbol", f.symbol());
    m.put("side", f.side().name());
    m.put("quantity", f.quantity());
    m.put("price", f.price());
    m.put("fee", f.fee());
    m.put("liquidity", f.liquidity() == null ? null : f.liquidity().name());
    m.put("reason", af.reason());
    m.put("specialist", af.specialist());
    return m;
  }

  /** An order as a row of orders.csv names its columns. */
  static Map<String, Object> order(OrderRecord o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("order_id", o.orderId());
    m.put("symbol", o.symbol());
    m.put("side", o.side().name());
    m.put("type", o.type().name());
    m.put("quantity", o.quantity());
    m.put("limit_price", o.limitPrice());
    m.put("stop_price", o.stopPrice());
    m.put("status", o.status());
    m.put("filled_quantity", o.filledQuantity());
    m.put("avg_fill_price", o.avgFillPrice());
    m.put("created_at", time(o.createdAt()));
    m.put("updated_at", time(o.updatedAt()));
    m.put("reason", o.reason());
    return m;
  }

  /** A closed trade as a row of trades.csv names its columns. */
  static Map<String, Object> trade(RoundTrip t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", t.symbol());
    m.put("side", t.side());
    m.put("entry_time", time(t.entryTime()));
    m.put("entry_price", t.entryPrice());
    m.put("exit_time", time(t.exitTime()));
    m.put("exit_price", t.exitPrice());
    m.put("quantity", t.quantity());
    m.put("fees", t.fees());
    m.put("pnl", t.pnl());
    m.put("exit_reason", t.exitReason());
    m.put("specialist", t.specialist());
    return m;
  }

  /** A point of the equity curve as a row of equity.csv names its columns. */
  static Map<String, Object> equity(EquityPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", time(p.time()));
    m.put("equity", p.equity());
    m.put("cash", p.cash());
    m.put("drawdown", p.drawdown());
    m.put("exposure", p.exposure());
    return m;
  }

  static Map<String, Object> position(Position p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", p.symbol());
    m.put("quantity", p.quantity());
    m.put("avg_price", p.avgPrice());
    m.put("last_price", p.lastPrice());
    m.put("unrealized_pnl", p.isFlat() || Double.isNaN(p.lastPrice()) ? 0.0 : p.quantity() * (p.lastPrice() - p.avgPrice()));
    m.put("realized_pnl", p.realizedPnl());
    m.put("entry_time", p.isFlat() ? null : time(p.entryTime()));
    m.put("specialist", p.specialist());
    return m;
  }

  static Map<String, Object> restriction(Restriction r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("level", r.level().name());
    m.put("code", r.code());
    m.put("detail", r.detail());
    m.put("since", time(r.since()));
    m.put("resumes_at", r.operatorOnly() ? null : time(r.resumesAt()));
    m.put("operator_only", r.operatorOnly());
    return m;
  }

  static Map<String, Object> baselines(RiskBaselines b) {
    if (b == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("day_start_equity", b.dayStartEquity());
    m.put("week_start_equity", b.weekStartEquity());
    m.put("peak_equity", b.peakEquity());
    return m;
  }

  static Map<String, Object> veto(VetoRecord v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", time(v.time()));
    m.put("symbol", v.symbol());
    m.put("specialist", v.specialist());
    m.put("reason", v.reason());
    m.put("detail", v.detail());
    return m;
  }

  /** A specialist's scorecard with the names summary.json uses. */
  static Map<String, Object> scorecard(SpecialistStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trades", s.trades());
    m.put("win_rate", s.winRate());
    m.put("pnl", s.pnl());
    m.put("avg_win", s.averageWin());
    m.put("avg_loss", s.averageLoss());
    m.put("reward_risk", s.rewardRisk());
    m.put("profit_factor", s.profitFactor());
    m.put("edge_per_trade", s.edgePerTrade());
    m.put("fees", s.fees());
    return m;
  }

  static Map<String, Object> equityEvent(SessionView.StepState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", s.step());
    m.put("time", time(s.time()));
    if (s.account() != null) {
      m.put("equity", s.account().equity());
      m.put("cash", s.account().cash());
      m.put("exposure", s.account().exposure());
      m.put("drawdown", drawdown(s));
    }
    return m;
  }

  static Double drawdown(SessionView.StepState s) {
    if (s.account() == null || !(s.peakEquity() > 0)) return null;
    return Math.max(0, 1 - s.account().equity() / s.peakEquity());
  }

  static Map<String, Object> stateEvent(SessionView.Phase phase, SessionView.State state, SessionView.StepState last) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", phase.name().toLowerCase(java.util.Locale.ROOT));
    m.put("trading_state", state.state().name());
    m.put("trading_state_reason", state.reason());
    m.put("step", last == null ? null : last.step());
    return m;
  }

  /** The {@code journal} event: {@code reconnecting} since {@code downSince}, or {@code ok} again (null). */
  static Map<String, Object> journalEvent(java.time.Instant downSince) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("journal", downSince == null ? "ok" : "reconnecting");
    m.put("journal_down_since", downSince == null ? null : downSince.toString());
    return m;
  }

  static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
  }

  static Map<String, Object> error(String message, String field) {
    Map<String, Object> m = error(message);
    m.put("field", field);
    return m;
  }
}
