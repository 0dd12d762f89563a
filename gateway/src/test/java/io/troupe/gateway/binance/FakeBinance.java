package io.troupe.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.market.Bar;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;

/**
 * A local stand-in for Binance's spot API, in test scope, following its published endpoints and formats
 * (binance-spot-api-docs: rest-api.md, web-socket-streams.md, user-data-stream.md, errors.md): signed REST with
 * recvWindow and HMAC-SHA256 checked, a small book per symbol (a best bid and ask, trades printed by the test), its
 * own record of orders, trades and balances, the user-data stream over a listen key, combined market streams, and
 * klines. Fault modes: dropped WebSocket connections, duplicate and out-of-order events, late acks, rejects with
 * Binance's error codes, 429 with Retry-After (and 418), and a clock skew that fails signed requests until the client
 * re-syncs.
 */
public final class FakeBinance implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final double FEE_RATE = 0.001;

  private final ClassicActorSystemProvider system;
  private final Materializer mat;
  private final String apiKey;
  private final RequestSigner signer;
  private ServerBinding binding;

  // the exchange's state, guarded by this
  private final Map<String, double[]> books = new LinkedHashMap<>(); // symbol -> {bid, ask}
  private final Map<String, String[]> assets = new LinkedHashMap<>(); // symbol -> {base, quote}
  private final Map<String, String[]> filters = new LinkedHashMap<>(); // symbol -> {tickSize, stepSize, minNotional}
  /** Spot answers with the older MIN_NOTIONAL filter instead of NOTIONAL (both are in the published documents). */
  private boolean legacyMinNotional;
  private final Map<String, Double> balances = new TreeMap<>();
  private final Map<String, ObjectNode> orders = new LinkedHashMap<>(); // by client order id
  private final List<ObjectNode> trades = new ArrayList<>();
  private final Map<String, List<Bar>> klines = new LinkedHashMap<>(); // symbol@interval -> bars
  private long nextOrderId = 1;
  private long nextTradeId = 100;
  private long nextExecutionId = 1;
  private int requests;
  private String listenKey = "fakeListenKey0000000000000000000000000000000000000000000000000001";
  private int listenKeysCreated;
  private int keepAlives;

  // fault modes
  private long clockSkewMillis;
  private int rateLimitedRequests;
  private int rateLimitStatus = 429;
  private long retryAfterSeconds = 1;
  private long ackDelayMillis;
  private int lateAcks;
  private final List<String[]> rejects = new ArrayList<>(); // {code, msg}
  private boolean duplicateEvents;
  private boolean reorderEvents;
  private String heldEvent;
  private int rejectedSignatures;
  private int rejectedTimestamps;
  private boolean futures;
  /** The asset commissions are charged in (null: each symbol's quote asset); see {@link #feesIn}. */
  private String commissionAsset;
  private double commissionPrice;
  /** {@code GET /api/v3/ticker/price}: the last price of each symbol it answers for. */
  private final Map<String, Double> tickers = new LinkedHashMap<>();

  private final List<SourceQueueWithComplete<Message>> userStreams = new CopyOnWriteArrayList<>();
  private final List<Pair<Set<String>, SourceQueueWithComplete<Message>>> marketStreams = new CopyOnWriteArrayList<>();
  private final List<String> queriesSeen = new CopyOnWriteArrayList<>();

  public FakeBinance(ClassicActorSystemProvider system, String apiKey, String secret) {
    this.system = system;
    this.mat = Materializer.matFromSystem(system);
    this.apiKey = apiKey;
    this.signer = new RequestSigner(secret);
  }

  /** Binds a free port on 127.0.0.1. */
  public FakeBinance start() {
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(this::handle).toCompletableFuture().join();
    return this;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public String restUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String streamUrl() {
    return "ws://127.0.0.1:" + port();
  }

  public BinanceSettings settings(BinanceSettings base) {
    return base.withUrls(restUrl(), streamUrl());
  }

  @Override
  public void close() {
    for (var q : userStreams) q.complete();
    for (var q : marketStreams) q.second().complete();
    if (binding != null) binding.unbind().toCompletableFuture().join();
  }

  // ---- the test's controls

  /** Plays USD-M futures instead of spot: /fapi paths, orders answered without fills, ORDER_TRADE_UPDATE events, positions. */
  public synchronized FakeBinance futures() {
    futures = true;
    return this;
  }

  private static final Map<String, String> FUTURES_ROUTES = Map.of(
      "/fapi/v1/time", "/api/v3/time", "/fapi/v1/order", "/api/v3/order", "/fapi/v1/openOrders", "/api/v3/openOrders",
      "/fapi/v1/userTrades", "/api/v3/myTrades", "/fapi/v1/klines", "/api/v3/klines", "/fapi/v1/listenKey", "/api/v3/userDataStream",
      "/fapi/v2/balance", "/fapi/v2/balance", "/fapi/v2/positionRisk", "/fapi/v2/positionRisk", "/fapi/v1/exchangeInfo", "/fapi/v1/exchangeInfo");

  public synchronized FakeBinance listSymbol(String symbol, String base, String quote, double bid, double ask) {
    books.put(symbol, new double[] {bid, ask});
    assets.put(symbol, new String[] {base, quote});
    return this;
  }

  /** The symbol's filters in the exchange information, as decimals written the way Binance writes them ("0.01000000"). */
  public synchronized FakeBinance filters(String symbol, String tickSize, String stepSize, String minNotional) {
    filters.put(symbol, new String[] {tickSize, stepSize, minNotional});
    return this;
  }

  /** Spot's exchange information gives the minimum notional in a MIN_NOTIONAL filter (the older shape). */
  public synchronized FakeBinance legacyMinNotional() {
    legacyMinNotional = true;
    return this;
  }

  public synchronized FakeBinance deposit(String asset, double amount) {
    balances.merge(asset, amount, Double::sum);
    return this;
  }

  public synchronized FakeBinance klines(String symbol, String interval, List<Bar> bars) {
    klines.put(symbol + "@" + interval, List.copyOf(bars));
    return this;
  }

  /** One more bar at the end of the history of {@code symbol@interval}. */
  public synchronized FakeBinance klinesAdd(String symbol, String interval, Bar bar) {
    List<Bar> now = new ArrayList<>(klines.getOrDefault(symbol + "@" + interval, List.of()));
    now.add(bar);
    klines.put(symbol + "@" + interval, List.copyOf(now));
    return this;
  }

  /**
   * Commissions are charged in {@code asset} from now on (as an account paying with BNB, or in the base asset): the
   * quote-asset fee converted at {@code priceInQuote} (the base asset: at the trade's own price, whatever is given),
   * taken from that asset's balance. The price served by the ticker is {@link #ticker}'s, apart. Null: in the quote asset again.
   */
  public synchronized FakeBinance feesIn(String asset, double priceInQuote) {
    commissionAsset = asset;
    commissionPrice = priceInQuote;
    return this;
  }

  /** {@code GET /api/v3/ticker/price?symbol=SYMBOL} answers {@code price} (NaN: the symbol is not listed there, -1121). */
  public synchronized FakeBinance ticker(String symbol, double price) {
    if (Double.isNaN(price)) tickers.remove(symbol);
    else tickers.put(symbol, price);
    return this;
  }

  /** How many ticker prices were asked for. */
  public int tickerRequests() {
    int n = 0;
    for (String q : queriesSeen) if (q.startsWith("/api/v3/ticker/price?")) n++;
    return n;
  }

  public synchronized void skewClock(long millis) {
    clockSkewMillis = millis;
  }

  /** The next {@code n} requests are answered 429 (or 418) with {@code Retry-After: seconds}. */
  public synchronized void rateLimit(int n, int status, long seconds) {
    rateLimitedRequests = n;
    rateLimitStatus = status;
    retryAfterSeconds = seconds;
  }

  /** The next {@code n} new orders are handled at once but answered after {@code delay}. */
  public synchronized void lateAcks(int n, Duration delay) {
    lateAcks = n;
    ackDelayMillis = delay.toMillis();
  }

  /** The next new order is refused with this Binance code and message (HTTP 400). */
  public synchronized void rejectNext(int code, String msg) {
    rejects.add(new String[] {Integer.toString(code), msg});
  }

  public synchronized void duplicateEvents(boolean on) {
    duplicateEvents = on;
  }

  /** Each user-data event is held back and sent after the next one. */
  public synchronized void reorderEvents(boolean on) {
    reorderEvents = on;
    if (!on) flushHeld();
  }

  /** Closes every WebSocket connection, as Binance does at 24 hours or on a server shutdown. */
  public void dropConnections() {
    for (var q : userStreams) q.complete();
    userStreams.clear();
    for (var q : marketStreams) q.second().complete();
    marketStreams.clear();
  }

  public int userConnections() {
    return userStreams.size();
  }

  public int marketConnections() {
    return marketStreams.size();
  }

  public synchronized int listenKeysCreated() {
    return listenKeysCreated;
  }

  public synchronized int keepAlives() {
    return keepAlives;
  }

  public synchronized int rejectedTimestamps() {
    return rejectedTimestamps;
  }

  public synchronized int rejectedSignatures() {
    return rejectedSignatures;
  }

  public synchronized int requests() {
    return requests;
  }

  /** Every query string the server received, for checks that no secret travels. */
  public List<String> queriesSeen() {
    return List.copyOf(queriesSeen);
  }

  /** The exchange's record: every order by client order id, as GET /api/v3/order would show it. */
  public synchronized Map<String, JsonNode> orders() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    orders.forEach((k, v) -> out.put(k, v.deepCopy()));
    return out;
  }

  public synchronized List<JsonNode> trades() {
    List<JsonNode> out = new ArrayList<>();
    for (ObjectNode t : trades) out.add(t.deepCopy());
    return out;
  }

  /** Net base quantity bought minus sold through the fake's trades. */
  public synchronized double position(String symbol) {
    double q = 0;
    for (ObjectNode t : trades) if (t.path("symbol").asText().equals(symbol)) q += (t.path("isBuyer").asBoolean() ? 1 : -1) * t.path("qty").asDouble();
    return q;
  }

  public synchronized double balance(String asset) {
    return balances.getOrDefault(asset, 0.0);
  }

  /**
   * A trade of someone else at {@code price} for {@code quantity}: the book moves there, and resting orders it reaches
   * fill (as makers) up to that quantity, oldest first; stops it crosses trigger at market.
   */
  public synchronized void trade(String symbol, double price, double quantity) {
    double[] book = books.get(symbol);
    double spread = book[1] - book[0];
    book[0] = price - spread / 2;
    book[1] = price + spread / 2;
    double left = quantity;
    for (ObjectNode o : new ArrayList<>(orders.values())) {
      if (!o.path("symbol").asText().equals(symbol) || !isOpen(o)) continue;
      String type = o.path("type").asText();
      boolean buy = o.path("side").asText().equals("BUY");
      if (type.equals("STOP_LOSS")) {
        double stop = o.path("stopPrice").asDouble();
        if (buy ? price >= stop : price <= stop) fill(o, remaining(o), buy ? book[1] : book[0], false);
        continue;
      }
      double limit = o.path("price").asDouble();
      if (left <= 0 || !(buy ? price <= limit : price >= limit)) continue;
      double qty = Math.min(left, remaining(o));
      left -= qty;
      fill(o, qty, limit, true);
    }
  }

  // ---- HTTP

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    var upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
    String path = request.getUri().path();
    if (futures && !path.startsWith("/ws/") && !path.equals("/stream")) path = FUTURES_ROUTES.getOrDefault(path, "/not-futures" + path);
    String rawQuery = request.getUri().rawQueryString().orElse("");
    queriesSeen.add(path + "?" + rawQuery);
    if (upgrade.isPresent()) return CompletableFuture.completedFuture(webSocket(upgrade.get(), path, rawQuery));
    String method = request.method().value();
    HttpResponse limited = rateLimited();
    if (limited != null) return CompletableFuture.completedFuture(limited);
    Map<String, String> q = parse(rawQuery);
    try {
      return switch (method + " " + path) {
        case "GET /api/v3/time" -> ok(JSON.createObjectNode().put("serverTime", serverTime()));
        case "GET /api/v3/klines" -> ok(klines(q));
        case "GET /api/v3/exchangeInfo" -> ok(exchangeInfo(q));
        case "GET /api/v3/ticker/price" -> ok(tickerPrice(q.get("symbol")));
        case "GET /fapi/v1/exchangeInfo" -> ok(futuresExchangeInfo());
        case "POST /api/v3/userDataStream" -> {
          checkKey(request);
          yield ok(JSON.createObjectNode().put("listenKey", newListenKey()));
        }
        case "PUT /api/v3/userDataStream" -> {
          checkKey(request);
          keepAlive(futures ? listenKey : q.get("listenKey"));
          yield ok(JSON.createObjectNode());
        }
        case "POST /api/v3/order" -> {
          signed(request, rawQuery, q);
          ObjectNode answer = newOrder(q);
          long delay = takeAckDelay();
          yield delay > 0
              ? Patterns.after(Duration.ofMillis(delay), system.classicSystem().scheduler(), system.classicSystem().dispatcher(), () -> ok(answer))
              : ok(answer);
        }
        case "GET /api/v3/order" -> {
          signed(request, rawQuery, q);
          yield ok(queryOrder(q.get("origClientOrderId")));
        }
        case "DELETE /api/v3/order" -> {
          signed(request, rawQuery, q);
          yield ok(cancel(q.get("origClientOrderId")));
        }
        case "GET /api/v3/openOrders" -> {
          signed(request, rawQuery, q);
          yield ok(openOrders(q.get("symbol")));
        }
        case "GET /api/v3/myTrades" -> {
          signed(request, rawQuery, q);
          yield ok(myTrades(q.get("symbol"), Long.parseLong(q.get("orderId"))));
        }
        case "GET /api/v3/account" -> {
          signed(request, rawQuery, q);
          yield ok(account());
        }
        case "GET /fapi/v2/balance" -> {
          signed(request, rawQuery, q);
          yield ok(futuresBalance());
        }
        case "GET /fapi/v2/positionRisk" -> {
          signed(request, rawQuery, q);
          yield ok(positionRisk());
        }
        default -> error(404, -1100, "Unknown endpoint " + method + " " + path);
      };
    } catch (ApiError e) {
      return error(e.status, e.code, e.getMessage());
    } finally {
      request.discardEntityBytes(mat);
    }
  }

  private synchronized HttpResponse rateLimited() {
    requests++;
    if (rateLimitedRequests <= 0) return null;
    rateLimitedRequests--;
    ObjectNode body = JSON.createObjectNode().put("code", -1003).put("msg", rateLimitStatus == 418
        ? "Way too much request weight used; IP banned until " + (serverTime() + retryAfterSeconds * 1000) + ". Please use WebSocket Streams for live updates to avoid bans."
        : "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.");
    return HttpResponse.create().withStatus(rateLimitStatus).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()))
        .addHeader(RawHeader.create("Retry-After", Long.toString(retryAfterSeconds)));
  }

  private synchronized long takeAckDelay() {
    if (lateAcks <= 0) return 0;
    lateAcks--;
    return ackDelayMillis;
  }

  private CompletionStage<HttpResponse> ok(JsonNode body) {
    int weight;
    synchronized (this) {
      weight = requests;
    }
    return CompletableFuture.completedFuture(HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()))
        .addHeader(RawHeader.create(BinanceRestClient.USED_WEIGHT_HEADER, Integer.toString(weight))));
  }

  private static CompletionStage<HttpResponse> error(int status, int code, String msg) {
    ObjectNode body = JSON.createObjectNode().put("code", code).put("msg", msg);
    return CompletableFuture.completedFuture(HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString())));
  }

  private static final class ApiError extends RuntimeException {
    final int status;
    final int code;

    ApiError(int status, int code, String msg) {
      super(msg, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  private synchronized long serverTime() {
    return System.currentTimeMillis() + clockSkewMillis;
  }

  private void checkKey(HttpRequest request) {
    String key = request.getHeader(BinanceRestClient.API_KEY_HEADER).map(h -> h.value()).orElse("");
    if (!key.equals(apiKey)) throw new ApiError(401, -2015, "Invalid API-key, IP, or permissions for action.");
  }

  /** A SIGNED request: the key, the signature over the query as sent, and the timestamp within the recvWindow. */
  private synchronized void signed(HttpRequest request, String rawQuery, Map<String, String> q) {
    checkKey(request);
    int at = rawQuery.lastIndexOf("&signature=");
    String payload = at < 0 ? "" : rawQuery.substring(0, at);
    if (at < 0 || !signer.sign(payload).equalsIgnoreCase(rawQuery.substring(at + "&signature=".length()))) {
      rejectedSignatures++;
      throw new ApiError(400, -1022, "Signature for this request is not valid.");
    }
    long timestamp = Long.parseLong(q.getOrDefault("timestamp", "0"));
    long window = Long.parseLong(q.getOrDefault("recvWindow", "5000"));
    long server = serverTime();
    if (timestamp >= server + 1000 || server - timestamp > window) {
      rejectedTimestamps++;
      throw new ApiError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    }
  }

  private static Map<String, String> parse(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) return out;
    for (String kv : rawQuery.split("&")) {
      int eq = kv.indexOf('=');
      out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  // ---- exchange information (rest-api.md "Exchange information"; the futures docs' /fapi/v1/exchangeInfo)

  /** Spot: of one symbol ({@code symbol}), of several ({@code symbols=["A","B"]}) or of all; an unknown one is -1121. */
  private synchronized JsonNode exchangeInfo(Map<String, String> q) {
    List<String> wanted = new ArrayList<>();
    if (q.containsKey("symbol")) wanted.add(q.get("symbol"));
    if (q.containsKey("symbols")) {
      try {
        for (JsonNode n : JSON.readTree(q.get("symbols"))) wanted.add(n.asText());
      } catch (java.io.IOException e) {
        throw new ApiError(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
      }
    }
    if (wanted.isEmpty()) wanted.addAll(books.keySet());
    ObjectNode root = infoRoot();
    ArrayNode symbols = root.putArray("symbols");
    for (String symbol : wanted) {
      if (!books.containsKey(symbol)) throw new ApiError(400, -1121, "Invalid symbol.");
      String[] pair = assets.get(symbol);
      ObjectNode s = symbols.addObject();
      s.put("symbol", symbol).put("status", "TRADING").put("baseAsset", pair[0]).put("baseAssetPrecision", 8).put("quoteAsset", pair[1])
          .put("quotePrecision", 8).put("quoteAssetPrecision", 8).put("baseCommissionPrecision", 8).put("quoteCommissionPrecision", 8);
      ArrayNode types = s.putArray("orderTypes");
      for (String t : List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT")) types.add(t);
      s.put("icebergAllowed", true).put("ocoAllowed", true).put("quoteOrderQtyMarketAllowed", true).put("allowTrailingStop", true)
          .put("cancelReplaceAllowed", true).put("isSpotTradingAllowed", true).put("isMarginTradingAllowed", false);
      String[] f = filters.getOrDefault(symbol, new String[] {"0.01000000", "0.00001000", "5.00000000"});
      ArrayNode fs = s.putArray("filters");
      fs.addObject().put("filterType", "PRICE_FILTER").put("minPrice", f[0]).put("maxPrice", "1000000.00000000").put("tickSize", f[0]);
      fs.addObject().put("filterType", "LOT_SIZE").put("minQty", f[1]).put("maxQty", "9000.00000000").put("stepSize", f[1]);
      fs.addObject().put("filterType", "ICEBERG_PARTS").put("limit", 10);
      if (legacyMinNotional) {
        fs.addObject().put("filterType", "MIN_NOTIONAL").put("minNotional", f[2]).put("applyToMarket", true).put("avgPriceMins", 5);
      } else {
        fs.addObject().put("filterType", "NOTIONAL").put("minNotional", f[2]).put("applyMinToMarket", true).put("maxNotional", "9000000.00000000")
            .put("applyMaxToMarket", false).put("avgPriceMins", 5);
      }
      fs.addObject().put("filterType", "MAX_NUM_ORDERS").put("maxNumOrders", 200);
      s.putArray("permissions");
      s.put("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
    }
    return root;
  }

  /** USD-M futures: every symbol, each a perpetual (contractType PERPETUAL), MIN_NOTIONAL's field named "notional". */
  private synchronized JsonNode futuresExchangeInfo() {
    ObjectNode root = infoRoot();
    root.put("futuresType", "U_MARGINED");
    root.putArray("assets");
    ArrayNode symbols = root.putArray("symbols");
    for (String symbol : books.keySet()) {
      String[] pair = assets.get(symbol);
      String[] f = filters.getOrDefault(symbol, new String[] {"0.10", "0.001", "100"});
      ObjectNode s = symbols.addObject();
      s.put("symbol", symbol).put("pair", symbol).put("contractType", "PERPETUAL").put("deliveryDate", 4133404800000L).put("onboardDate", 1569398400000L)
          .put("status", "TRADING").put("baseAsset", pair[0]).put("quoteAsset", pair[1]).put("marginAsset", pair[1]).put("pricePrecision", 2)
          .put("quantityPrecision", 3).put("baseAssetPrecision", 8).put("quotePrecision", 8).put("underlyingType", "COIN");
      ArrayNode fs = s.putArray("filters");
      fs.addObject().put("filterType", "PRICE_FILTER").put("minPrice", "556.80").put("maxPrice", "4529764").put("tickSize", f[0]);
      fs.addObject().put("filterType", "LOT_SIZE").put("minQty", f[1]).put("maxQty", "1000").put("stepSize", f[1]);
      fs.addObject().put("filterType", "MARKET_LOT_SIZE").put("minQty", f[1]).put("maxQty", "120").put("stepSize", f[1]);
      fs.addObject().put("filterType", "MAX_NUM_ORDERS").put("limit", 200);
      fs.addObject().put("filterType", "MIN_NOTIONAL").put("notional", f[2]);
      fs.addObject().put("filterType", "PERCENT_PRICE").put("multiplierUp", "1.0500").put("multiplierDown", "0.9500").put("multiplierDecimal", "4");
      ArrayNode types = s.putArray("orderTypes");
      for (String t : List.of("LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET")) types.add(t);
      ArrayNode tif = s.putArray("timeInForce");
      for (String t : List.of("GTC", "IOC", "FOK", "GTX")) tif.add(t);
    }
    return root;
  }

  private ObjectNode infoRoot() {
    ObjectNode root = JSON.createObjectNode();
    root.put("timezone", "UTC").put("serverTime", serverTime());
    ArrayNode limits = root.putArray("rateLimits");
    limits.addObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE").put("intervalNum", 1).put("limit", 6000);
    limits.addObject().put("rateLimitType", "ORDERS").put("interval", "SECOND").put("intervalNum", 10).put("limit", 100);
    root.putArray("exchangeFilters");
    return root;
  }

  // ---- the exchange

  private synchronized ObjectNode newOrder(Map<String, String> q) {
    if (!rejects.isEmpty()) {
      String[] r = rejects.remove(0);
      throw new ApiError(400, Integer.parseInt(r[0]), r[1]);
    }
    String symbol = q.get("symbol");
    double[] book = books.get(symbol);
    if (book == null) throw new ApiError(400, -1121, "Invalid symbol.");
    String id = q.get("newClientOrderId");
    ObjectNode existing = orders.get(id);
    if (existing != null && isOpen(existing)) throw new ApiError(400, -2010, "Duplicate order sent.");
    String type = q.get("type");
    if (futures) {
      // USD-M futures' words: STOP_MARKET and STOP (stop-limit); spot's STOP_LOSS, STOP_LOSS_LIMIT and LIMIT_MAKER are refused.
      if (type.equals("STOP_LOSS") || type.equals("STOP_LOSS_LIMIT") || type.equals("LIMIT_MAKER")) throw new ApiError(400, -1116, "Invalid orderType.");
      if (type.equals("STOP_MARKET")) type = "STOP_LOSS";
      else if (type.equals("STOP")) type = "STOP_LOSS_LIMIT";
      else if (type.equals("LIMIT") && "GTX".equals(q.get("timeInForce"))) type = "LIMIT_MAKER";
    }
    String futuresType = futures ? q.get("type") : null;
    boolean buy = q.get("side").equals("BUY");
    double qty = Double.parseDouble(q.get("quantity"));
    double price = q.containsKey("price") ? Double.parseDouble(q.get("price")) : 0;
    boolean marketable = type.equals("MARKET") || ((type.equals("LIMIT") || type.equals("LIMIT_MAKER")) && (buy ? price >= book[1] : price <= book[0]));
    if (type.equals("LIMIT_MAKER") && marketable) {
      if (futures) throw new ApiError(400, -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");
      throw new ApiError(400, -2010, "Order would immediately match and take.");
    }
    String[] pair = assets.get(symbol);
    double needed = buy ? qty * (type.equals("MARKET") ? book[1] : Math.max(price, q.containsKey("stopPrice") ? Double.parseDouble(q.get("stopPrice")) : 0)) : qty;
    if (!futures && balance(buy ? pair[1] : pair[0]) + 1e-9 < needed) throw new ApiError(400, -2010, "Account has insufficient balance for requested action.");
    long now = serverTime();
    ObjectNode o = JSON.createObjectNode();
    o.put("symbol", symbol).put("orderId", nextOrderId++).put("orderListId", -1).put("clientOrderId", id)
        .put("price", dec(price)).put("origQty", dec(qty)).put("executedQty", "0").put("cummulativeQuoteQty", "0")
        .put("status", "NEW").put("timeInForce", q.getOrDefault("timeInForce", "GTC")).put("type", type).put("side", q.get("side"))
        .put("stopPrice", q.getOrDefault("stopPrice", "0")).put("reduceOnly", Boolean.parseBoolean(q.getOrDefault("reduceOnly", "false"))).put("time", now).put("updateTime", now).put("isWorking", true).put("workingTime", now);
    if (futures) o.put("origType", futuresType); // kept in spot's words inside the fake; shown in futures' (futuresView)
    orders.put(id, o);
    event(o, "NEW", 0, 0, -1, false);
    ArrayNode fills = JSON.createArrayNode();
    if (marketable) {
      List<ObjectNode> made = fill(o, qty, buy ? book[1] : book[0], false);
      for (ObjectNode t : made) {
        fills.add(JSON.createObjectNode().put("price", t.path("price").asText()).put("qty", t.path("qty").asText())
            .put("commission", t.path("commission").asText()).put("commissionAsset", t.path("commissionAsset").asText()).put("tradeId", t.path("id").asLong()));
      }
    }
    ObjectNode answer = futuresView(o);
    if (futures) {
      // RESULT: the order's state, no fills (they come by the stream or userTrades)
      double executed = answer.path("executedQty").asDouble();
      answer.put("avgPrice", executed > 0 ? dec(answer.path("cummulativeQuoteQty").asDouble() / executed) : "0");
      answer.remove("cummulativeQuoteQty");
      answer.put("cumQuote", o.path("cummulativeQuoteQty").asText());
      return answer;
    }
    answer.put("transactTime", now);
    answer.set("fills", fills);
    return answer;
  }

  /** Fills {@code qty} of the order at {@code price}; the trades it made (one). */
  private List<ObjectNode> fill(ObjectNode o, double qty, double price, boolean maker) {
    String symbol = o.path("symbol").asText();
    String[] pair = assets.get(symbol);
    boolean buy = o.path("side").asText().equals("BUY");
    double executed = o.path("executedQty").asDouble() + qty;
    double quote = o.path("cummulativeQuoteQty").asDouble() + qty * price;
    double fee = qty * price * FEE_RATE;
    String feeAsset = pair[1];
    double commission = fee;
    if (commissionAsset != null && !commissionAsset.equals(pair[1])) {
      double rate = commissionAsset.equals(pair[0]) ? price : commissionPrice;
      feeAsset = commissionAsset;
      commission = fee / rate;
    }
    long now = serverTime();
    double realized = 0;
    if (futures) {
      // The wallet (the quote asset) takes the fee and the realized P&L of what this trade closes, at the average entry
      // price (one-way mode); the margin of the open position is not taken from it.
      double[] qc = positionAndCost(symbol);
      double signed = buy ? qty : -qty;
      if (qc[0] != 0 && Math.signum(qc[0]) != Math.signum(signed)) {
        double closed = Math.min(Math.abs(signed), Math.abs(qc[0]));
        double entry = qc[1] / qc[0];
        realized = closed * (price - entry) * Math.signum(qc[0]);
      }
      balances.merge(pair[1], realized - fee, Double::sum);
    } else {
      balances.merge(pair[0], buy ? qty : -qty, Double::sum);
      balances.merge(pair[1], buy ? -qty * price : qty * price, Double::sum);
      balances.merge(feeAsset, -commission, Double::sum);
    }
    boolean full = executed >= o.path("origQty").asDouble() - 1e-12;
    o.put("executedQty", dec(executed)).put("cummulativeQuoteQty", dec(quote)).put("status", full ? "FILLED" : "PARTIALLY_FILLED").put("updateTime", now);
    if (full) o.put("isWorking", false);
    long tradeId = nextTradeId++;
    ObjectNode t = JSON.createObjectNode();
    t.put("symbol", symbol).put("id", tradeId).put("orderId", o.path("orderId").asLong()).put("orderListId", -1).put("price", dec(price)).put("qty", dec(qty))
        .put("quoteQty", dec(qty * price)).put("commission", dec(commission)).put("commissionAsset", feeAsset).put("time", now)
        .put("isBuyer", buy).put("isMaker", maker).put("isBestMatch", true);
    trades.add(t);
    if (futures) t.put("buyer", buy).put("maker", maker).put("side", buy ? "BUY" : "SELL").put("realizedPnl", dec(realized));
    event(o, "TRADE", qty, price, tradeId, maker, commission, feeAsset);
    return List.of(t);
  }

  /** The published shape: {"symbol": "BNBUSDT", "price": "300.00000000"}. */
  private synchronized JsonNode tickerPrice(String symbol) {
    Double price = symbol == null ? null : tickers.get(symbol);
    if (price == null) throw new ApiError(400, -1121, "Invalid symbol.");
    return JSON.createObjectNode().put("symbol", symbol).put("price", BigDecimal.valueOf(price).setScale(8, java.math.RoundingMode.HALF_EVEN).toPlainString());
  }

  private synchronized JsonNode queryOrder(String id) {
    ObjectNode o = orders.get(id);
    if (o == null) throw new ApiError(400, -2013, "Order does not exist.");
    return futuresView(o);
  }

  /** A copy of the order as the market shows it: futures name its type in their words (type and origType). */
  private ObjectNode futuresView(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    if (futures && o.has("origType")) copy.put("type", o.path("origType").asText());
    return copy;
  }

  private synchronized JsonNode cancel(String id) {
    ObjectNode o = orders.get(id);
    if (o == null || !isOpen(o)) throw new ApiError(400, -2011, "Unknown order sent.");
    o.put("status", "CANCELED").put("updateTime", serverTime()).put("isWorking", false);
    event(o, "CANCELED", 0, 0, -1, false);
    ObjectNode answer = o.deepCopy();
    answer.put("origClientOrderId", id).put("clientOrderId", "cancel" + o.path("orderId").asLong()).put("transactTime", serverTime());
    return answer;
  }

  private synchronized JsonNode openOrders(String symbol) {
    ArrayNode out = JSON.createArrayNode();
    for (ObjectNode o : orders.values()) if (isOpen(o) && (symbol == null || o.path("symbol").asText().equals(symbol))) out.add(futuresView(o));
    return out;
  }

  private synchronized JsonNode myTrades(String symbol, long orderId) {
    ArrayNode out = JSON.createArrayNode();
    for (ObjectNode t : trades) {
      if (!t.path("symbol").asText().equals(symbol) || t.path("orderId").asLong() != orderId) continue;
      ObjectNode copy = t.deepCopy();
      if (futures) copy.remove(List.of("isBuyer", "isMaker", "isBestMatch"));
      out.add(copy);
    }
    return out;
  }

  private synchronized JsonNode account() {
    ObjectNode a = JSON.createObjectNode().put("canTrade", true).put("accountType", "SPOT").put("updateTime", serverTime());
    ArrayNode b = a.putArray("balances");
    balances.forEach((asset, v) -> b.add(JSON.createObjectNode().put("asset", asset).put("free", dec(v)).put("locked", "0")));
    return a;
  }

  private synchronized JsonNode futuresBalance() {
    ArrayNode out = JSON.createArrayNode();
    balances.forEach((asset, v) -> out.add(JSON.createObjectNode().put("asset", asset).put("balance", dec(v)).put("availableBalance", dec(v))));
    return out;
  }

  /** A futures symbol's position from the fake's trades: {signed quantity, its cost at the average entry price}. */
  private double[] positionAndCost(String symbol) {
    double qty = 0;
    double cost = 0;
    for (ObjectNode t : trades) {
      if (!t.path("symbol").asText().equals(symbol)) continue;
      double signed = (t.path("buyer").asBoolean() ? 1 : -1) * t.path("qty").asDouble();
      if (qty == 0 || Math.signum(qty) == Math.signum(signed)) cost += signed * t.path("price").asDouble();
      else if (Math.signum(qty + signed) == -Math.signum(qty)) cost = (qty + signed) * t.path("price").asDouble(); // flipped: entered anew
      else cost = (qty + signed) * (cost / qty); // reducing keeps the entry price
      qty += signed;
      if (Math.abs(qty) < 1e-12) { qty = 0; cost = 0; }
    }
    return new double[] {qty, cost};
  }

  private synchronized JsonNode positionRisk() {
    ArrayNode out = JSON.createArrayNode();
    for (String symbol : books.keySet()) {
      double[] qc = positionAndCost(symbol);
      double qty = qc[0];
      double cost = qc[1];
      double mark = (books.get(symbol)[0] + books.get(symbol)[1]) / 2;
      double entry = qty == 0 ? 0 : cost / qty;
      out.add(JSON.createObjectNode().put("symbol", symbol).put("positionAmt", dec(qty)).put("entryPrice", dec(entry))
          .put("markPrice", dec(mark)).put("unRealizedProfit", dec(qty * (mark - entry))).put("positionSide", "BOTH"));
    }
    return out;
  }

  private synchronized JsonNode klines(Map<String, String> q) {
    List<Bar> bars = klines.getOrDefault(q.get("symbol") + "@" + q.get("interval"), List.of());
    long start = Long.parseLong(q.getOrDefault("startTime", "0"));
    long end = Long.parseLong(q.getOrDefault("endTime", Long.toString(Long.MAX_VALUE)));
    int limit = Math.min(1000, Integer.parseInt(q.getOrDefault("limit", "500")));
    long length = io.troupe.market.Timeframe.parse(q.get("interval")).millis();
    ArrayNode out = JSON.createArrayNode();
    for (Bar bar : bars) {
      if (bar.time() < start || bar.time() > end) continue;
      if (out.size() >= limit) break;
      out.add(JSON.createArrayNode().add(bar.time()).add(dec(bar.open())).add(dec(bar.high())).add(dec(bar.low())).add(dec(bar.close()))
          .add(dec(bar.volume())).add(bar.time() + length - 1).add("0").add(10).add("0").add("0").add("0"));
    }
    return out;
  }

  private synchronized String newListenKey() {
    listenKeysCreated++;
    listenKey = String.format("fakeListenKey%051d", listenKeysCreated);
    return listenKey;
  }

  private synchronized void keepAlive(String key) {
    if (!listenKey.equals(key)) throw new ApiError(400, -1125, "This listenKey does not exist.");
    keepAlives++;
  }

  private static boolean isOpen(ObjectNode o) {
    String s = o.path("status").asText();
    return s.equals("NEW") || s.equals("PARTIALLY_FILLED");
  }

  private static double remaining(ObjectNode o) {
    return o.path("origQty").asDouble() - o.path("executedQty").asDouble();
  }

  static String dec(double v) {
    return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "0";
  }

  // ---- streams

  private HttpResponse webSocket(WebSocketUpgrade upgrade, String path, String rawQuery) {
    Pair<SourceQueueWithComplete<Message>, Source<Message, NotUsed>> out = Source.<Message>queue(1_000_000, OverflowStrategy.dropNew()).preMaterialize(mat);
    if (path.startsWith("/ws/")) {
      synchronized (this) {
        if (!path.substring(4).equals(listenKey)) {
          return HttpResponse.create().withStatus(400).withEntity("This listenKey does not exist.");
        }
      }
      userStreams.add(out.first());
    } else if (path.equals("/stream")) {
      String streams = parse(rawQuery).getOrDefault("streams", "");
      marketStreams.add(Pair.create(Set.copyOf(Arrays.asList(streams.split("/"))), out.first()));
    } else {
      return HttpResponse.create().withStatus(404);
    }
    return upgrade.handleMessagesWith(Sink.ignore(), out.second());
  }

  /** An executionReport for the order's current state, to the user-data streams (with the fault modes applied). */
  private void event(ObjectNode o, String execution, double lastQty, double lastPrice, long tradeId, boolean maker) {
    event(o, execution, lastQty, lastPrice, tradeId, maker, 0, null);
  }

  private void event(ObjectNode o, String execution, double lastQty, double lastPrice, long tradeId, boolean maker, double commission, String commissionAsset) {
    boolean canceled = execution.equals("CANCELED");
    ObjectNode e = JSON.createObjectNode();
    e.put("e", "executionReport").put("E", serverTime()).put("s", o.path("symbol").asText())
        .put("c", canceled ? "cancel" + o.path("orderId").asLong() : o.path("clientOrderId").asText())
        .put("S", o.path("side").asText()).put("o", futures && o.has("origType") ? o.path("origType").asText() : o.path("type").asText()).put("f", o.path("timeInForce").asText())
        .put("q", o.path("origQty").asText()).put("p", o.path("price").asText()).put("P", o.path("stopPrice").asText()).put("F", "0").put("g", -1)
        .put("C", canceled ? o.path("clientOrderId").asText() : "").put("x", execution).put("X", o.path("status").asText()).put("r", "NONE")
        .put("i", o.path("orderId").asLong()).put("l", dec(lastQty)).put("z", o.path("executedQty").asText()).put("L", dec(lastPrice))
        .put("n", dec(commission)).put("N", tradeId < 0 ? null : commissionAsset).put("T", serverTime()).put("t", tradeId)
        .put("I", nextExecutionId++).put("w", o.path("isWorking").asBoolean()).put("m", maker).put("M", false).put("O", o.path("time").asLong())
        .put("Z", o.path("cummulativeQuoteQty").asText()).put("Y", dec(lastQty * lastPrice)).put("Q", "0");
    if (futures) {
      // ORDER_TRADE_UPDATE: the same fields inside "o"; a cancel names the order itself in "c"; no execution id
      e.put("c", o.path("clientOrderId").asText());
      e.remove(List.of("C", "I", "E", "e", "g", "F", "w", "M", "O", "Z", "Y", "Q", "r"));
      ObjectNode wrapped = JSON.createObjectNode().put("e", "ORDER_TRADE_UPDATE").put("E", serverTime()).put("T", serverTime());
      wrapped.set("o", e);
      e = wrapped;
    }
    String text = e.toString();
    if (reorderEvents) {
      if (heldEvent == null) {
        heldEvent = text;
        return;
      }
      sendUser(text);
      String held = heldEvent;
      heldEvent = null;
      sendUser(held);
      return;
    }
    sendUser(text);
  }

  private void flushHeld() {
    if (heldEvent != null) {
      sendUser(heldEvent);
      heldEvent = null;
    }
  }

  private void sendUser(String text) {
    int copies = duplicateEvents ? 2 : 1;
    for (int i = 0; i < copies; i++) for (var q : userStreams) q.offer(TextMessage.create(text));
  }

  /** A kline event on {@code symbol@kline_interval} (lowercase symbol, as Binance names streams). */
  public void publishKline(String interval, Bar bar, boolean closed) {
    long length = io.troupe.market.Timeframe.parse(interval).millis();
    ObjectNode k = JSON.createObjectNode();
    k.put("t", bar.time()).put("T", bar.time() + length - 1).put("s", bar.symbol()).put("i", interval).put("f", 100).put("L", 200)
        .put("o", dec(bar.open())).put("c", dec(bar.close())).put("h", dec(bar.high())).put("l", dec(bar.low())).put("v", dec(bar.volume()))
        .put("n", 100).put("x", closed).put("q", "0").put("V", "0").put("Q", "0").put("B", "0");
    ObjectNode e = JSON.createObjectNode().put("e", "kline").put("E", bar.time() + length).put("s", bar.symbol());
    e.set("k", k);
    publish(bar.symbol().toLowerCase() + "@kline_" + interval, e);
  }

  public void publishAggTrade(String symbol, long id, double price, double qty, long time, boolean buyerMaker) {
    ObjectNode e = JSON.createObjectNode().put("e", "aggTrade").put("E", time).put("s", symbol).put("a", id).put("p", dec(price)).put("q", dec(qty))
        .put("f", id).put("l", id).put("T", time).put("m", buyerMaker).put("M", true);
    publish(symbol.toLowerCase() + "@aggTrade", e);
  }

  public void publishBookTicker(String symbol, long updateId, double bid, double bidQty, double ask, double askQty) {
    ObjectNode e = JSON.createObjectNode().put("u", updateId).put("s", symbol).put("b", dec(bid)).put("B", dec(bidQty)).put("a", dec(ask)).put("A", dec(askQty));
    publish(symbol.toLowerCase() + "@bookTicker", e);
  }

  private void publish(String stream, JsonNode data) {
    ObjectNode wrapped = JSON.createObjectNode().put("stream", stream);
    wrapped.set("data", data);
    String text = wrapped.toString();
    for (var s : marketStreams) if (s.first().contains(stream)) s.second().offer(TextMessage.create(text));
  }

  /** Waits (without sleeping: on the scheduler) until {@code condition} holds or {@code timeout} passes. */
  public static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Void> done = new CompletableFuture<>();
    java.util.concurrent.ScheduledExecutorService ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      ticker.scheduleAtFixedRate(() -> {
        if (condition.getAsBoolean()) done.complete(null);
        else if (System.nanoTime() > deadline) done.completeExceptionally(new AssertionError("timed out waiting for " + what));
      }, 0, 10, TimeUnit.MILLISECONDS);
      done.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw (AssertionError) e.getCause();
    } finally {
      ticker.shutdownNow();
    }
  }
}
