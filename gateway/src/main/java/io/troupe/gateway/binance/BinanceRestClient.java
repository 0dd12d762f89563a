package io.troupe.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's spot REST API on the Pekko HTTP client. SIGNED requests carry {@code timestamp} (the local clock plus the
 * offset learned from {@code GET /api/v3/time}), {@code recvWindow} and an HMAC-SHA256 {@code signature}, with the key
 * in {@code X-MBX-APIKEY}. A -1021 (timestamp outside the recvWindow) re-syncs the clock and retries once. A 429 or
 * 418 holds every request until its {@code Retry-After} has passed, then retries, up to {@code max-retries} times.
 * Reads (GET) are retried after a transport failure too; orders and cancels are not: whether they happened is unknown,
 * and only the caller can find out (by querying the order under its client order id) without placing it twice.
 *
 * <p>Nothing here logs or reports a query string, a header or the secret: errors name the method and path.
 */
public final class BinanceRestClient {
  private static final Logger LOG = LoggerFactory.getLogger(BinanceRestClient.class);
  static final ObjectMapper JSON = new ObjectMapper();
  public static final String API_KEY_HEADER = "X-MBX-APIKEY";
  public static final String USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

  enum Security {
    NONE,
    API_KEY,
    SIGNED
  }

  private final ClassicActorSystemProvider system;
  private final Http http;
  private final Materializer materializer;
  private final BinanceSettings settings;
  private final BinanceCredentials credentials;
  private final BinanceMarket market;
  private final LongSupplier localClock;
  private final AtomicLong clockOffset = new AtomicLong();
  /** Local wall-clock ms before which no request goes out (a 429's or 418's Retry-After). */
  private final AtomicLong holdUntil = new AtomicLong();
  private final AtomicLong usedWeight = new AtomicLong(-1);
  private final AtomicLong rateLimitWaits = new AtomicLong();
  private final AtomicLong timeSyncs = new AtomicLong();

  /** {@code credentials} null: public endpoints only (market data, klines). */
  public BinanceRestClient(ClassicActorSystemProvider system, BinanceSettings settings, BinanceCredentials credentials) {
    this(system, settings, credentials, BinanceMarket.SPOT);
  }

  /** A client of spot or of USD-M futures ({@code settings} then hold the futures base URLs). */
  public BinanceRestClient(ClassicActorSystemProvider system, BinanceSettings settings, BinanceCredentials credentials, BinanceMarket market) {
    this(system, settings, credentials, market, System::currentTimeMillis);
  }

  BinanceRestClient(ClassicActorSystemProvider system, BinanceSettings settings, BinanceCredentials credentials, BinanceMarket market, LongSupplier localClock) {
    this.system = system;
    this.market = market;
    this.http = Http.get(system);
    this.materializer = Materializer.matFromSystem(system);
    this.settings = settings;
    this.credentials = credentials;
    this.localClock = localClock;
  }

  public BinanceSettings settings() {
    return settings;
  }

  public BinanceMarket market() {
    return market;
  }

  /** The request weight used in the current minute, as the last response's X-MBX-USED-WEIGHT-1M said (-1: none yet). */
  public long usedWeight() {
    return usedWeight.get();
  }

  /** How many times a 429 or 418 made requests wait. */
  public long rateLimitWaits() {
    return rateLimitWaits.get();
  }

  /** How many times the clock was synced with the server's. */
  public long timeSyncs() {
    return timeSyncs.get();
  }

  public long clockOffsetMillis() {
    return clockOffset.get();
  }

  // ---- endpoints

  /** GET /api/v3/time; sets the offset signed requests add to the local clock (half the round trip counted in). */
  public CompletionStage<Long> syncTime() {
    long sent = localClock.getAsLong();
    return call(HttpMethods.GET, market.timePath, Map.of(), Security.NONE)
        .thenApply(json -> {
          long received = localClock.getAsLong();
          long server = json.path("serverTime").asLong();
          clockOffset.set(server - (sent + received) / 2);
          timeSyncs.incrementAndGet();
          return server;
        });
  }

  /** POST /api/v3/order, answered in full (status and fills). */
  public CompletionStage<JsonNode> newOrder(Map<String, String> params) {
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("newOrderRespType", market.newOrderRespType);
    return call(HttpMethods.POST, market.orderPath, p, Security.SIGNED);
  }

  /** DELETE /api/v3/order by client order id. */
  public CompletionStage<JsonNode> cancelOrder(String symbol, String clientOrderId) {
    return call(HttpMethods.DELETE, market.orderPath, ordered("symbol", symbol, "origClientOrderId", clientOrderId), Security.SIGNED);
  }

  /** GET /api/v3/order by client order id (-2013 when there is none). */
  public CompletionStage<JsonNode> queryOrder(String symbol, String clientOrderId) {
    return call(HttpMethods.GET, market.orderPath, ordered("symbol", symbol, "origClientOrderId", clientOrderId), Security.SIGNED);
  }

  /** GET /api/v3/openOrders, of one symbol or (null) of all. */
  public CompletionStage<JsonNode> openOrders(String symbol) {
    return call(HttpMethods.GET, market.openOrdersPath, symbol == null ? Map.of() : ordered("symbol", symbol), Security.SIGNED);
  }

  /** GET /api/v3/myTrades of one order: its fills, each with its trade id. */
  public CompletionStage<JsonNode> orderTrades(String symbol, long orderId) {
    return call(HttpMethods.GET, market.tradesPath, ordered("symbol", symbol, "orderId", Long.toString(orderId)), Security.SIGNED);
  }

  /** The balances: spot's GET /api/v3/account (zero ones left out), futures' GET /fapi/v2/balance. */
  public CompletionStage<List<Balance>> balances() {
    if (market == BinanceMarket.USDM) {
      return call(HttpMethods.GET, "/fapi/v2/balance", Map.of(), Security.SIGNED).thenApply(json -> {
        List<Balance> out = new ArrayList<>();
        for (JsonNode b : json) {
          double total = number(b, "balance");
          double available = number(b, "availableBalance");
          out.add(new Balance(b.path("asset").asText(), available, total - available));
        }
        return out;
      });
    }
    return call(HttpMethods.GET, "/api/v3/account", ordered("omitZeroBalances", "true"), Security.SIGNED)
        .thenApply(json -> {
          List<Balance> out = new ArrayList<>();
          for (JsonNode b : json.path("balances")) {
            out.add(new Balance(b.path("asset").asText(), number(b, "free"), number(b, "locked")));
          }
          return out;
        });
  }

  /** USD-M futures: GET /fapi/v2/positionRisk, the open positions (flat ones left out). */
  public CompletionStage<List<FuturesPosition>> positions() {
    if (market != BinanceMarket.USDM) throw new IllegalStateException("positions are a futures account's; spot has balances");
    return call(HttpMethods.GET, "/fapi/v2/positionRisk", Map.of(), Security.SIGNED).thenApply(json -> {
      List<FuturesPosition> out = new ArrayList<>();
      for (JsonNode p : json) {
        double q = number(p, "positionAmt");
        if (q != 0) out.add(new FuturesPosition(p.path("symbol").asText(), q, number(p, "entryPrice"), number(p, "unRealizedProfit")));
      }
      return out;
    });
  }

  /** GET /api/v3/klines: at most {@code limit} (1000) klines from {@code startTime} to {@code endTime}, both inclusive. */
  public CompletionStage<JsonNode> klines(String symbol, String interval, long startTime, long endTime, int limit) {
    return call(HttpMethods.GET, market.klinesPath,
        ordered("symbol", symbol, "interval", interval, "startTime", Long.toString(startTime), "endTime", Long.toString(endTime), "limit", Integer.toString(limit)),
        Security.NONE);
  }

  /** GET /api/v3/ticker/price (futures: /fapi/v1/ticker/price): the symbol's latest price. */
  public CompletionStage<Double> tickerPrice(String symbol) {
    String path = market == BinanceMarket.SPOT ? "/api/v3/ticker/price" : "/fapi/v1/ticker/price";
    return call(HttpMethods.GET, path, ordered("symbol", symbol), Security.NONE).thenApply(json -> number(json, "price"));
  }

  /**
   * The instruments of {@code symbols} from the exchange information: spot's {@code GET /api/v3/exchangeInfo} asks
   * for them by name ({@code symbols=["BTCUSDT","ETHUSDT"]}); futures' {@code GET /fapi/v1/exchangeInfo} lists every
   * symbol, and those asked for are taken.
   */
  public CompletionStage<Map<String, io.troupe.model.Instrument>> instruments(java.util.Collection<String> symbols) {
    Map<String, String> params = market == BinanceMarket.SPOT
        ? ordered("symbols", "[" + String.join(",", symbols.stream().map(s -> "\"" + s + "\"").toList()) + "]")
        : Map.of();
    return call(HttpMethods.GET, market.exchangeInfoPath, params, Security.NONE).thenApply(json -> ExchangeInfo.instruments(json, market, symbols));
  }

  /** POST /api/v3/userDataStream (futures: /fapi/v1/listenKey): a listen key for the user-data stream (valid 60 minutes unless kept alive). */
  public CompletionStage<String> createListenKey() {
    return call(HttpMethods.POST, market.listenKeyPath, Map.of(), Security.API_KEY).thenApply(json -> json.path("listenKey").asText());
  }

  /** PUT /api/v3/userDataStream: extends the listen key's validity by 60 minutes. */
  public CompletionStage<JsonNode> keepAliveListenKey(String listenKey) {
    return call(HttpMethods.PUT, market.listenKeyPath, market == BinanceMarket.SPOT ? ordered("listenKey", listenKey) : Map.of(), Security.API_KEY);
  }

  // ---- the request loop

  CompletionStage<JsonNode> call(HttpMethod method, String path, Map<String, String> params, Security security) {
    return attempt(method, path, params, security, 0, false);
  }

  private CompletionStage<JsonNode> attempt(HttpMethod method, String path, Map<String, String> params, Security security, int tries, boolean resynced) {
    String what = method.value() + " " + path;
    return afterHold()
        .thenCompose(x -> once(method, path, params, security))
        .handle((json, error) -> {
          if (error == null) return CompletableFuture.completedFuture(json);
          Throwable e = unwrap(error);
          if (e instanceof RateLimited r && tries < settings.maxRetries()) {
            rateLimitWaits.incrementAndGet();
            holdUntil.accumulateAndGet(localClock.getAsLong() + r.retryAfterMillis, Math::max);
            LOG.warn("{}: HTTP {} from Binance, waiting {} ms (Retry-After) before retry {} of {}", what, r.exception.status(), r.retryAfterMillis, tries + 1, settings.maxRetries());
            return attempt(method, path, params, security, tries + 1, resynced);
          }
          if (e instanceof RateLimited r) return CompletableFuture.<JsonNode>failedFuture(r.exception);
          if (e instanceof BinanceApiException b && b.code() == BinanceApiException.INVALID_TIMESTAMP && security == Security.SIGNED && !resynced) {
            LOG.warn("{}: timestamp outside the recvWindow (-1021): re-syncing the clock with the server and retrying once", what);
            return syncTime().thenCompose(t -> attempt(method, path, params, security, tries, true));
          }
          if (!(e instanceof BinanceApiException) && method == HttpMethods.GET && tries < settings.maxRetries()) {
            LOG.warn("{}: {}; retry {} of {}", what, e.toString(), tries + 1, settings.maxRetries());
            return attempt(method, path, params, security, tries + 1, resynced);
          }
          return CompletableFuture.<JsonNode>failedFuture(e instanceof BinanceApiException ? e : new BinanceTransportException(what, e));
        })
        .thenCompose(stage -> stage);
  }

  private CompletionStage<Void> afterHold() {
    long wait = holdUntil.get() - localClock.getAsLong();
    if (wait <= 0) return CompletableFuture.completedFuture(null);
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS));
  }

  private CompletionStage<JsonNode> once(HttpMethod method, String path, Map<String, String> params, Security security) {
    StringBuilder query = new StringBuilder();
    for (var e : params.entrySet()) {
      if (query.length() > 0) query.append('&');
      query.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    if (security == Security.SIGNED) {
      if (query.length() > 0) query.append('&');
      query.append("recvWindow=").append(settings.recvWindow().toMillis());
      query.append("&timestamp=").append(localClock.getAsLong() + clockOffset.get());
      String signature = credentials().signer().sign(query.toString());
      query.append("&signature=").append(signature);
    }
    String uri = settings.restUrl() + path + (query.length() > 0 ? "?" + query : "");
    HttpRequest request = HttpRequest.create(uri).withMethod(method);
    if (security != Security.NONE) request = request.addHeader(RawHeader.create(API_KEY_HEADER, credentials().apiKey()));
    String what = method.value() + " " + path;
    long timeout = settings.requestTimeout().toMillis();
    return http.singleRequest(request)
        .thenCompose(response -> response.entity().toStrict(timeout, materializer).thenApply(strict -> read(what, response, strict.getData().utf8String())))
        .toCompletableFuture()
        .orTimeout(timeout, TimeUnit.MILLISECONDS);
  }

  private BinanceCredentials credentials() {
    if (credentials == null) throw new IllegalStateException("this Binance client has no credentials: public endpoints only");
    return credentials;
  }

  private JsonNode read(String what, HttpResponse response, String body) {
    response.getHeader(USED_WEIGHT_HEADER).ifPresent(h -> {
      try {
        usedWeight.set(Long.parseLong(h.value().strip()));
      } catch (NumberFormatException ignored) {
        // a header we cannot read tells us nothing; the limits still hold us back through 429s
      }
    });
    int status = response.status().intValue();
    JsonNode json;
    try {
      json = body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new BinanceTransportException(what, new IllegalStateException("HTTP " + status + " with a body that is not JSON"));
    }
    if (status >= 200 && status < 300) return json;
    BinanceApiException error = new BinanceApiException(what, status, json.path("code").asInt(0), json.path("msg").asText(""));
    if (error.rateLimited()) {
      long seconds = response.getHeader("Retry-After").map(h -> parseSeconds(h.value())).orElse(1L);
      throw new RateLimited(error, seconds * 1000);
    }
    throw error;
  }

  private static long parseSeconds(String value) {
    try {
      return Math.max(0, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static double number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText("NaN"));
  }

  static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  /** A 429 or 418 inside the loop, with how long to wait. */
  private static final class RateLimited extends RuntimeException {
    final BinanceApiException exception;
    final long retryAfterMillis;

    RateLimited(BinanceApiException exception, long retryAfterMillis) {
      super(exception.getMessage(), null, false, false);
      this.exception = exception;
      this.retryAfterMillis = retryAfterMillis;
    }
  }
}
