package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.Side;
import io.troupe.order.ManagedOrder;
import io.troupe.venue.VenueCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL mid-order: a venue in its own process sends an order that fills in part, and is killed (no logout, nothing
 * flushed on the way out). While it is down the rest of the order trades in part. A venue started on the same state
 * folder continues the sequence numbers, reconciles, and the order manager's book (restored from the reports the dead
 * process had printed, as a journal keeps them) ends equal to the exchange's record, with the order sent once.
 */
class FixVenueKillTest {

  private static final ActorTestKit kit = ActorTestKit.create();
  private static final String BTC = "BTCUSDT";

  @TempDir Path state;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void aVenueKilledMidOrderIsReconciledOnRestartWithNoDuplicateOrder() throws Exception {
    try (FixExchange exchange = new FixExchange().quote(BTC, 99, 101).restingQuantity(4)) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
          System.getProperty("java.class.path"), FixVenueProcess.class.getName(), Integer.toString(exchange.port()), state.toString())
          .redirectErrorStream(true).start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = in.readLine()) != null; ) lines.add(l);
        } catch (java.io.IOException e) {
          // the process died: what it printed is in
        }
      }, "fix-venue-process-output");
      reader.setDaemon(true);
      reader.start();

      // What the dead process's order manager had journaled: its reports up to the partial fill.
      ObjectMapper json = new ObjectMapper();
      List<ExecutionReport> journaled = new ArrayList<>();
      List<String> output = new ArrayList<>();
      while (journaled.stream().noneMatch(r -> r instanceof ExecutionReport.Fill f && f.remaining() == 6)) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) throw new AssertionError("no partial fill from the venue process; it printed: " + output);
        output.add(line);
        if (line.startsWith("REPORT ")) journaled.add(json.readValue(line.substring(7), ExecutionReport.class));
      }
      int expectedBefore = exchange.expectedFromTroupe();

      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      exchange.awaitLoggedOut(30);
      exchange.trade(BTC, quickfix.field.Side.SELL, 3, 100); // fills 3 of the 6 working while no venue runs

      ActorRef<VenueCommand> venue = kit.spawn(FixVenueActor.create(
          new FixSettings("127.0.0.1", exchange.port(), "TROUPE", "EXCHANGE", java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(1), "",
              FixSettings.Reconcile.PER_ORDER, java.time.Duration.ofSeconds(5), state), "K1"));
      FixTrader t = new FixTrader(kit, venue);
      OrderRequest first = OrderRequest.limit(t.nextId(), BTC, Side.BUY, 10, 101, 1);
      t.restore(first, journaled);
      assertEquals(4, t.book.get(first.clientOrderId()).filledQuantity(), 1e-9);

      assertEquals(7, t.await(first.clientOrderId(), o -> o.filledQuantity() == 7).filledQuantity(), 1e-9);
      exchange.awaitLogons(2, 30);
      assertTrue(exchange.expectedFromTroupe() > expectedBefore, "the sequence numbers continue after the kill");
      OrderRequest next = t.send(OrderRequest.market(t.nextId(), BTC, Side.SELL, 1, 2));
      t.await(next.clientOrderId(), o -> o.status() == OrderStatus.FILLED);
      exchange.trade(BTC, quickfix.field.Side.SELL, 3, 100);
      ManagedOrder done = t.await(first.clientOrderId(), o -> o.status() == OrderStatus.FILLED);

      assertEquals(1, exchange.newOrdersSeen().stream().filter("K1-O0000001"::equals).count(), "the order went out once");
      assertEquals(exchange.orders().get("K1-O0000001").cumQty, done.filledQuantity(), 1e-9);
      assertEquals(exchange.orders().get("K1-O0000001").avgPx(), done.avgFillPrice(), 1e-9);
      assertEquals(exchange.position(BTC), t.position(BTC), 1e-9);
      assertEquals(9, t.position(BTC), 1e-9);
      kit.stop(venue);
    }
  }
}
