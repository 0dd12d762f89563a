package io.troupe.gateway.fix;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Tick-to-order latency through FIX on localhost: from the order manager's {@code Send} to the venue until the
 * acceptor's application holds the NewOrderSingle (one JVM, one clock; QuickFIX/J's file store and message log on, as in
 * production), and the round trip until the fill is back at the order manager. One order at a time, market orders
 * alternating buy and sell. Prints p50, p99 and max in microseconds, and the process's CPU time per order (both ends).
 *
 * <p>Run: {@code mvn -B -o -q test-compile -pl gateway -am} then
 * {@code java -cp gateway/target/test-classes:gateway/target/classes:$(cat cp.txt) io.troupe.gateway.fix.FixLatencyBenchmark [orders]}
 * (see docs/venues.md for the classpath line).
 */
public final class FixLatencyBenchmark {

  public static void main(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int warmup = Math.max(500, orders / 5);
    Path state = Files.createTempDirectory("fix-bench");
    ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
    try (FixExchange exchange = new FixExchange().quote("BTCUSDT", 99, 101)) {
      FixSettings settings = new FixSettings("127.0.0.1", exchange.port(), "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "",
          FixSettings.Reconcile.PER_ORDER, Duration.ofSeconds(5), state);
      ActorRef<VenueCommand> venue = kit.spawn(FixVenueActor.create(settings, "B"));
      TestProbe<VenueReports> reports = kit.createTestProbe(VenueReports.class);
      venue.tell(new VenueCommand.Connect(reports.ref()));
      exchange.awaitLogons(1, 15);
      long[] toOrder = new long[orders];
      long[] roundTrip = new long[orders];
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = 0;
      long wall0 = 0;
      for (int i = 0; i < warmup + orders; i++) {
        if (i == warmup) {
          cpu0 = os.getProcessCpuTime();
          wall0 = System.nanoTime();
        }
        String id = String.format("O%07d", i + 1);
        OrderRequest r = OrderRequest.market(id, "BTCUSDT", i % 2 == 0 ? Side.BUY : Side.SELL, 1, i);
        long t0 = System.nanoTime();
        venue.tell(new VenueCommand.Send(i, List.of(r), List.of(), List.of()));
        long filled = awaitFill(reports, id);
        if (i >= warmup) {
          toOrder[i - warmup] = exchange.arrival("B-" + id) - t0;
          roundTrip[i - warmup] = filled - t0;
        }
      }
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      System.out.printf("FIX tick-to-order (Send -> NewOrderSingle at the acceptor), %d orders: p50 %.0f us, p99 %.0f us, max %.0f us%n", orders,
          pct(toOrder, 50), pct(toOrder, 99), pct(toOrder, 100));
      System.out.printf("FIX order round trip (Send -> fill at the order manager):        p50 %.0f us, p99 %.0f us, max %.0f us%n", pct(roundTrip, 50),
          pct(roundTrip, 99), pct(roundTrip, 100));
      System.out.printf("process CPU per order (venue, engine, acceptor): %.0f us; %.0f orders/s one at a time%n", cpu / 1e3 / orders, orders / (wall / 1e9));
      kit.stop(venue);
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static long awaitFill(TestProbe<VenueReports> reports, String id) {
    while (true) {
      VenueReports r = reports.receiveMessage(Duration.ofSeconds(10));
      for (ExecutionReport e : r.reports()) if (e instanceof ExecutionReport.Fill && e.clientOrderId().equals(id)) return System.nanoTime();
    }
  }

  private static double pct(long[] nanos, double p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int i = (int) Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1);
    return s[Math.max(0, i)] / 1e3;
  }
}
