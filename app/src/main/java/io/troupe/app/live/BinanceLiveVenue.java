package io.troupe.app.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.gateway.binance.Balance;
import io.troupe.gateway.binance.BinanceApiException;
import io.troupe.gateway.binance.BinanceCredentials;
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
 * Binance spot for {@code troupe live}: {@link BinanceVenue} over signed REST and the user-data stream, the session's
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
  private BinanceRestClient client;

  public BinanceLiveVenue(BinanceSettings settings, BinanceCredentials credentials) {
    this.settings = settings;
    this.credentials = credentials;
  }

  @Override
  public String name() {
    return "binance";
  }

  @Override
  public String describe() {
    return "binance spot at " + settings.restUrl() + " (user-data stream " + settings.streamUrl() + ")";
  }

  @Override
  public Map<String, io.troupe.model.Instrument> venueInstruments(com.typesafe.config.Config config, List<String> symbols) {
    return io.troupe.app.marketdata.BinanceTerms.read(config, settings, symbols);
  }

  @Override
  public void open(ActorSystem<?> system) {
    client = new BinanceRestClient(system, settings, credentials);
  }

  @Override
  public Behavior<VenueCommand> create(String tag, NodeCheckpoint checkpoint) {
    return checkpoint == null ? BinanceVenue.create(client, tag) : BinanceVenue.restore(client, tag, BinanceVenue.saved(checkpoint));
  }

  @Override
  public VenueState state(ActorSystem<?> system, ActorRef<VenueCommand> venue, String tag, List<String> symbols, Duration timeout) {
    JsonNode open = await(client.openOrders(null), timeout, "GET /api/v3/openOrders");
    List<VenueOrder> orders = new ArrayList<>();
    for (JsonNode o : open) orders.add(order(o, tag));
    Map<String, Double> balances = new TreeMap<>();
    for (Balance b : await(client.balances(), timeout, "GET /api/v3/account")) balances.put(b.asset(), b.total());
    Map<String, Double> holdings = new TreeMap<>();
    for (String s : symbols) {
      String base = baseAsset(s);
      if (base != null) holdings.put(s, balances.getOrDefault(base, 0.0));
    }
    return new VenueState("the spot account of the API key in " + BinanceCredentials.KEY_VARIABLE, orders, holdings, balances);
  }

  @Override
  public VenueOrder lookUp(ActorSystem<?> system, String tag, String orderId, String symbol, Duration timeout) {
    try {
      // Troupe's own ids go behind the session's tag; an adopted order's is Binance's client order id as it is.
      String venueId = OWN_ID.matcher(orderId).matches() ? tag + orderId : orderId;
      return order(await(client.queryOrder(symbol, venueId), timeout, "GET /api/v3/order"), tag);
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
    await(client.cancelOrder(order.symbol(), order.venueId()), timeout, "DELETE /api/v3/order");
    return true;
  }

  /** The base asset of a spot symbol, by its quote's suffix; null when none fits. */
  static String baseAsset(String symbol) {
    for (String q : QUOTES) if (symbol.endsWith(q) && symbol.length() > q.length()) return symbol.substring(0, symbol.length() - q.length());
    return null;
  }

  private static VenueOrder order(JsonNode o, String tag) {
    String id = o.path("clientOrderId").asText();
    String status = o.path("status").asText();
    boolean open = status.equals("NEW") || status.equals("PARTIALLY_FILLED") || status.equals("PENDING_NEW");
    return new VenueOrder(id, id.startsWith(tag) ? id.substring(tag.length()) : null, o.path("symbol").asText(), o.path("side").asText(),
        o.path("origQty").asDouble(), o.path("executedQty").asDouble(), open);
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
