package io.troupe.app.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.gateway.binance.Balance;
import io.troupe.gateway.binance.BinanceApiException;
import io.troupe.gateway.binance.BinanceCredentials;
import io.troupe.gateway.binance.BinanceMarket;
import io.troupe.gateway.binance.FuturesPosition;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.binance.BinanceVenue;
import io.troupe.venue.VenueCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Binance spot or USD-M futures for {@code troupe live}: {@link BinanceVenue} over signed REST and the user-data stream, the session's
 * tag before every client order id, and the account read back over the same REST API (open orders, balances, an
 * order by its client order id) for the reconciliation at start.
 */
public final class BinanceLiveVenue implements LiveVenue {

  /**
   * Quote assets, longest first: a spot symbol's base asset is what is left before its quote (BTCUSDT: BTC). Binance's
   * exchange info says it exactly; it is not read yet (docs/venues.md).
   */
  private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USD", "EUR", "TRY", "BTC", "ETH", "BNB");

  /** An order id of the order manager's own (an entry, a bracket leg, a fallback), as opposed to an adopted order's. */
  private static final java.util.regex.Pattern OWN_ID = java.util.regex.Pattern.compile("O\\d{7,}(-[a-z]+)*");

  private final BinanceSettings settings;
  private final BinanceCredentials credentials;
  private final BinanceMarket market;
  private BinanceRestClient client;

  public BinanceLiveVenue(BinanceSettings settings, BinanceCredentials credentials) {
    this(settings, credentials, BinanceMarket.SPOT);
  }

  /** On {@code market}: spot, or USD-M futures (its perpetuals, positions from positionRisk, reduce-only exits). */
  public BinanceLiveVenue(BinanceSettings settings, BinanceCredentials credentials, BinanceMarket market) {
    this.settings = settings;
    this.credentials = credentials;
    this.market = market;
  }

  private boolean futures() {
    return market == BinanceMarket.USDM;
  }

  /** The path of a call on this market, for the operator's lines. */
  private String path(String spot, String usdm) {
    return futures() ? usdm : spot;
  }

  @Override
  public String name() {
    return "binance";
  }

  @Override
  public String describe() {
    return "binance " + (futures() ? "usdm futures" : "spot") + " at " + settings.restUrl() + " (user-data stream " + settings.streamUrl() + ")";
  }

  @Override
  public Map<String, io.troupe.model.Instrument> venueInstruments(com.typesafe.config.Config config, List<String> symbols) {
    return io.troupe.app.marketdata.BinanceTerms.read(config, settings, symbols, market);
  }

  @Override
  public void open(ActorSystem<?> system) {
    client = new BinanceRestClient(system, settings, credentials, market);
  }

  @Override
  public Behavior<VenueCommand> create(String tag, NodeCheckpoint checkpoint) {
    return checkpoint == null ? BinanceVenue.create(client, tag) : BinanceVenue.restore(client, tag, BinanceVenue.saved(checkpoint));
  }

  @Override
  public VenueState state(ActorSystem<?> system, ActorRef<VenueCommand> venue, String tag, List<String> symbols, Duration timeout) {
    JsonNode open = await(client.openOrders(null), timeout, "GET " + path("/api/v3/openOrders", "/fapi/v1/openOrders"));
    List<VenueOrder> orders = new ArrayList<>();
    for (JsonNode o : open) orders.add(order(o, tag));
    Map<String, Double> balances = new TreeMap<>();
    for (Balance b : await(client.balances(), timeout, "GET " + path("/api/v3/account", "/fapi/v2/balance"))) balances.put(b.asset(), b.total());
    Map<String, Double> holdings = new TreeMap<>();
    if (futures()) {
      // A perpetual's holding is its position (one-way mode: net, signed); flat ones are left out by the venue.
      Map<String, Double> positions = new TreeMap<>();
      for (FuturesPosition p : await(client.positions(), timeout, "GET /fapi/v2/positionRisk")) positions.put(p.symbol(), p.quantity());
      for (String s : symbols) holdings.put(s, positions.getOrDefault(s, 0.0));
      return new VenueState("the USD-M futures account of the API key in " + BinanceCredentials.KEY_VARIABLE, orders, holdings, balances, true);
    }
    for (String s : symbols) {
      String base = base(s);
      if (base != null) holdings.put(s, balances.getOrDefault(base, 0.0));
    }
    return new VenueState("the spot account of the API key in " + BinanceCredentials.KEY_VARIABLE, orders, holdings, balances, true);
  }

  @Override
  public VenueOrder lookUp(ActorSystem<?> system, String tag, String orderId, String symbol, Duration timeout) {
    try {
      // Troupe's own ids go behind the session's tag; an adopted order's is Binance's client order id as it is.
      String venueId = OWN_ID.matcher(orderId).matches() ? tag + orderId : orderId;
      return order(await(client.queryOrder(symbol, venueId), timeout, "GET " + path("/api/v3/order", "/fapi/v1/order")), tag);
    } catch (VenueUnreachable e) {
      if (e.getCause() instanceof BinanceApiException b && b.code() == BinanceApiException.NO_SUCH_ORDER) return null;
      throw e;
    }
  }

  @Override
  public boolean findsOrdersById() {
    return true;
  }

  @Override
  public boolean cancel(ActorSystem<?> system, VenueOrder order, Duration timeout) {
    await(client.cancelOrder(order.symbol(), order.venueId()), timeout, "DELETE " + path("/api/v3/order", "/fapi/v1/order"));
    return true;
  }

  @Override
  public String baseAsset(String symbol) {
    return futures() ? null : base(symbol); // a perpetual holds no base asset: its position is compared instead
  }

  @Override
  public Map<String, Double> fees(ActorSystem<?> system, VenueOrder order, Duration timeout) {
    Long number = orderNumbers.get(order.venueId());
    if (number == null) return Map.of();
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode t : await(client.orderTrades(order.symbol(), number), timeout, "GET " + path("/api/v3/myTrades", "/fapi/v1/userTrades"))) {
      out.merge(t.path("commissionAsset").asText(), t.path("commission").asDouble(), Double::sum);
    }
    return out;
  }

  /** The base asset of a spot symbol, by its quote's suffix; null when none fits. */
  static String base(String symbol) {
    for (String q : QUOTES) if (symbol.endsWith(q) && symbol.length() > q.length()) return symbol.substring(0, symbol.length() - q.length());
    return null;
  }

  /** Binance's own order number of each order read, by client order id: its trades are asked for by it ({@link #fees}). */
  private final Map<String, Long> orderNumbers = new java.util.concurrent.ConcurrentHashMap<>();

  private VenueOrder order(JsonNode o, String tag) {
    String id = o.path("clientOrderId").asText();
    String status = o.path("status").asText();
    boolean open = status.equals("NEW") || status.equals("PARTIALLY_FILLED") || status.equals("PENDING_NEW");
    if (o.has("orderId")) orderNumbers.put(id, o.path("orderId").asLong());
    // Spot's cumulative quote quantity; futures name it cumQuote.
    JsonNode quote = o.has("cummulativeQuoteQty") ? o.path("cummulativeQuoteQty") : o.path("cumQuote");
    return new VenueOrder(id, id.startsWith(tag) ? id.substring(tag.length()) : null, o.path("symbol").asText(), o.path("side").asText(),
        o.path("origQty").asDouble(), o.path("executedQty").asDouble(), open, quote.isMissingNode() ? Double.NaN : quote.asDouble());
  }

  private static <T> T await(CompletionStage<T> call, Duration timeout, String what) {
    try {
      return call.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VenueUnreachable("interrupted while asking Binance (" + what + ")", e);
    } catch (TimeoutException e) {
      throw new VenueUnreachable("Binance did not answer " + what + " within " + timeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      while (c instanceof CompletionException && c.getCause() != null) c = c.getCause();
      // The client's errors name the method and path, never the query (which is signed): safe to print.
      throw new VenueUnreachable("Binance: " + what + ": " + c.getMessage(), c);
    }
  }
}
