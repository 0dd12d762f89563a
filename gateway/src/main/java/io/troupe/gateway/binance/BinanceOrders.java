package io.troupe.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.model.ExecutionReport;
import io.troupe.model.InvalidInputException;
import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Troupe's orders in Binance's words and back, as plain functions: an {@link OrderRequest} as the parameters of
 * {@code POST /api/v3/order}, and Binance's order answers, trades and {@code executionReport} events as Troupe's
 * {@link ExecutionReport}s. A fill's id is Binance's trade id (with the symbol), the same whichever way it arrived
 * (the order's answer, the user-data stream, {@code myTrades}), so the order manager applies each fill once.
 */
public final class BinanceOrders {
  /** Binance's rule for a client order id. */
  private static final Pattern CLIENT_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");

  private BinanceOrders() {}

  /** The parameters of a new order; {@code newClientOrderId} is Troupe's order id, so a resend is recognised. */
  public static Map<String, String> newOrderParams(OrderRequest o) {
    return newOrderParams(o, o.clientOrderId());
  }

  /** The same under the venue's id for the order ({@code venueId}: Troupe's id behind the session's prefix). */
  public static Map<String, String> newOrderParams(OrderRequest o, String venueId) {
    if (!CLIENT_ID.matcher(venueId).matches()) {
      throw new InvalidInputException("order id '" + venueId + "' cannot be a Binance newClientOrderId (1 to 36 of A-Z a-z 0-9 . : / _ -)");
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", o.symbol());
    p.put("side", o.side().name());
    switch (o.type()) {
      case MARKET -> p.put("type", "MARKET");
      case LIMIT -> {
        if (o.postOnly()) {
          // LIMIT_MAKER is Binance's post-only: refused (-2010) when it would take; it takes no timeInForce.
          p.put("type", "LIMIT_MAKER");
        } else {
          p.put("type", "LIMIT");
          p.put("timeInForce", o.timeInForce().name());
        }
        p.put("price", decimal(o.limitPrice()));
      }
      case STOP -> {
        p.put("type", "STOP_LOSS");
        p.put("stopPrice", decimal(o.stopPrice()));
      }
      case STOP_LIMIT -> {
        p.put("type", "STOP_LOSS_LIMIT");
        p.put("timeInForce", o.timeInForce().name());
        p.put("price", decimal(o.limitPrice()));
        p.put("stopPrice", decimal(o.stopPrice()));
      }
    }
    p.put("quantity", decimal(o.quantity()));
    p.put("newClientOrderId", venueId);
    return p;
  }

  /**
   * Spot's order parameters in USD-M futures' words (its order types): a stop at market is {@code STOP_MARKET}, a
   * stop-limit {@code STOP} (price and stopPrice), post-only is {@code LIMIT} with timeInForce {@code GTX}.
   */
  public static void asFutures(Map<String, String> p) {
    switch (p.get("type")) {
      case "STOP_LOSS" -> p.put("type", "STOP_MARKET");
      case "STOP_LOSS_LIMIT" -> p.put("type", "STOP");
      case "LIMIT_MAKER" -> {
        p.put("type", "LIMIT");
        p.put("timeInForce", "GTX");
      }
      default -> {
        // MARKET and LIMIT are the same words
      }
    }
  }

  /** A number as Binance wants it: plain, no exponent, no trailing zeros. */
  public static String decimal(double v) {
    if (!Double.isFinite(v)) throw new InvalidInputException("not a finite number for Binance: " + v);
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /**
   * Reports for an order as {@code POST /api/v3/order} (FULL), {@code GET /api/v3/order} or {@code DELETE} answered it:
   * an ack when it was accepted, its fills in the answer, and its end when it ended (cancelled, expired, rejected).
   */
  public static List<ExecutionReport> fromOrder(JsonNode order, long fallbackTime, String cancelReason) {
    String id = order.path("clientOrderId").asText();
    String origId = order.path("origClientOrderId").asText("");
    if (!origId.isEmpty()) id = origId; // a cancel's answer: clientOrderId is the cancel's own id
    String symbol = order.path("symbol").asText();
    long time = order.has("transactTime") ? order.path("transactTime").asLong() : order.path("updateTime").asLong(fallbackTime);
    String status = order.path("status").asText();
    Side side = Side.valueOf(order.path("side").asText("BUY"));
    double quantity = BinanceRestClient.number(order, "origQty");
    List<ExecutionReport> out = new ArrayList<>();
    if (!status.equals("REJECTED")) out.add(new ExecutionReport.Ack(id, symbol, time));
    double filled = 0;
    for (JsonNode f : order.path("fills")) {
      double qty = BinanceRestClient.number(f, "qty");
      double price = BinanceRestClient.number(f, "price");
      filled += qty;
      out.add(withFee(new ExecutionReport.Fill(id, fillId(symbol, f.path("tradeId").asLong()), symbol, time, side, qty, price, 0, Liquidity.TAKER,
          Math.max(0, quantity - filled)), BinanceRestClient.number(f, "commission"), f.path("commissionAsset").asText("")));
    }
    out.addAll(ending(status, id, symbol, time, cancelReason));
    return out;
  }

  /**
   * A working order Binance holds (as {@code GET /api/v3/order} gives it) as an {@link OrderRequest} under its own
   * client order id, for what is left of it: {@code unfilled}. Null for a type Troupe has no word for (take-profit
   * orders) or an order that is no longer working.
   */
  public static OrderRequest adoptable(JsonNode order, double unfilled, long time) {
    String status = order.path("status").asText();
    if (!status.equals("NEW") && !status.equals("PARTIALLY_FILLED")) return null;
    return asRequest(order, order.path("clientOrderId").asText(), unfilled, time);
  }

  /** Any order Binance holds, whatever its state, as an {@link OrderRequest} under {@code id}; null for a type Troupe has no word for. */
  public static OrderRequest asRequest(JsonNode order, String id, double quantity, long time) {
    double unfilled = quantity;
    String symbol = order.path("symbol").asText();
    Side side = Side.valueOf(order.path("side").asText());
    double price = BinanceRestClient.number(order, "price");
    double stop = BinanceRestClient.number(order, "stopPrice");
    io.troupe.model.TimeInForce tif = switch (order.path("timeInForce").asText("GTC")) {
      case "IOC" -> io.troupe.model.TimeInForce.IOC;
      case "FOK" -> io.troupe.model.TimeInForce.FOK;
      default -> io.troupe.model.TimeInForce.GTC;
    };
    io.troupe.model.OrderType type;
    boolean postOnly = false;
    switch (order.path("type").asText()) {
      case "LIMIT" -> {
        type = io.troupe.model.OrderType.LIMIT;
        postOnly = "GTX".equals(order.path("timeInForce").asText()); // futures' post-only
      }
      case "LIMIT_MAKER" -> {
        type = io.troupe.model.OrderType.LIMIT;
        postOnly = true;
      }
      case "MARKET" -> type = io.troupe.model.OrderType.MARKET;
      case "STOP_LOSS", "STOP_MARKET" -> type = io.troupe.model.OrderType.STOP; // spot's word, futures' word
      case "STOP_LOSS_LIMIT", "STOP" -> type = io.troupe.model.OrderType.STOP_LIMIT;
      default -> {
        return null;
      }
    }
    boolean limited = type == io.troupe.model.OrderType.LIMIT || type == io.troupe.model.OrderType.STOP_LIMIT;
    boolean stopped = type == io.troupe.model.OrderType.STOP || type == io.troupe.model.OrderType.STOP_LIMIT;
    return new OrderRequest(id, symbol, side, type, unfilled, limited ? price : Double.NaN, stopped ? stop : Double.NaN, tif, postOnly, false, time);
  }

  /** What an order's answer says was filled beyond the fills it lists (a futures answer lists none). */
  public static double unlistedFills(JsonNode order) {
    double listed = 0;
    for (JsonNode f : order.path("fills")) listed += BinanceRestClient.number(f, "qty");
    return BinanceRestClient.number(order, "executedQty") - listed;
  }

  /** Fills from {@code GET /api/v3/myTrades} (futures: {@code /fapi/v1/userTrades}) of one order (oldest first), for what the stream may have missed. */
  public static List<ExecutionReport> fromTrades(String clientOrderId, double orderQuantity, JsonNode trades) {
    List<ExecutionReport> out = new ArrayList<>();
    double filled = 0;
    for (JsonNode t : trades) {
      String symbol = t.path("symbol").asText();
      double qty = BinanceRestClient.number(t, "qty");
      double price = BinanceRestClient.number(t, "price");
      filled += qty;
      out.add(withFee(new ExecutionReport.Fill(clientOrderId, fillId(symbol, t.path("id").asLong()), symbol, t.path("time").asLong(),
          (t.has("isBuyer") ? t.path("isBuyer") : t.path("buyer")).asBoolean() ? Side.BUY : Side.SELL, qty, price, 0,
          (t.has("isMaker") ? t.path("isMaker") : t.path("maker")).asBoolean() ? Liquidity.MAKER : Liquidity.TAKER, Math.max(0, orderQuantity - filled)),
          BinanceRestClient.number(t, "commission"), t.path("commissionAsset").asText("")));
    }
    return out;
  }

  /**
   * One {@code executionReport} event of the user-data stream as Troupe's reports (none for an event Troupe has no
   * word for, such as a replace). {@code cancelReason} is why Troupe cancelled, when it did.
   */
  public static List<ExecutionReport> fromExecutionReport(JsonNode e, String cancelReason) {
    String symbol = e.path("s").asText();
    String id = e.path("c").asText();
    long time = e.path("T").asLong(e.path("E").asLong());
    String type = e.path("x").asText();
    return switch (type) {
      case "NEW" -> List.of(new ExecutionReport.Ack(id, symbol, time));
      case "TRADE" -> {
        double price = BinanceRestClient.number(e, "L");
        yield List.of(withFee(new ExecutionReport.Fill(id, fillId(symbol, e.path("t").asLong()), symbol, time, Side.valueOf(e.path("S").asText()),
            BinanceRestClient.number(e, "l"), price, 0, e.path("m").asBoolean() ? Liquidity.MAKER : Liquidity.TAKER,
            Math.max(0, BinanceRestClient.number(e, "q") - BinanceRestClient.number(e, "z"))), BinanceRestClient.number(e, "n"), e.path("N").asText("")));
      }
      case "CANCELED" -> {
        String orig = e.path("C").asText("");
        yield List.of(new ExecutionReport.Canceled(orig.isEmpty() ? id : orig, symbol, time, cancelReason != null ? cancelReason : "venue_canceled"));
      }
      case "REJECTED" -> List.of(new ExecutionReport.Rejected(id, symbol, time, e.path("r").asText("rejected").toLowerCase(Locale.ROOT)));
      case "EXPIRED" -> List.of(new ExecutionReport.Expired(id, symbol, time, "expired"));
      case "TRADE_PREVENTION" -> List.of(new ExecutionReport.Expired(id, symbol, time, "self_trade_prevention"));
      default -> List.of();
    };
  }

  /** The order's id in an {@code executionReport}: a cancel's event names it in {@code C}. */
  public static String orderIdOf(JsonNode e) {
    String orig = e.path("C").asText("");
    return e.path("x").asText().equals("CANCELED") && !orig.isEmpty() ? orig : e.path("c").asText();
  }

  /** A key that is the same for the same event however often it arrives. */
  public static String eventKey(JsonNode e) {
    if (e.has("I")) return e.path("s").asText() + "#" + e.path("I").asLong();
    return orderIdOf(e) + "#" + e.path("x").asText() + "#" + e.path("t").asLong() + "#" + e.path("z").asText();
  }

  /** The reports under other order ids ({@code rename} of each; null drops the report: not one of ours). */
  public static List<ExecutionReport> renamed(List<ExecutionReport> reports, java.util.function.UnaryOperator<String> rename) {
    List<ExecutionReport> out = new ArrayList<>(reports.size());
    for (ExecutionReport r : reports) {
      String id = rename.apply(r.clientOrderId());
      if (id == null) continue;
      if (id.equals(r.clientOrderId())) {
        out.add(r);
        continue;
      }
      if (r instanceof ExecutionReport.Ack a) out.add(new ExecutionReport.Ack(id, a.symbol(), a.time()));
      else if (r instanceof ExecutionReport.Fill f) out.add(f.withOrderId(id));
      else if (r instanceof ExecutionReport.Canceled c) out.add(new ExecutionReport.Canceled(id, c.symbol(), c.time(), c.reason()));
      else if (r instanceof ExecutionReport.Expired e) out.add(new ExecutionReport.Expired(id, e.symbol(), e.time(), e.reason()));
      else if (r instanceof ExecutionReport.Rejected x) out.add(new ExecutionReport.Rejected(id, x.symbol(), x.time(), x.reason()));
      else if (r instanceof ExecutionReport.CancelRejected x) out.add(new ExecutionReport.CancelRejected(id, x.symbol(), x.time(), x.reason()));
      else if (r instanceof ExecutionReport.Modified m) out.add(new ExecutionReport.Modified(id, m.symbol(), m.time(), m.quantity(), m.limitPrice(), m.stopPrice()));
    }
    return out;
  }

  static List<ExecutionReport> ending(String status, String id, String symbol, long time, String cancelReason) {
    return switch (status) {
      case "CANCELED" -> List.of(new ExecutionReport.Canceled(id, symbol, time, cancelReason != null ? cancelReason : "venue_canceled"));
      case "EXPIRED", "EXPIRED_IN_MATCH" -> List.of(new ExecutionReport.Expired(id, symbol, time, "expired"));
      case "REJECTED" -> List.of(new ExecutionReport.Rejected(id, symbol, time, "rejected"));
      default -> List.of();
    };
  }

  /** Binance's reason for a refused order, as a short code for the order manager and risk. */
  public static String rejectReason(BinanceApiException e) {
    String msg = e.venueMessage().toLowerCase(Locale.ROOT);
    // Futures refuse a post-only (GTX) order that would take with -5022 ("...executed as maker, the Post Only order will be rejected").
    if (msg.contains("immediately match") || e.code() == -5022) return "post_only_would_take";
    if (msg.contains("insufficient balance")) return "insufficient_balance";
    if (msg.contains("would trigger immediately")) return "stop_would_trigger";
    if (msg.contains("filter failure")) return "filter_failure";
    if (e.code() == BinanceApiException.NO_SUCH_ORDER || msg.contains("unknown order")) return "unknown_order";
    return "binance_" + Math.abs(e.code());
  }

  public static String fillId(String symbol, long tradeId) {
    return "binance-" + symbol + "-" + tradeId;
  }

  /** Where a fee in a third asset is still to be converted ({@link FeeRates} does, with a price from Binance). */
  public static final String RATE_PENDING = "pending";

  /**
   * The fill with Binance's commission as Troupe keeps fees, in the quote currency: a commission in the quote asset as
   * it is; one in the base asset at the fill's own price (the venue's rate at that instant), its original kept in
   * {@link ExecutionReport.ChargedFee}; one in a third asset (BNB) with its fee NaN and the charge {@link #RATE_PENDING},
   * for the venue to convert before it reports the fill. No commission (none given, or 0): a fee of 0.
   */
  static ExecutionReport.Fill withFee(ExecutionReport.Fill f, double commission, String asset) {
    if (asset.isEmpty() || !Double.isFinite(commission) || commission == 0) return f;
    String quote = quoteOf(f.symbol(), asset);
    if (asset.equals(quote)) return f.withFee(commission, null);
    if (f.symbol().equals(asset + quote)) {
      return f.withFee(commission * f.price(), new ExecutionReport.ChargedFee(asset, commission, f.price(), "fill_price", f.time()));
    }
    return f.withFee(Double.NaN, new ExecutionReport.ChargedFee(asset, commission, Double.NaN, RATE_PENDING, 0));
  }

  /** Quote assets, longest first: a symbol's quote is the one it ends with. */
  private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "DAI", "USD", "EUR", "TRY", "BRL", "BTC", "ETH", "BNB");

  /**
   * The quote asset of {@code symbol}: the commission's asset when the symbol ends with it (a fee in the quote), else
   * the longest known quote it ends with; "" when none fits.
   */
  public static String quoteOf(String symbol, String commissionAsset) {
    if (!commissionAsset.isEmpty() && symbol.endsWith(commissionAsset) && symbol.length() > commissionAsset.length()
        && !QUOTES.stream().anyMatch(q -> q.length() > commissionAsset.length() && symbol.endsWith(q))) {
      return commissionAsset;
    }
    for (String q : QUOTES) if (symbol.endsWith(q) && symbol.length() > q.length()) return q;
    return "";
  }
}
