package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same venue adapter on USD-M futures (/fapi, ORDER_TRADE_UPDATE, positions) against the fake in futures mode. */
class BinanceFuturesTest {
  static ActorTestKit kit;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  @Test
  void aLongThenAShortEndWithTheExchangesPosition() {
    try (FakeBinance fake = new FakeBinance(kit.system(), BinanceVenueTest.KEY, BinanceVenueTest.SECRET).futures().start()) {
      fake.listSymbol("BTCUSDT", "BTC", "USDT", 49_990, 50_010).deposit("USDT", 10_000);
      var settings = new BinanceSettings(fake.restUrl(), fake.streamUrl(), Duration.ofSeconds(5), Duration.ofSeconds(2), 3,
          Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(30));
      var client = new BinanceRestClient(kit.system(), settings, BinanceCredentials.of(BinanceVenueTest.KEY, BinanceVenueTest.SECRET), BinanceMarket.USDM);
      var venue = kit.spawn(BinanceVenue.create(client, "f1-"));
      TestProbe<VenueReports> probe = kit.createTestProbe(VenueReports.class);
      venue.tell(new VenueCommand.Connect(probe.ref()));
      FakeBinance.await(() -> fake.userConnections() == 1, Duration.ofSeconds(10), "the user-data stream");
      List<ExecutionReport> all = new ArrayList<>();

      OrderRequest buy = OrderRequest.market("O1", "BTCUSDT", Side.BUY, 0.3, 0);
      venue.tell(new VenueCommand.Send(0, List.of(buy), List.of(), List.of()));
      all.addAll(until(probe, r -> r instanceof ExecutionReport.Fill f && f.remaining() <= 1e-12));
      assertEquals(List.of(new FuturesPosition("BTCUSDT", 0.3, 50_010, 0.3 * (50_000 - 50_010))), join(client.positions()));

      OrderRequest sell = OrderRequest.limit("O2", "BTCUSDT", Side.SELL, 0.5, 50_500, 0);
      OrderRequest rest = OrderRequest.limit("O3", "BTCUSDT", Side.SELL, 0.1, 52_000, 0);
      venue.tell(new VenueCommand.Send(0, List.of(sell, rest), List.of(), List.of()));
      List<ExecutionReport> acks = new ArrayList<>();
      while (acks.stream().filter(r -> r instanceof ExecutionReport.Ack && !r.clientOrderId().equals("O1")).count() < 2) {
        acks.addAll(probe.receiveMessage(Duration.ofSeconds(10)).reports());
      }
      all.addAll(acks);
      fake.trade("BTCUSDT", 50_500, 0.2);
      fake.trade("BTCUSDT", 50_500, 1);
      all.addAll(until(probe, r -> r instanceof ExecutionReport.Fill f && f.clientOrderId().equals("O2") && f.remaining() <= 1e-12));
      venue.tell(new VenueCommand.Send(0, List.of(), List.of(new CancelRequest("O3", "stale")), List.of()));
      all.addAll(until(probe, r -> r instanceof ExecutionReport.Canceled));

      double position = 0;
      var ids = new HashSet<String>();
      for (ExecutionReport r : all) {
        if (r instanceof ExecutionReport.Fill f) {
          assertTrue(ids.add(f.fillId()), "fill reported twice: " + f);
          position += f.side().sign() * f.quantity();
        }
      }
      assertEquals(fake.trades().size(), ids.size());
      assertEquals(-0.2, position, 1e-12);
      assertEquals(fake.position("BTCUSDT"), position, 1e-12);
      var positions = join(client.positions());
      assertEquals(1, positions.size());
      assertEquals(-0.2, positions.get(0).quantity(), 1e-12);
      assertEquals(50_500, positions.get(0).entryPrice(), 1e-9);

      // A reduce-only exit goes out as one (futures know the flag) and flattens the position.
      OrderRequest exit = OrderRequest.market("O4", "BTCUSDT", Side.BUY, 0.2, 0).withReduceOnly(true);
      venue.tell(new VenueCommand.Send(0, List.of(exit), List.of(), List.of()));
      until(probe, r -> r instanceof ExecutionReport.Fill f && f.clientOrderId().equals("O4") && f.remaining() <= 1e-12);
      assertTrue(fake.orders().get("f1-O4").path("reduceOnly").asBoolean());
      assertTrue(join(client.positions()).isEmpty());
      kit.stop(venue);
    }
  }

  static <T> T join(java.util.concurrent.CompletionStage<T> s) {
    return s.toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
  }

  static List<ExecutionReport> until(TestProbe<VenueReports> probe, Predicate<ExecutionReport> last) {
    List<ExecutionReport> out = new ArrayList<>();
    while (out.stream().noneMatch(last)) out.addAll(probe.receiveMessage(Duration.ofSeconds(10)).reports());
    probe.expectNoMessage(Duration.ofMillis(300));
    return out;
  }
}
