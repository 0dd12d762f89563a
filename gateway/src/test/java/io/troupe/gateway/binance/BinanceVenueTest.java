package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Binance venue behind Troupe's venue protocol, against the fake exchange on localhost: fills, partial fills,
 * rejects and cancels, then each fault mode. Every test ends with the venue's reports equal to the exchange's own
 * record (the same trades, the same position), and no output of any test carries the API secret or key.
 */
class BinanceVenueTest {
  static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  static final String SYMBOL = "BTCUSDT";
  static final Duration WAIT = Duration.ofSeconds(10);

  static ActorTestKit kit;
  static final List<String> captured = new CopyOnWriteArrayList<>();
  static AppenderBase<ILoggingEvent> capture;

  FakeBinance fake;
  BinanceRestClient client;
  ActorRef<VenueCommand> venue;
  TestProbe<VenueReports> reports;
  int ids;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        captured.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
      }
    };
    capture.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(capture);
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
  }

  @AfterAll
  static void stopKit() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(capture);
    root.setLevel(ch.qos.logback.classic.Level.WARN);
    kit.shutdownTestKit();
    // Everything every test logged (warnings of retries, resyncs, reconnects, failures, at DEBUG and up).
    assertFalse(captured.isEmpty(), "the fault modes log warnings; nothing was captured");
    for (String line : captured) {
      assertFalse(line.contains(SECRET), () -> "the API secret in the output: " + line);
      assertFalse(line.contains(KEY), () -> "the API key in the output: " + line);
    }
  }

  @BeforeEach
  void start() {
    fake = new FakeBinance(kit.system(), KEY, SECRET).start();
    fake.listSymbol(SYMBOL, "BTC", "USDT", 49_990, 50_010).deposit("USDT", 100_000).deposit("BTC", 1);
    BinanceSettings settings = new BinanceSettings(fake.restUrl(), fake.streamUrl(), Duration.ofSeconds(5), Duration.ofMillis(700), 3,
        Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(30));
    client = new BinanceRestClient(kit.system(), settings, BinanceCredentials.of(KEY, SECRET));
    venue = kit.spawn(BinanceVenue.create(client, "s1-"));
    reports = kit.createTestProbe(VenueReports.class);
    venue.tell(new VenueCommand.Connect(reports.ref()));
    FakeBinance.await(() -> fake.userConnections() == 1, WAIT, "the user-data stream to connect");
  }

  @AfterEach
  void stop() {
    kit.stop(venue);
    fake.close();
    for (String q : fake.queriesSeen()) assertFalse(q.contains(SECRET), "the secret travelled in a query");
  }

  OrderRequest market(Side side, double qty) {
    return OrderRequest.market("ord-" + (++ids), SYMBOL, side, qty, 0);
  }

  OrderRequest limit(Side side, double qty, double price) {
    return OrderRequest.limit("ord-" + (++ids), SYMBOL, side, qty, price, 0);
  }

  void send(OrderRequest... orders) {
    venue.tell(new VenueCommand.Send(0, List.of(orders), List.of(), List.of()));
  }

  void cancel(String id, String reason) {
    venue.tell(new VenueCommand.Send(0, List.of(), List.of(new CancelRequest(id, reason)), List.of()));
  }

  /**
   * Reports until one matches, then a short quiet spell to catch duplicates. An Ack may still come then (the stream's
   * NEW of an order heard late, a reconnection's query of what works): it changes nothing, so it is let through.
   */
  List<ExecutionReport> until(Predicate<ExecutionReport> last) {
    List<ExecutionReport> out = new ArrayList<>();
    while (out.stream().noneMatch(last)) out.addAll(reports.receiveMessage(WAIT).reports());
    List<ExecutionReport> after = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofMillis(300).toNanos();
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      VenueReports more;
      try {
        more = reports.receiveMessage(Duration.ofNanos(left));
      } catch (AssertionError quiet) {
        break; // nothing more within the spell
      }
      for (ExecutionReport r : more.reports()) if (!(r instanceof ExecutionReport.Ack)) after.add(r);
    }
    assertEquals(List.of(), after, "reports after " + out);
    return out;
  }

  static Predicate<ExecutionReport> filled(String id) {
    return r -> r instanceof ExecutionReport.Fill f && f.clientOrderId().equals(id) && f.remaining() <= 1e-12;
  }

  static List<ExecutionReport.Fill> fills(List<ExecutionReport> all) {
    List<ExecutionReport.Fill> out = new ArrayList<>();
    for (ExecutionReport r : all) if (r instanceof ExecutionReport.Fill f) out.add(f);
    return out;
  }

  /** The venue's fills are the exchange's trades: one each, same quantity and price, same net position. */
  void assertMatchesExchange(List<ExecutionReport> all) {
    List<ExecutionReport.Fill> fills = fills(all);
    Set<String> ids = new HashSet<>();
    double position = 0;
    for (ExecutionReport.Fill f : fills) {
      assertTrue(ids.add(f.fillId()), () -> "fill " + f.fillId() + " reported twice");
      position += f.side().sign() * f.quantity();
    }
    var trades = fake.trades();
    assertEquals(trades.size(), fills.size(), () -> "fills " + fills + " vs the exchange's trades " + trades);
    for (var t : trades) {
      String id = BinanceOrders.fillId(SYMBOL, t.path("id").asLong());
      ExecutionReport.Fill f = fills.stream().filter(x -> x.fillId().equals(id)).findFirst().orElseThrow(() -> new AssertionError("trade " + id + " not reported"));
      assertEquals(t.path("qty").asDouble(), f.quantity(), 1e-12);
      assertEquals(t.path("price").asDouble(), f.price(), 1e-9);
      assertEquals(t.path("commission").asDouble(), f.fee(), 1e-9);
    }
    assertEquals(fake.position(SYMBOL), position, 1e-12);
  }

  @Test
  void marketOrderIsAckedAndFilledAtTheAsk() {
    OrderRequest o = market(Side.BUY, 0.1);
    send(o);
    List<ExecutionReport> all = until(filled(o.clientOrderId()));
    assertInstanceOf(ExecutionReport.Ack.class, all.get(0));
    ExecutionReport.Fill f = fills(all).get(0);
    assertEquals(50_010, f.price(), 1e-9);
    assertEquals(io.troupe.model.Liquidity.TAKER, f.liquidity());
    assertMatchesExchange(all);
    assertEquals(1, fake.orders().size());
    assertEquals("FILLED", fake.orders().get("s1-" + o.clientOrderId()).path("status").asText());
    assertEquals(1.1, fake.balance("BTC"), 1e-12);
  }

  @Test
  void restingLimitOrderFillsPartlyThenWhole() {
    OrderRequest o = limit(Side.BUY, 0.2, 49_000);
    send(o);
    until(r -> r instanceof ExecutionReport.Ack);
    fake.trade(SYMBOL, 49_000, 0.05);
    List<ExecutionReport> all = until(r -> r instanceof ExecutionReport.Fill);
    ExecutionReport.Fill part = fills(all).get(0);
    assertEquals(0.05, part.quantity(), 1e-12);
    assertEquals(0.15, part.remaining(), 1e-12);
    assertEquals(io.troupe.model.Liquidity.MAKER, part.liquidity());
    fake.trade(SYMBOL, 49_000, 1);
    all.addAll(until(filled(o.clientOrderId())));
    assertMatchesExchange(all);
  }

  @Test
  void rejectsCarryBinancesReason() {
    fake.rejectNext(BinanceApiException.NEW_ORDER_REJECTED, "Account has insufficient balance for requested action.");
    OrderRequest poor = market(Side.BUY, 0.1);
    send(poor);
    var r1 = assertInstanceOf(ExecutionReport.Rejected.class, until(r -> r instanceof ExecutionReport.Rejected).get(0));
    assertEquals("insufficient_balance", r1.reason());
    OrderRequest maker = limit(Side.BUY, 0.1, 50_100).withPostOnly(true); // would take: LIMIT_MAKER refuses
    send(maker);
    var r2 = assertInstanceOf(ExecutionReport.Rejected.class, until(r -> r instanceof ExecutionReport.Rejected).get(0));
    assertEquals("post_only_would_take", r2.reason());
    assertEquals(maker.clientOrderId(), r2.clientOrderId());
    assertTrue(fake.trades().isEmpty());
  }

  @Test
  void cancelEndsAWorkingOrderAndAModifyIsRefused() {
    OrderRequest o = limit(Side.SELL, 0.3, 51_000);
    send(o);
    until(r -> r instanceof ExecutionReport.Ack);
    venue.tell(new VenueCommand.Send(0, List.of(), List.of(), List.of(new ModifyRequest(o.clientOrderId(), 0.2, 51_500, Double.NaN))));
    assertEquals("modify_not_supported", assertInstanceOf(ExecutionReport.CancelRejected.class, until(r -> r instanceof ExecutionReport.CancelRejected).get(0)).reason());
    cancel(o.clientOrderId(), "stale");
    var c = assertInstanceOf(ExecutionReport.Canceled.class, until(r -> r instanceof ExecutionReport.Canceled).get(0));
    assertEquals("stale", c.reason());
    assertEquals("CANCELED", fake.orders().get("s1-" + o.clientOrderId()).path("status").asText());
    cancel(o.clientOrderId(), "stale"); // already gone: Binance's -2011
    assertEquals("unknown_order", assertInstanceOf(ExecutionReport.CancelRejected.class, until(r -> r instanceof ExecutionReport.CancelRejected).get(0)).reason());
    var sync = kit.createTestProbe(VenueCommand.Synced.class);
    venue.tell(new VenueCommand.Sync(7, sync.ref()));
    assertEquals(7, sync.receiveMessage().time());
  }

  @Test
  void anAdoptedOrderIsFollowedUnderItsOwnIdWithItsEarlierFillsLeftOut() throws Exception {
    // Another client's resting order, partly filled before the venue takes it over.
    client.newOrder(Map.of("symbol", SYMBOL, "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.3", "price", "49000",
        "newClientOrderId", "manual-7")).toCompletableFuture().get();
    fake.trade(SYMBOL, 49_000, 0.1);
    var adopted = kit.createTestProbe(VenueCommand.TakenOver.class);
    venue.tell(new VenueCommand.Adopt("manual-7", SYMBOL, adopted.ref()));
    VenueCommand.TakenOver a = adopted.receiveMessage(WAIT);
    assertEquals(null, a.refusal());
    OrderRequest o = a.order();
    assertEquals("manual-7", o.clientOrderId());
    assertEquals(io.troupe.model.OrderType.LIMIT, o.type());
    assertEquals(Side.BUY, o.side());
    assertEquals(49_000, o.limitPrice(), 1e-9);
    assertEquals(0.2, o.quantity(), 1e-12, "what is left of it");
    assertEquals(List.of(BinanceOrders.fillId(SYMBOL, fake.trades().get(0).path("id").asLong())), a.priorFillIds());

    // Its fills from now on come under its own id (the earlier one never), with what is left of it.
    fake.trade(SYMBOL, 49_000, 0.05);
    ExecutionReport.Fill f = fills(until(r -> r instanceof ExecutionReport.Fill)).get(0);
    assertEquals("manual-7", f.clientOrderId());
    assertEquals(0.05, f.quantity(), 1e-12);
    assertEquals(0.15, f.remaining(), 1e-12);
    // Listed as working; a stream reconnection's query of it reports no earlier fill again.
    var working = kit.createTestProbe(VenueCommand.WorkingOrders.class);
    venue.tell(new VenueCommand.GetWorkingOrders(working.ref()));
    assertEquals(List.of("manual-7"), working.receiveMessage(WAIT).clientOrderIds());
    fake.dropConnections();
    FakeBinance.await(() -> fake.userConnections() >= 1 && fake.listenKeysCreated() >= 2, WAIT, "the user-data stream to reconnect");
    // A checkpoint keeps it as adopted: a venue restored from it follows the order by the same id.
    var state = kit.createTestProbe(io.troupe.checkpoint.AgentState.class);
    venue.tell(new VenueCommand.CaptureState(state.ref()));
    BinanceVenue.Saved saved = io.troupe.checkpoint.StateCodec.decode(state.receiveMessage(WAIT).state(), BinanceVenue.Saved.class);
    assertEquals(List.of("manual-7"), saved.adopted());
    assertEquals(List.of("manual-7"), saved.working().stream().map(OrderRequest::clientOrderId).toList());
    // Cancelled like any order the venue follows: Binance's id as it is, not behind the session's prefix.
    cancel("manual-7", "operator_cancel");
    List<ExecutionReport> rest = until(r -> r instanceof ExecutionReport.Canceled);
    assertEquals("CANCELED", fake.orders().get("manual-7").path("status").asText());
    for (ExecutionReport r : rest) assertFalse(r instanceof ExecutionReport.Fill, "no fill reported again: " + r);
    assertEquals("operator_cancel", rest.stream().filter(r -> r instanceof ExecutionReport.Canceled).map(r -> ((ExecutionReport.Canceled) r).reason())
        .findFirst().orElseThrow());
  }

  @Test
  void anOrderNoLongerWorkingIsNotAdopted() throws Exception {
    client.newOrder(Map.of("symbol", SYMBOL, "side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "52000",
        "newClientOrderId", "manual-8")).toCompletableFuture().get();
    cancelAtVenue("manual-8");
    var adopted = kit.createTestProbe(VenueCommand.TakenOver.class);
    venue.tell(new VenueCommand.Adopt("manual-8", SYMBOL, adopted.ref()));
    VenueCommand.TakenOver a = adopted.receiveMessage(WAIT);
    assertEquals(null, a.order());
    assertTrue(a.refusal().contains("CANCELED"), a.refusal());
  }

  private void cancelAtVenue(String id) throws Exception {
    client.cancelOrder(SYMBOL, id).toCompletableFuture().get();
  }

  @Test
  void aFeeInBnbIsConvertedAtBinancesPriceAndKeptAsCharged() {
    fake.feesIn("BNB", 300).ticker("BNBUSDT", 312.5);
    OrderRequest o = market(Side.BUY, 0.1);
    send(o);
    ExecutionReport.Fill f = fills(until(filled(o.clientOrderId()))).get(0);
    double bnb = 0.1 * 50_010 * FakeBinance.FEE_RATE / 300; // what the fake charged, in BNB
    assertEquals(fake.trades().get(0).path("commission").asDouble(), f.charged().amount(), 1e-12);
    assertEquals(bnb, f.charged().amount(), 1e-9);
    assertEquals("BNB", f.charged().asset());
    assertEquals(312.5, f.charged().rate(), 1e-12, "Binance's ticker price, not the fake's own rate");
    assertEquals("ticker BNBUSDT", f.charged().source());
    assertEquals(bnb * 312.5, f.fee(), 1e-9, "in the quote currency");
    // A second fill within the price's life uses it again: one ticker request.
    OrderRequest again = market(Side.SELL, 0.05);
    send(again);
    ExecutionReport.Fill g = fills(until(filled(again.clientOrderId()))).get(0);
    assertEquals(312.5, g.charged().rate(), 1e-12);
    assertEquals(1, fake.tickerRequests());
  }

  @Test
  void aFeeInTheBaseAssetIsValuedAtTheFillsOwnPrice() {
    fake.feesIn("BTC", Double.NaN);
    OrderRequest o = market(Side.BUY, 0.1);
    send(o);
    ExecutionReport.Fill f = fills(until(filled(o.clientOrderId()))).get(0);
    assertEquals(0.1 * FakeBinance.FEE_RATE, f.charged().amount(), 1e-12);
    assertEquals("fill_price", f.charged().source());
    assertEquals(0.1 * FakeBinance.FEE_RATE * 50_010, f.fee(), 1e-9);
    assertEquals(0, fake.tickerRequests());
  }

  @Test
  void aFeeWithNoPriceToBeHadIsZeroAndSaysSoTheFillIsNotHeldBack() {
    fake.feesIn("BNB", 300); // the fake charges BNB, but serves no BNBUSDT price (-1121)
    OrderRequest o = market(Side.BUY, 0.1);
    send(o);
    ExecutionReport.Fill f = fills(until(filled(o.clientOrderId()))).get(0);
    assertEquals(0, f.fee());
    assertEquals("none", f.charged().source());
    assertFalse(f.charged().converted());
    assertEquals(0.1 * 50_010 * FakeBinance.FEE_RATE / 300, f.charged().amount(), 1e-9, "the fee as charged is kept");
    assertTrue(captured.stream().anyMatch(l -> l.contains("is not converted") && l.contains(f.fillId())), "a warning names the fill");
    // A sync waits for the fill to be reported: nothing of the step is still waiting for a price.
    var sync = kit.createTestProbe(VenueCommand.Synced.class);
    venue.tell(new VenueCommand.Sync(9, sync.ref()));
    assertEquals(9, sync.receiveMessage(WAIT).time());
  }

  @Test
  void clockSkewFailsSignedRequestsUntilTheClientResyncs() {
    fake.skewClock(-20_000); // the server's clock 20 s behind ours: every timestamp we send is "ahead"
    OrderRequest o = market(Side.BUY, 0.05);
    send(o);
    List<ExecutionReport> all = until(filled(o.clientOrderId()));
    assertTrue(fake.rejectedTimestamps() >= 1, "the skew should have failed a request");
    assertTrue(Math.abs(client.clockOffsetMillis() + 20_000) < 1_000, () -> "offset after re-sync: " + client.clockOffsetMillis());
    assertMatchesExchange(all);
  }

  @Test
  void rateLimitsWaitForRetryAfter() {
    fake.rateLimit(1, 429, 1);
    OrderRequest first = market(Side.BUY, 0.01);
    send(first);
    List<ExecutionReport> all = until(filled(first.clientOrderId()));
    fake.rateLimit(1, 418, 1);
    OrderRequest second = market(Side.SELL, 0.01);
    send(second);
    all.addAll(until(filled(second.clientOrderId())));
    assertEquals(2, client.rateLimitWaits());
    assertTrue(client.usedWeight() > 0);
    assertMatchesExchange(all);
  }

  @Test
  void aLateAckIsFoundByItsClientOrderIdNotSentTwice() {
    fake.lateAcks(1, Duration.ofSeconds(2)); // past the 700 ms request timeout
    OrderRequest o = market(Side.BUY, 0.02);
    send(o);
    List<ExecutionReport> all = until(filled(o.clientOrderId()));
    assertEquals(1, fake.orders().size(), "one order at the exchange");
    assertEquals(1, fake.trades().size());
    assertMatchesExchange(all);
  }

  @Test
  void duplicateEventsAreAppliedOnce() {
    fake.duplicateEvents(true);
    OrderRequest o = limit(Side.BUY, 0.2, 49_500);
    send(o);
    until(r -> r instanceof ExecutionReport.Ack);
    fake.trade(SYMBOL, 49_500, 0.1);
    fake.trade(SYMBOL, 49_500, 0.1);
    List<ExecutionReport> all = until(filled(o.clientOrderId()));
    assertEquals(2, fills(all).size());
    assertMatchesExchange(all);
  }

  @Test
  void outOfOrderEventsEndInTheSamePlace() {
    fake.reorderEvents(true);
    OrderRequest o = limit(Side.BUY, 0.3, 49_500);
    send(o);
    until(r -> r instanceof ExecutionReport.Ack);
    fake.trade(SYMBOL, 49_500, 0.1);
    fake.trade(SYMBOL, 49_500, 0.1);
    fake.trade(SYMBOL, 49_500, 0.1);
    fake.reorderEvents(false);
    // the last fill may arrive before an earlier one: wait for all three, then for any duplicate
    List<ExecutionReport> all = new ArrayList<>();
    while (fills(all).size() < 3) all.addAll(reports.receiveMessage(WAIT).reports());
    reports.expectNoMessage(Duration.ofMillis(300));
    assertMatchesExchange(all);
  }

  @Test
  void fillsMissedWhileTheStreamWasDownAreFoundOnReconnect() {
    OrderRequest o = limit(Side.SELL, 0.4, 51_000);
    send(o);
    until(r -> r instanceof ExecutionReport.Ack);
    fake.dropConnections();
    fake.trade(SYMBOL, 51_000, 0.4); // no stream hears this
    List<ExecutionReport> all = until(filled(o.clientOrderId()));
    assertTrue(fake.listenKeysCreated() >= 2, "a new listen key for the new connection");
    assertMatchesExchange(all);
    var working = kit.createTestProbe(VenueCommand.WorkingOrders.class);
    venue.tell(new VenueCommand.GetWorkingOrders(working.ref()));
    assertTrue(working.receiveMessage().clientOrderIds().isEmpty());
  }

  @Test
  void anotherClientsOrdersOnTheAccountAreLeftAlone() {
    // Another session (or a person) on the same account, with Troupe's own next id behind another prefix.
    client.newOrder(BinanceOrders.newOrderParams(limit(Side.BUY, 0.1, 48_000), "s0-ord-" + (ids + 1))).toCompletableFuture().join();
    reports.expectNoMessage(Duration.ofMillis(300));
    OrderRequest mine = limit(Side.BUY, 0.1, 48_000);
    send(mine);
    assertEquals(mine.clientOrderId(), until(r -> r instanceof ExecutionReport.Ack).get(0).clientOrderId());
    var working = kit.createTestProbe(VenueCommand.WorkingOrders.class);
    venue.tell(new VenueCommand.GetWorkingOrders(working.ref()));
    assertEquals(List.of(mine.clientOrderId()), working.receiveMessage().clientOrderIds());
    fake.trade(SYMBOL, 48_000, 1); // fills both: only ours is reported
    List<ExecutionReport> all = until(filled(mine.clientOrderId()));
    assertTrue(all.stream().allMatch(r -> r.clientOrderId().equals(mine.clientOrderId())), all::toString);
  }

  @Test
  void credentialsNeverShowInText() {
    BinanceCredentials c = BinanceCredentials.of(KEY, SECRET);
    assertFalse(c.toString().contains(SECRET));
    assertFalse(c.toString().contains(KEY));
    var e = new BinanceApiException("POST /api/v3/order", 400, -1022, "Signature for this request is not valid.");
    assertFalse(e.getMessage().contains("signature="));
  }
}
