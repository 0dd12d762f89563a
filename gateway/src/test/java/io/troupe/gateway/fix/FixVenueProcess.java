package io.troupe.gateway.fix;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.model.ExecutionReport;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A FIX venue in a process of its own, for the kill test: connects to the acceptor on {@code args[0]} with its state in
 * {@code args[1]}, sends one limit order (buy 10 at 101, id O0000001) and prints every report it gets as a JSON line
 * ({@code REPORT {...}}), as a journal would keep them. It runs until it is killed.
 */
public final class FixVenueProcess {

  public static void main(String[] args) throws Exception {
    ActorTestKit kit = ActorTestKit.create();
    FixSettings settings = new FixSettings("127.0.0.1", Integer.parseInt(args[0]), "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "",
        FixSettings.Reconcile.PER_ORDER, Duration.ofSeconds(5), Path.of(args[1]));
    ActorRef<VenueCommand> venue = kit.spawn(FixVenueActor.create(settings, "K1"));
    TestProbe<VenueReports> reports = kit.createTestProbe(VenueReports.class);
    venue.tell(new VenueCommand.Connect(reports.ref()));
    venue.tell(new VenueCommand.Send(1, List.of(OrderRequest.limit("O0000001", "BTCUSDT", Side.BUY, 10, 101, 1)), List.of(), List.of()));
    ObjectMapper json = new ObjectMapper();
    while (true) {
      VenueReports r = reports.receiveMessage(Duration.ofDays(1));
      for (ExecutionReport e : r.reports()) System.out.println("REPORT " + json.writeValueAsString(e));
      System.out.flush();
    }
  }
}
