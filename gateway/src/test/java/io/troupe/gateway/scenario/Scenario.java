package io.troupe.gateway.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.MetaSettings;
import io.troupe.desk.PositionSizing;
import io.troupe.exit.ExitSettings;
import io.troupe.gateway.sim.FillMode;
import io.troupe.gateway.sim.SimulatedExchangeActor;
import io.troupe.gateway.sim.SimulatedExchangeSettings;
import io.troupe.model.Instrument;
import io.troupe.market.Bar;
import io.troupe.node.NodeCommand;
import io.troupe.node.NodeCommand.Agents;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.node.NodeSettings;
import io.troupe.node.TradingNode;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.order.OrderManagerCommand;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderStatus;
import io.troupe.position.PositionCommand;
import io.troupe.model.RoundTrip;
import io.troupe.risk.BreakerSettings;
import io.troupe.risk.RiskCommand;
import io.troupe.risk.RiskLimits;
import io.troupe.venue.VenueCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One trading node on the symbol BTC with the real simulated exchange as its venue, driven one event-time step at a
 * time. After each step's ack every consequence of the step is in place, so queries need no waiting.
 */
final class Scenario {

  static final String BTC = "BTC";
  static final long SEC = 1_000L;
  static final long MIN = 60_000L;
  /** 2024-01-01T00:00Z, a Monday: every scenario's event time starts at a UTC midnight. */
  static final long T0 = 1_704_067_200_000L;

  private static final AtomicInteger ids = new AtomicInteger();

  /** The kit every scenario test class uses: every message between actors is serialization-checked. */
  static ActorTestKit testKit() {
    return ActorTestKit.create(ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
  }

  /** Frictionless matching (no slippage, no fees), next-open fills: prices in assertions are the raw bar prices. */
  static SimulatedExchangeSettings frictionless() {
    return new SimulatedExchangeSettings(FillMode.NEXT_OPEN, 0, 0, 0, 0, 0);
  }

  /** Everything a scenario may tailor; the rest are the seed defaults. */
  static final class Setup {
    double cash = 10_000;
    Map<String, Instrument> instruments = Map.of(BTC, Instrument.spot(BTC));
    /** The venue's own view of the instruments (defaults to the node's). */
    Map<String, Instrument> venueInstruments;
    PositionSizing sizing = PositionSizing.fractionOfEquity(0.05);
    RiskLimits limits = RiskLimits.defaults();
    BreakerSettings breakers = BreakerSettings.defaults();
    boolean flattenOnHalt = true;
    ExitSettings exits = ExitSettings.defaults();
    OrderLifecycleSettings orders = OrderLifecycleSettings.defaults();
    boolean makerEntries = false;
    SimulatedExchangeSettings venue = frictionless();
    /** How the desk chooses among its specialists; null: one strategy, sized by {@link #sizing}. */
    MetaSettings meta;

    NodeSettings node(List<SpecialistSpec> specialists) {
      return new NodeSettings(cash, instruments, meta == null ? MetaSettings.single(sizing) : meta, Map.of(BTC, specialists), limits, breakers, flattenOnHalt, exits, Map.of(), orders,
          makerEntries, io.troupe.model.HistoryWindow.WHOLE_RUN);
    }
  }

  final ActorTestKit kit;
  final ActorRef<NodeCommand> node;
  final Agents agents;

  Scenario(ActorTestKit kit, Setup setup, ScriptedSignals... specialists) {
    this.kit = kit;
    List<SpecialistSpec> specs = new ArrayList<>();
    for (ScriptedSignals s : specialists) specs.add(s.spec());
    var venue = SimulatedExchangeActor.create(setup.venue, setup.venueInstruments == null ? setup.instruments : setup.venueInstruments);
    this.node = kit.spawn(TradingNode.create(setup.node(specs), venue), "scenario-" + ids.incrementAndGet());
    TestProbe<Agents> p = kit.createTestProbe();
    node.tell(new NodeCommand.GetAgents(p.ref()));
    this.agents = p.receiveMessage();
  }

  /** Runs one step with these bars (all starting at the same time) and waits for its ack. */
  StepAck step(Bar... bars) {
    TestProbe<StepAck> ack = kit.createTestProbe();
    node.tell(new NodeCommand.RunStep(bars[0].time(), List.of(bars), ack.ref()));
    StepAck a = ack.receiveMessage();
    assertEquals(bars[0].time(), a.time());
    return a;
  }

  /** A quiet bar: opens and closes at {@code price}, range {@code +-0.1}. */
  static Bar bar(long time, double price) {
    return new Bar(BTC, time, price, price + 0.1, price - 0.1, price, 1_000);
  }

  static Bar bar(long time, double open, double high, double low, double close) {
    return new Bar(BTC, time, open, high, low, close, 1_000);
  }

  List<OrderRecord> orders() {
    TestProbe<OrderManagerCommand.OrderList> p = kit.createTestProbe();
    agents.orders().tell(new OrderManagerCommand.GetOrders(p.ref()));
    return p.receiveMessage().orders();
  }

  OrderRecord order(String id) {
    return orders().stream().filter(o -> o.orderId().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no order " + id + " in " + orders()));
  }

  PositionCommand.PositionResults results() {
    TestProbe<PositionCommand.PositionResults> p = kit.createTestProbe();
    agents.positions().tell(new PositionCommand.GetResults(p.ref()));
    return p.receiveMessage();
  }

  double position() {
    return results().account().quantity(BTC);
  }

  List<RoundTrip> trades() {
    return results().trades();
  }

  RiskCommand.RiskReport report() {
    TestProbe<RiskCommand.RiskReport> p = kit.createTestProbe();
    agents.risk().tell(new RiskCommand.GetReport(p.ref()));
    return p.receiveMessage();
  }

  /** The ids the venue has working, in its order. */
  List<String> workingAtVenue() {
    TestProbe<VenueCommand.WorkingOrders> p = kit.createTestProbe();
    agents.venue().tell(new VenueCommand.GetWorkingOrders(p.ref()));
    return p.receiveMessage().clientOrderIds();
  }

  /** The ids the order manager holds as not final. */
  List<String> workingInBook() {
    List<String> out = new ArrayList<>();
    for (OrderRecord r : orders()) if (!OrderStatus.valueOf(r.status()).isFinal()) out.add(r.orderId());
    return out;
  }

  /** Venue orders the order manager does not hold as working: nobody would ever cancel them. */
  List<String> ordersWithoutOwner() {
    List<String> owned = workingInBook();
    List<String> orphans = new ArrayList<>();
    for (String id : workingAtVenue()) if (!owned.contains(id)) orphans.add(id);
    return orphans;
  }

  /** The venue and the order manager agree exactly on what is working. */
  void assertVenueAndBookAgree() {
    List<String> venue = workingAtVenue();
    List<String> book = workingInBook();
    assertEquals(List.of(), ordersWithoutOwner(), "venue orders without an owner");
    assertEquals(new java.util.TreeSet<>(book), new java.util.TreeSet<>(venue), "orders the book holds as working but the venue does not");
  }

  /** A probe subscribed to every change of trading state; its first message (the state now) is consumed. */
  TestProbe<RiskCommand.TradingStateChanged> subscribe() {
    TestProbe<RiskCommand.TradingStateChanged> p = kit.createTestProbe();
    agents.risk().tell(new RiskCommand.Subscribe(p.ref()));
    p.receiveMessage();
    return p;
  }
}
