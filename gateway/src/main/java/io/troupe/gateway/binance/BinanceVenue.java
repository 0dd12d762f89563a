package io.troupe.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Binance behind Troupe's venue protocol ({@link VenueCommand}): orders, cancels and cancel-all over signed REST,
 * execution reports from the order answers, the user-data stream and, after every (re)connection of that stream, a
 * query of each order still working (its status and its trades), so nothing that happened while the stream was down
 * is missed. Every fill carries Binance's trade id, so one reported three ways is applied once.
 *
 * <p>Idempotency: an order goes out with Troupe's order id as {@code newClientOrderId}. When the answer is lost (a
 * timeout, a dropped connection, a late ack) the order is queried by that id before anything else: found, it is
 * adopted; not found (-2013), it is sent again under the same id. "Duplicate order sent" is answered by adopting the
 * existing order. So a resend never makes a second order.
 *
 * <p>Binance spot has no modify that keeps the order's id: a modify is answered {@code CancelRejected("modify_not_supported")}.
 */
public final class BinanceVenue {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BinanceVenue.class);

  private BinanceVenue() {}

  /**
   * The venue over {@code client}. {@code idPrefix} goes before every Troupe order id sent as Binance's client order id
   * (and is taken off every id that comes back): order ids restart with each session, Binance's account remembers
   * them, so each session needs a prefix of its own (a resend's query by id must not find an older session's order).
   * Events of orders without the prefix (another client on the account) are left alone.
   */
  public static Behavior<VenueCommand> create(BinanceRestClient client, String idPrefix) {
    return restore(client, idPrefix, new Saved(List.of(), List.of()));
  }

  /**
   * What a checkpoint keeps of the venue: the orders it followed that were still working then, and which of them were
   * adopted ({@link VenueCommand.Adopt}: they go by Binance's client order id as it is, without the session's prefix).
   */
  public record Saved(List<OrderRequest> working, List<String> adopted) {
    public Saved {
      working = List.copyOf(working);
      adopted = List.copyOf(adopted);
    }
  }

  /**
   * The venue as a checkpoint left it: {@code working} are the orders it had sent that were still working then (what
   * {@link VenueCommand.CaptureState} gave, {@link #saved} reads it back). Each is queried (status and trades)
   * once the user-data stream is up, so what happened to it while nothing ran (a fill, a cancel) is reported, each fill
   * once by its trade id.
   */
  public static Behavior<VenueCommand> restore(BinanceRestClient client, String idPrefix, Saved saved) {
    return Behaviors.<Object>withStash(10_000, stash -> Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
          Running r = new Running(ctx, stash, timers, client, idPrefix);
          r.adopted.addAll(saved.adopted());
          for (OrderRequest o : saved.working()) r.orders.put(o.clientOrderId(), new Known(o, false));
          return r.start();
        })))
        .narrow();
  }

  /** What a checkpoint's {@code venue} state holds (see {@link #restore}). */
  public static Saved saved(io.troupe.checkpoint.NodeCheckpoint checkpoint) {
    return checkpoint.state("venue", Saved.class);
  }

  // ---- internal messages: local only (they carry JSON and exceptions)

  private interface Internal extends NoSerializationVerificationNeeded {}

  private record StreamFrame(BinanceWebSocket.Frame frame) implements Internal {}

  private record OrderAnswered(OrderRequest order, int attempt, JsonNode json, Throwable error) implements Internal {}

  private record OrderQueried(OrderRequest order, int attempt, JsonNode json, Throwable error) implements Internal {}

  private record CancelAnswered(String clientOrderId, String symbol, String reason, JsonNode json, Throwable error) implements Internal {}

  private record Reconciled(String clientOrderId, JsonNode order, JsonNode trades, Throwable error) implements Internal {}

  private record OpenOrders(ActorRef<VenueCommand.WorkingOrders> replyTo, JsonNode json, Throwable error) implements Internal {}

  private record KeepAlive() implements Internal {}

  private record RateRead(FeeRates.Need need, Double price, Throwable error) implements Internal {}

  private record RecoverRead(VenueCommand.Recover recover, JsonNode order, Throwable error) implements Internal {}

  private record AdoptRead(VenueCommand.Adopt adopt, JsonNode order, JsonNode trades, Throwable error) implements Internal {}

  private record StreamEnded(Throwable error) implements Internal {}

  /** An order Troupe sent: what the reconciliation and cancels need to know. */
  private record Known(OrderRequest order, boolean done) {
    Known ended() {
      return new Known(order, true);
    }
  }

  private static final class Running {
    private final ActorContext<Object> ctx;
    private final StashBuffer<Object> beforeConnect;
    private final TimerScheduler<Object> timers;
    private final BinanceRestClient client;
    private final Map<String, Known> orders = new LinkedHashMap<>();
    /** Fees in a third asset: the prices they are converted at. */
    private final FeeRates feeRates = new FeeRates();
    /**
     * Reports ready for the order manager, in the order they were made, each with the venue time it was made at; the
     * first waits while a fill of it waits for its fee's price (those after it wait behind it, so the order holds).
     */
    private final java.util.ArrayDeque<Map.Entry<Long, List<ExecutionReport>>> outbox = new java.util.ArrayDeque<>();
    private final Set<String> ratesAsked = new HashSet<>();
    /** Orders taken over ({@link VenueCommand.Adopt}): their Troupe id is Binance's client order id. */
    private final Set<String> adopted = new HashSet<>();
    private final Map<String, String> cancelReasons = new LinkedHashMap<>();
    private final Set<String> fillsSent = new HashSet<>();
    private final Set<String> acksSent = new HashSet<>();
    private final Set<String> endsSent = new HashSet<>();
    private final Set<String> eventsSeen = new HashSet<>();
    private final List<ActorRef<VenueCommand.Synced>> waitingSyncs = new ArrayList<>();
    private final List<Long> waitingSyncTimes = new ArrayList<>();
    private final AtomicReference<String> listenKey = new AtomicReference<>();
    private final ActorRef<Object> self;
    private ActorRef<VenueReports> reports;
    private int inFlight;
    private UniqueKillSwitch stream;
    /** The user-data stream has been up once (its queries of the working orders then asked). */
    private boolean connectedOnce;
    private final List<ActorRef<VenueCommand.Connected>> awaitingConnected = new ArrayList<>();

    private final String prefix;

    Running(ActorContext<Object> ctx, StashBuffer<Object> beforeConnect, TimerScheduler<Object> timers, BinanceRestClient client, String prefix) {
      this.prefix = prefix;
      this.ctx = ctx;
      this.beforeConnect = beforeConnect;
      this.timers = timers;
      this.client = client;
      this.self = ctx.getSelf();
    }

    Behavior<Object> start() {
      BinanceSettings s = client.settings();
      stream = BinanceWebSocket.reconnecting(ctx.getSystem(), s, () -> client.syncTime()
              .thenCompose(t -> client.createListenKey())
              .thenApply(key -> {
                listenKey.set(key);
                return s.streamUrl() + "/ws/" + key;
              }))
          .viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.foreach(f -> self.tell(new StreamFrame(f))), Keep.both())
          .mapMaterializedValue(p -> {
            p.second().whenComplete((done, error) -> self.tell(new StreamEnded(error)));
            return p.first();
          })
          .run(ctx.getSystem());
      timers.startTimerWithFixedDelay(new KeepAlive(), s.listenKeyKeepAlive());
      return behavior();
    }

    private Behavior<Object> behavior() {
      return Behaviors.receive(Object.class)
          .onMessage(VenueCommand.Connect.class, c -> {
            reports = c.reports();
            return beforeConnect.unstashAll(behavior());
          })
          .onMessage(VenueCommand.class, c -> {
            if (reports == null && !(c instanceof VenueCommand.CaptureState)) {
              beforeConnect.stash(c);
              return Behaviors.same();
            }
            onCommand(c);
            return Behaviors.same();
          })
          .onMessage(Internal.class, m -> {
            onInternal(m);
            settle();
            return Behaviors.same();
          })
          .onSignal(org.apache.pekko.actor.typed.PostStop.class, sig -> {
            if (stream != null) stream.shutdown();
            return Behaviors.same();
          })
          .build();
    }

    private void onCommand(VenueCommand c) {
      long now = System.currentTimeMillis();
      if (c instanceof VenueCommand.Send s) {
        for (CancelRequest cancel : s.cancels()) cancel(cancel.clientOrderId(), cancel.reason(), now);
        for (ModifyRequest m : s.modifies()) {
          Known k = orders.get(m.clientOrderId());
          report(List.of(new ExecutionReport.CancelRejected(m.clientOrderId(), k == null ? "" : k.order().symbol(), now, "modify_not_supported")));
        }
        for (OrderRequest o : s.orders()) {
          if (orders.containsKey(o.clientOrderId())) continue; // sent before: Binance already has it or is telling us
          orders.put(o.clientOrderId(), new Known(o, false));
          submit(o, 0);
        }
      } else if (c instanceof VenueCommand.Match m) {
        if (m.replyTo() != null) m.replyTo().tell(new VenueCommand.Matched(m.time(), true));
      } else if (c instanceof VenueCommand.Sync s) {
        if (inFlight == 0 && outbox.isEmpty()) s.replyTo().tell(new VenueCommand.Synced(s.time()));
        else {
          waitingSyncs.add(s.replyTo());
          waitingSyncTimes.add(s.time());
        }
      } else if (c instanceof VenueCommand.CancelAll all) {
        for (Known k : List.copyOf(orders.values())) if (!k.done()) cancel(k.order().clientOrderId(), all.reason(), now);
      } else if (c instanceof VenueCommand.AwaitConnected a) {
        awaitingConnected.add(a.replyTo());
        tellConnected();
      } else if (c instanceof VenueCommand.GetWorkingOrders g) {
        client.openOrders(null).whenComplete((json, error) -> self.tell(new OpenOrders(g.replyTo(), json, error)));
      } else if (c instanceof VenueCommand.CaptureState cs) {
        // A real venue keeps its own state; the checkpoint records the orders still working, which a restored venue
        // queries again (restore).
        ArrayList<OrderRequest> working = new ArrayList<>();
        List<String> adoptedWorking = new ArrayList<>();
        for (Known k : orders.values()) {
          if (k.done()) continue;
          working.add(k.order());
          if (adopted.contains(k.order().clientOrderId())) adoptedWorking.add(k.order().clientOrderId());
        }
        cs.replyTo().tell(new AgentState("venue", StateCodec.encode(new Saved(working, adoptedWorking))));
      } else if (c instanceof VenueCommand.Recover r) {
        inFlight++;
        client.queryOrder(r.symbol(), venueId(r.orderId())).whenComplete((json, error) -> self.tell(new RecoverRead(r, json, error)));
      } else if (c instanceof VenueCommand.Adopt a) {
        // The order and its trades so far: those are someone else's, never reported; what is left is followed.
        inFlight++;
        client.queryOrder(a.symbol(), a.venueOrderId())
            .thenCompose(order -> BinanceRestClient.number(order, "executedQty") <= 0
                ? java.util.concurrent.CompletableFuture.completedFuture(new JsonNode[] {order, null})
                : client.orderTrades(a.symbol(), order.path("orderId").asLong()).thenApply(trades -> new JsonNode[] {order, trades}))
            .whenComplete((pair, error) -> self.tell(error != null ? new AdoptRead(a, null, null, error) : new AdoptRead(a, pair[0], pair[1], null)));
      }
    }

    private void submit(OrderRequest o, int attempt) {
      inFlight++;
      var params = new java.util.LinkedHashMap<>(BinanceOrders.newOrderParams(o, venueId(o.clientOrderId())));
      if (client.market() == BinanceMarket.USDM) {
        BinanceOrders.asFutures(params);
        // Futures know reduce-only (a protective exit never opens the other way); spot has no such flag.
        if (o.reduceOnly()) params.put("reduceOnly", "true");
      }
      client.newOrder(params).whenComplete((json, error) -> self.tell(new OrderAnswered(o, attempt, json, error)));
    }

    private void query(OrderRequest o, int attempt) {
      inFlight++;
      client.queryOrder(o.symbol(), venueId(o.clientOrderId())).whenComplete((json, error) -> self.tell(new OrderQueried(o, attempt, json, error)));
    }

    private void cancel(String id, String reason, long now) {
      Known k = orders.get(id);
      if (k == null) {
        report(List.of(new ExecutionReport.CancelRejected(id, "", now, "unknown_order")));
        return;
      }
      cancelReasons.putIfAbsent(id, reason);
      inFlight++;
      String symbol = k.order().symbol();
      client.cancelOrder(symbol, venueId(id)).whenComplete((json, error) -> self.tell(new CancelAnswered(id, symbol, reason, json, error)));
    }

    private void onInternal(Object m) {
      long now = System.currentTimeMillis();
      if (m instanceof OrderAnswered a) {
        done();
        Throwable e = cause(a.error());
        if (e == null) {
          report(fromVenue(BinanceOrders.fromOrder(a.json(), now, cancelReasons.get(a.order().clientOrderId()))));
          // Filled beyond what the answer lists (futures lists no fills): the trades, with their ids, by query.
          if (BinanceOrders.unlistedFills(a.json()) > 1e-12) reconcile(a.order());
        } else if (e instanceof BinanceApiException b && b.venueMessage().toLowerCase().contains("duplicate order")) {
          query(a.order(), a.attempt()); // sent before (a resend): take the order Binance has
        } else if (e instanceof BinanceApiException b) {
          report(List.of(new ExecutionReport.Rejected(a.order().clientOrderId(), a.order().symbol(), now, BinanceOrders.rejectReason(b))));
        } else {
          ctx.getLog().warn("order {}: {}; asking Binance whether it has it", a.order().clientOrderId(), e.getMessage());
          query(a.order(), a.attempt());
        }
      } else if (m instanceof OrderQueried q) {
        done();
        Throwable e = cause(q.error());
        if (e == null) {
          adopt(q.order(), q.json(), now);
        } else if (e instanceof BinanceApiException b && b.code() == BinanceApiException.NO_SUCH_ORDER && q.attempt() < client.settings().maxRetries()) {
          submit(q.order(), q.attempt() + 1); // Binance never got it: the same id again
        } else if (e instanceof BinanceApiException b && b.code() == BinanceApiException.NO_SUCH_ORDER) {
          report(List.of(new ExecutionReport.Rejected(q.order().clientOrderId(), q.order().symbol(), now, "no_answer")));
        } else if (q.attempt() < client.settings().maxRetries()) {
          query(q.order(), q.attempt() + 1);
        } else {
          // Still unknown: it stays known, so the next reconnection of the stream (or a query) settles it.
          ctx.getLog().warn("order {}: its state at Binance is unknown after {} queries: {}", q.order().clientOrderId(), q.attempt() + 1, e.getMessage());
        }
      } else if (m instanceof CancelAnswered c) {
        done();
        Throwable e = cause(c.error());
        if (e == null) {
          List<ExecutionReport> out = new ArrayList<>();
          for (ExecutionReport r : fromVenue(BinanceOrders.fromOrder(c.json(), now, c.reason()))) if (!(r instanceof ExecutionReport.Ack)) out.add(r);
          report(out);
        } else if (e instanceof BinanceApiException b) {
          report(List.of(new ExecutionReport.CancelRejected(c.clientOrderId(), c.symbol(), now, BinanceOrders.rejectReason(b))));
        } else {
          // Unknown whether it was cancelled: ask, so the order's true state is reported.
          Known k = orders.get(c.clientOrderId());
          if (k != null) reconcile(k.order());
        }
      } else if (m instanceof Reconciled r) {
        done();
        if (r.error() != null) {
          ctx.getLog().warn("order {}: reconciliation query failed: {}", r.clientOrderId(), cause(r.error()).getMessage());
        } else {
          List<ExecutionReport> out = new ArrayList<>();
          out.add(new ExecutionReport.Ack(r.clientOrderId(), r.order().path("symbol").asText(), r.order().path("updateTime").asLong(now)));
          if (r.trades() != null) out.addAll(BinanceOrders.fromTrades(r.clientOrderId(), BinanceRestClient.number(r.order(), "origQty"), r.trades()));
          out.addAll(BinanceOrders.ending(r.order().path("status").asText(), r.clientOrderId(), r.order().path("symbol").asText(),
              r.order().path("updateTime").asLong(now), cancelReasons.get(r.clientOrderId())));
          report(out);
        }
      } else if (m instanceof RateRead r) {
        inFlight--;
        ratesAsked.remove(r.need().key());
        if (r.error() != null) {
          ctx.getLog().warn("fee price {}: {}", r.need().symbol(), cause(r.error()).getMessage());
        }
        feeRates.answered(r.need(), r.error() != null || r.price() == null ? Double.NaN : r.price(), venueNow());
        pump();
      } else if (m instanceof RecoverRead r) {
        done();
        onRecoverRead(r, now);
      } else if (m instanceof AdoptRead a) {
        done();
        onAdoptRead(a, now);
      } else if (m instanceof StreamFrame f) {
        onFrame(f.frame());
      } else if (m instanceof OpenOrders o) {
        List<String> ids = new ArrayList<>();
        if (o.json() != null) for (JsonNode n : o.json()) {
          String id = troupeId(n.path("clientOrderId").asText());
          if (id != null) ids.add(id);
        }
        else ctx.getLog().warn("open orders: {}", cause(o.error()).getMessage());
        o.replyTo().tell(new VenueCommand.WorkingOrders(ids));
      } else if (m instanceof KeepAlive k) {
        String key = listenKey.get();
        if (key != null) client.keepAliveListenKey(key).whenComplete((x, e) -> {
          if (e != null) LOG.warn("user-data stream keep-alive failed: {}", cause(e).getMessage());
        });
      } else if (m instanceof StreamEnded s) {
        if (s.error() != null) ctx.getLog().warn("user-data stream ended: {}", cause(s.error()).getMessage());
      } else {
        ctx.getLog().warn("unexpected message {}", m.getClass().getSimpleName());
      }
    }

    private void onFrame(BinanceWebSocket.Frame frame) {
      if (frame instanceof BinanceWebSocket.Frame.Connected c) {
        if (c.connection() > 1) ctx.getLog().info("user-data stream reconnected (connection {}); querying the orders still working", c.connection());
        for (Known k : List.copyOf(orders.values())) if (!k.done()) reconcile(k.order());
        connectedOnce = true;
        tellConnected();
        return;
      }
      JsonNode json;
      try {
        json = BinanceRestClient.JSON.readTree(((BinanceWebSocket.Frame.Text) frame).text());
      } catch (java.io.IOException e) {
        ctx.getLog().warn("user-data stream: a message that is not JSON, ignored");
        return;
      }
      JsonNode event = json.has("event") ? json.path("event") : json; // the WebSocket API's wrapping, or a listen key's bare event
      if ("ORDER_TRADE_UPDATE".equals(event.path("e").asText())) event = event.path("o"); // futures: the same fields inside "o"
      else if (!"executionReport".equals(event.path("e").asText())) return;
      if (!eventsSeen.add(BinanceOrders.eventKey(event))) return; // a duplicate
      String id = troupeId(BinanceOrders.orderIdOf(event));
      if (id == null || !orders.containsKey(id)) return; // not this session's order (another client on the account)
      report(fromVenue(BinanceOrders.fromExecutionReport(event, cancelReasons.get(id))));
    }

    /** The order's state and trades at Binance, reported (each fill once, by its trade id). */
    private void reconcile(OrderRequest o) {
      inFlight++;
      client.queryOrder(o.symbol(), venueId(o.clientOrderId()))
          .thenCompose(order -> {
            if (BinanceRestClient.number(order, "executedQty") <= 0) return java.util.concurrent.CompletableFuture.completedFuture(new JsonNode[] {order, null});
            return client.orderTrades(o.symbol(), order.path("orderId").asLong()).thenApply(trades -> new JsonNode[] {order, trades});
          })
          .whenComplete((pair, error) -> self.tell(error != null
              ? new Reconciled(o.clientOrderId(), null, null, error)
              : new Reconciled(o.clientOrderId(), pair[0], pair[1], null)));
    }

    private void adopt(OrderRequest o, JsonNode order, long now) {
      if (BinanceRestClient.number(order, "executedQty") > 0) {
        reconcile(o); // its fills come with their trade ids
      } else {
        report(fromVenue(BinanceOrders.fromOrder(order, now, cancelReasons.get(o.clientOrderId()))));
      }
    }

    /** One of this session's own orders, sent by a step that never completed: followed again, and everything of it reported. */
    private void onRecoverRead(RecoverRead r, long now) {
      String id = r.recover().orderId();
      if (r.error() != null) {
        r.recover().replyTo().tell(new VenueCommand.TakenOver(null, List.of(), "Binance: GET /api/v3/order: " + cause(r.error()).getMessage()));
        return;
      }
      OrderRequest order = BinanceOrders.asRequest(r.order(), id, BinanceRestClient.number(r.order(), "origQty"), r.order().path("time").asLong(now));
      if (order == null) {
        r.recover().replyTo().tell(new VenueCommand.TakenOver(null, List.of(), "a " + r.order().path("type").asText() + " order cannot be followed"));
        return;
      }
      if (!orders.containsKey(id)) orders.put(id, new Known(order, false));
      reconcile(order); // its state and trades, each fill once by its trade id
      r.recover().replyTo().tell(new VenueCommand.TakenOver(order, List.of(), null));
    }

    private void onAdoptRead(AdoptRead a, long now) {
      String id = a.adopt().venueOrderId();
      if (a.error() != null) {
        a.adopt().replyTo().tell(new VenueCommand.TakenOver(null, List.of(), "Binance: GET /api/v3/order: " + cause(a.error()).getMessage()));
        return;
      }
      List<String> prior = new ArrayList<>();
      double filled = 0;
      if (a.trades() != null) {
        for (JsonNode t : a.trades()) {
          prior.add(BinanceOrders.fillId(t.path("symbol").asText(), t.path("id").asLong()));
          filled += BinanceRestClient.number(t, "qty");
        }
      }
      // What is left by the trades read (a trade between the two reads is in both, or in neither).
      OrderRequest order = BinanceOrders.adoptable(a.order(), BinanceRestClient.number(a.order(), "origQty") - filled, a.order().path("time").asLong(now));
      if (order == null) {
        a.adopt().replyTo().tell(new VenueCommand.TakenOver(null, prior, "a " + a.order().path("type").asText() + " order that is "
            + a.order().path("status").asText() + " cannot be adopted"));
        return;
      }
      if (orders.containsKey(id) || id.startsWith(prefix)) {
        a.adopt().replyTo().tell(new VenueCommand.TakenOver(null, prior, "the venue follows an order " + id + " already"));
        return;
      }
      adopted.add(id);
      fillsSent.addAll(prior);
      orders.put(id, new Known(order, false));
      a.adopt().replyTo().tell(new VenueCommand.TakenOver(order, prior, null));
    }

    private String venueId(String troupeId) {
      return adopted.contains(troupeId) ? troupeId : prefix + troupeId;
    }

    /** Troupe's id of a venue id; null when it lacks this session's prefix (and is not an adopted order's). */
    private String troupeId(String venueId) {
      if (adopted.contains(venueId)) return venueId;
      return venueId.startsWith(prefix) ? venueId.substring(prefix.length()) : null;
    }

    private List<ExecutionReport> fromVenue(List<ExecutionReport> reports) {
      return BinanceOrders.renamed(reports, this::troupeId);
    }

    /** Once the stream has been up and nothing is in flight (its queries answered), those waiting are told. */
    private void tellConnected() {
      if (!connectedOnce || inFlight > 0 || !outbox.isEmpty() || awaitingConnected.isEmpty()) return;
      for (ActorRef<VenueCommand.Connected> a : awaitingConnected) a.tell(new VenueCommand.Connected());
      awaitingConnected.clear();
    }

    private void done() {
      inFlight--;
    }

    /** After each answer: those waiting for the venue to settle, or for a sync, are told once nothing is in flight or waiting. */
    private void settle() {
      tellConnected();
      if (inFlight == 0 && outbox.isEmpty() && !waitingSyncs.isEmpty()) {
        for (int i = 0; i < waitingSyncs.size(); i++) waitingSyncs.get(i).tell(new VenueCommand.Synced(waitingSyncTimes.get(i)));
        waitingSyncs.clear();
        waitingSyncTimes.clear();
      }
    }

    /** Sends what is new to the order manager: a fill, an ack or an order's end once each. */
    private void report(List<ExecutionReport> candidates) {
      List<ExecutionReport> out = new ArrayList<>();
      for (ExecutionReport r : candidates) {
        boolean fresh;
        if (r instanceof ExecutionReport.Fill f) fresh = fillsSent.add(f.fillId());
        else if (r instanceof ExecutionReport.Ack) fresh = acksSent.add(r.clientOrderId());
        else if (r instanceof ExecutionReport.Canceled || r instanceof ExecutionReport.Expired || r instanceof ExecutionReport.Rejected) fresh = endsSent.add(r.clientOrderId());
        else fresh = true;
        if (!fresh) continue;
        out.add(r);
        if (r instanceof ExecutionReport.Canceled || r instanceof ExecutionReport.Expired || r instanceof ExecutionReport.Rejected
            || (r instanceof ExecutionReport.Fill f && f.remaining() <= 1e-12)) {
          orders.computeIfPresent(r.clientOrderId(), (id, k) -> k.ended());
        }
      }
      if (out.isEmpty() || reports == null) return;
      outbox.add(Map.entry(venueNow(), out));
      pump();
    }

    /** Binance's clock: the local one with the offset learned from its time. */
    private long venueNow() {
      return System.currentTimeMillis() + client.clockOffsetMillis();
    }

    /** Sends what is ready, in order: a batch whose fees in a third asset have their prices (or none to be had). */
    private void pump() {
      while (!outbox.isEmpty()) {
        var head = outbox.peek();
        long at = head.getKey();
        boolean ready = true;
        for (ExecutionReport r : head.getValue()) {
          if (!(r instanceof ExecutionReport.Fill f)) continue;
          FeeRates.Need need = feeRates.need(f, at);
          if (need == null) continue;
          ready = false;
          if (ratesAsked.add(need.key())) askRate(need);
        }
        if (!ready) return;
        outbox.poll();
        List<ExecutionReport> converted = new ArrayList<>(head.getValue().size());
        for (ExecutionReport r : head.getValue()) {
          if (r instanceof ExecutionReport.Fill f && FeeRates.pending(f)) {
            ExecutionReport.Fill c = feeRates.convert(f, at);
            if (!c.charged().converted()) {
              ctx.getLog().warn("fill {} of {}: its fee of {} {} is not converted: Binance gave no price of {}{}; counted as 0 {} (journaled as charged)",
                  c.fillId(), c.clientOrderId(), c.charged().amount(), c.charged().asset(), c.charged().asset(),
                  BinanceOrders.quoteOf(c.symbol(), c.charged().asset()), BinanceOrders.quoteOf(c.symbol(), c.charged().asset()));
            }
            converted.add(c);
          } else {
            converted.add(r);
          }
        }
        reports.tell(new VenueReports(converted));
      }
    }

    private void askRate(FeeRates.Need need) {
      inFlight++;
      java.util.concurrent.CompletionStage<Double> price = need.minute() == 0 ? client.tickerPrice(need.symbol())
          : client.klines(need.symbol(), "1m", need.minute(), need.minute() + 59_999, 1)
              .thenApply(k -> k.size() > 0 ? Double.parseDouble(k.get(0).get(4).asText()) : Double.NaN);
      price.whenComplete((p, error) -> self.tell(new RateRead(need, p, error)));
    }

    private static Throwable cause(Throwable t) {
      while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
      return t;
    }
  }
}
