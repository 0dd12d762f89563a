package io.troupe.app.http;

import com.typesafe.config.Config;
import io.troupe.app.cluster.ClusterView;
import io.troupe.app.http.ApiTokens.Caller;
import io.troupe.app.http.ApiTokens.Role;
import io.troupe.app.paper.OperatorControl;
import io.troupe.app.paper.SessionControls;
import io.troupe.app.paper.SessionObserver;
import io.troupe.app.report.MinMaxDownsampler;
import io.troupe.desk.DeskCommand;
import io.troupe.model.EquityPoint;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderStatus;
import io.troupe.model.Position;
import io.troupe.model.RoundTrip;
import io.troupe.order.OrderManagerCommand;
import io.troupe.performance.PerformanceCommand;
import io.troupe.position.PositionCommand;
import io.troupe.risk.RiskCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The operator's API under {@code /api/v1}: reads answered from the {@link SessionView} or by asking an agent with a
 * short bound, controls queued for the session's next step boundary ({@link SessionControls}). Every route checks
 * the bearer token first: no token or a wrong one 401, a viewer's on a control 403, before any body is read.
 */
final class ApiRoutes extends AllDirectives {

  /** Every route, as the OpenAPI description lists it (a test holds the two together). */
  static final List<String> ROUTES = List.of(
      "GET /api/v1/openapi.json", "GET /api/v1/whoami", "GET /api/v1/status", "GET /api/v1/positions", "GET /api/v1/orders", "GET /api/v1/fills",
      "GET /api/v1/trades", "GET /api/v1/equity", "GET /api/v1/regimes", "GET /api/v1/risk", "GET /api/v1/specialists",
      "GET /api/v1/cluster", "GET /api/v1/events", "POST /api/v1/halt", "POST /api/v1/resume", "POST /api/v1/kill", "POST /api/v1/reducing",
      "POST /api/v1/flatten", "POST /api/v1/orders/{id}/cancel", "POST /api/v1/orders/cancel-all", "POST /api/v1/orders/{id}/modify",
      "POST /api/v1/desks/{symbol}/specialists", "GET /metrics");

  private final SessionView view;
  private final SessionControls controls;
  private final ApiTokens tokens;
  private final Config config;
  private final Scheduler scheduler;
  private final Executor executor;
  private final Duration askTimeout;
  private final Duration controlWait;
  private final byte[] openApi;

  ApiRoutes(SessionView view, SessionControls controls, ApiTokens tokens, Config config, Scheduler scheduler, Executor executor, byte[] openApi) {
    this.view = view;
    this.controls = controls;
    this.tokens = tokens;
    this.config = config;
    this.scheduler = scheduler;
    this.executor = executor;
    this.askTimeout = config.getDuration("troupe.http.ask-timeout");
    this.controlWait = config.getDuration("troupe.http.control-wait");
    this.openApi = openApi;
  }

  Route routes() {
    return pathPrefix("api", () -> pathPrefix("v1", () -> concat(
        get(() -> concat(
            path("openapi.json", () -> as(Role.VIEWER, c -> complete(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, openApi)))),
            path("whoami", () -> as(Role.VIEWER, c -> complete(json(200, whoami(c))))),
            path("status", () -> as(Role.VIEWER, c -> complete(json(200, status())))),
            path("positions", () -> as(Role.VIEWER, c -> live(l -> complete(json(200, positions()))))),
            path("orders", () -> as(Role.VIEWER, c -> query("final", 50, 0, 10_000, n -> live(l -> orders(l, n))))),
            path("fills", () -> as(Role.VIEWER, c -> longQuery("since", 0, since -> query("limit", 1000, 1, 10_000, n -> complete(json(200, fills(since, n))))))),
            path("trades", () -> as(Role.VIEWER, c -> query("limit", 100, 1, 100_000, n -> live(l -> trades(l, n))))),
            path("equity", () -> as(Role.VIEWER, c -> equity())),
            path("regimes", () -> as(Role.VIEWER, c -> live(this::regimes))),
            path("risk", () -> as(Role.VIEWER, c -> query("vetoes", 50, 0, 10_000, n -> live(l -> risk(l, n))))),
            path("specialists", () -> as(Role.VIEWER, c -> live(this::specialists))),
            path("cluster", () -> as(Role.VIEWER, c -> live(this::cluster))),
            path("events", () -> as(Role.VIEWER, c -> events())))),
        post(() -> concat(
            path("halt", () -> control(Set.of("flatten"), (b, c) -> {
              Boolean flatten = b.bool("flatten");
              return done(OperatorControl.halt(flatten != null ? flatten : config.getBoolean("troupe.risk.flatten-on-halt")));
            })),
            path("resume", () -> control(Set.of(), (b, c) -> done(OperatorControl.of(OperatorControl.Action.RESUME)))),
            path("kill", () -> control(Set.of(), (b, c) -> done(OperatorControl.of(OperatorControl.Action.KILL)))),
            path("reducing", () -> control(Set.of(), (b, c) -> done(OperatorControl.of(OperatorControl.Action.REDUCING)))),
            path("flatten", () -> control(Set.of("symbol"), (b, c) -> {
              String symbol = b.text("symbol");
              if (symbol != null && !c.desks().containsKey(symbol)) {
                return CompletableFuture.completedFuture(new Checked(null, json(404, ApiJson.error("unknown symbol '" + symbol + "'; the session trades "
                    + String.join(", ", new TreeMap<>(c.desks()).keySet()), "symbol"))));
              }
              return done(OperatorControl.flatten(symbol));
            })),
            pathPrefix("orders", () -> concat(
                path("cancel-all", () -> control(Set.of(), (b, c) -> done(OperatorControl.of(OperatorControl.Action.CANCEL_ALL)))),
                pathPrefix(PathMatchers.segment(), id -> concat(
                    path("cancel", () -> control(Set.of(), (b, c) -> workingOrder(c, id).thenApply(o -> o.response() != null ? o.asChecked()
                        : new Checked(OperatorControl.cancel(id), null)))),
                    path("modify", () -> control(Set.of("quantity", "limit_price", "stop_price"), (b, c) -> {
                      Double quantity = b.positive("quantity");
                      Double limit = b.positive("limit_price");
                      Double stop = b.positive("stop_price");
                      if (quantity == null && limit == null && stop == null) {
                        throw new ControlBody.Refused("give at least one of quantity, limit_price, stop_price", "quantity");
                      }
                      return workingOrder(c, id).thenApply(o -> o.response() != null ? o.asChecked()
                          // The journal holds the quantity itself: a replay must not depend on the order's state then.
                          : new Checked(OperatorControl.modify(id, quantity != null ? quantity : o.order().quantity() - o.order().filledQuantity(), limit, stop), null));
                    })))))),
            pathPrefix("desks", () -> pathPrefix(PathMatchers.segment(), symbol -> path("specialists", () -> control(SwapRequest.FIELDS, (b, c) -> {
              OperatorControl swap = SwapRequest.parse(b, symbol);
              if (!c.desks().containsKey(symbol)) {
                return CompletableFuture.completedFuture(new Checked(null, json(404, ApiJson.error("unknown desk '" + symbol + "'; the session trades "
                    + String.join(", ", new TreeMap<>(c.desks()).keySet()), "symbol"))));
              }
              return done(swap);
            })))))))));
  }

  /**
   * Routes served beside the API (the session's metrics), behind the same tokens: a viewer's token reads them (a
   * Prometheus server sends it as its bearer token); without tokens the server is on localhost only anyway.
   */
  Route guarded(List<Route> extra) {
    Route first = extra.get(0);
    Route[] rest = extra.subList(1, extra.size()).toArray(new Route[0]);
    return as(Role.VIEWER, c -> rest.length == 0 ? first : concat(first, rest));
  }

  // ---- authentication ----

  private Route as(Role needed, Function<Caller, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> {
      if (tokens.isEmpty()) {
        if (needed == Role.OPERATOR) {
          return complete(json(403, ApiJson.error("no tokens are configured, so the API is read-only: start the session with --tokens FILE for controls")));
        }
        return inner.apply(new Caller("anonymous", Role.VIEWER));
      }
      Optional<Caller> caller = header.flatMap(ApiRoutes::bearer).flatMap(tokens::authenticate);
      if (caller.isEmpty()) {
        return complete(json(401, ApiJson.error(header.isEmpty() ? "no token: send Authorization: Bearer TOKEN" : "the token is not valid"))
            .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"troupe\"")));
      }
      if (!caller.get().role().allows(needed)) {
        return complete(json(403, ApiJson.error("the token '" + caller.get().name() + "' is a viewer's: controls need an operator's")));
      }
      return inner.apply(caller.get());
    });
  }

  private static Optional<String> bearer(String header) {
    String h = header.strip();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
    return Optional.of(h.substring(7).strip());
  }

  // ---- reads ----

  /** Who the token says the caller is, and whether the controls are theirs (the dashboard hides them otherwise). */
  private Map<String, Object> whoami(Caller caller) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", caller.name());
    m.put("role", caller.role().name().toLowerCase(java.util.Locale.ROOT));
    m.put("controls", !tokens.isEmpty() && caller.role().allows(Role.OPERATOR));
    m.put("tokens_configured", !tokens.isEmpty());
    return m;
  }

  private Route live(Function<SessionObserver.Live, Route> inner) {
    SessionObserver.Live l = view.live();
    if (l == null) return complete(json(503, ApiJson.error("the session is not live yet (recovering or replaying); try again shortly")));
    return inner.apply(l);
  }

  private Map<String, Object> status() {
    SessionView.StepState last = view.last();
    SessionView.State state = view.state();
    SessionObserver.Live l = view.live();
    Instant started = view.startedAt();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("session_id", l == null ? null : l.sessionId());
    m.put("phase", view.phase().name().toLowerCase(java.util.Locale.ROOT));
    m.put("trading_state", state.state().name());
    m.put("trading_state_reason", state.reason());
    // Not a trading state: while the journal reconnects no step runs, and the risk supervisor's state is left alone.
    Instant journalDown = view.journalDownSince();
    m.put("journal", journalDown == null ? "ok" : "reconnecting");
    m.put("journal_down_since", journalDown == null ? null : journalDown.toString());
    // The data-stall rule (troupe.alerts.data-stall-timeframes): "stalled" while no bar has come for that long.
    long stalled = view.dataStalledMillis();
    m.put("data", stalled < 0 ? "ok" : "stalled");
    m.put("data_stalled_seconds", stalled < 0 ? null : stalled / 1000.0);
    // Boxed on purpose: a ternary of long and Long unboxes, and before the session is live both are null.
    m.put("step", last != null ? Long.valueOf(last.step()) : l == null ? null : Long.valueOf(l.completedSteps()));
    m.put("steps", last != null ? Long.valueOf(last.totalSteps()) : l == null ? null : Long.valueOf(l.totalSteps()));
    m.put("time", last == null ? null : ApiJson.time(last.time()));
    m.put("data_lag_seconds", last == null ? null : (System.currentTimeMillis() - last.wallMillis()) / 1000.0);
    m.put("equity", last == null || last.account() == null ? null : last.account().equity());
    m.put("cash", last == null || last.account() == null ? null : last.account().cash());
    m.put("exposure", last == null || last.account() == null ? null : last.account().exposure());
    m.put("drawdown", last == null ? null : ApiJson.drawdown(last));
    m.put("open_positions", last == null || last.account() == null ? 0 : last.account().positions().values().stream().filter(p -> !p.isFlat()).count());
    m.put("started_at", started.toString());
    m.put("uptime_seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    return m;
  }

  private Map<String, Object> positions() {
    SessionView.StepState last = view.last();
    List<Object> out = new ArrayList<>();
    if (last != null && last.account() != null) {
      for (Position p : new TreeMap<>(last.account().positions()).values()) if (!p.isFlat()) out.add(ApiJson.position(p));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", last == null ? null : ApiJson.time(last.time()));
    m.put("positions", out);
    return m;
  }

  private Route orders(SessionObserver.Live l, int finalCount) {
    return reply(ask(l.agents().orders(), OrderManagerCommand.GetOrders::new, "the order manager"), list -> {
      List<Object> working = new ArrayList<>();
      List<OrderRecord> ended = new ArrayList<>();
      for (OrderRecord o : list.orders()) {
        if (OrderStatus.valueOf(o.status()).isFinal()) ended.add(o);
        else working.add(ApiJson.order(o));
      }
      ended.sort(Comparator.comparingLong(OrderRecord::updatedAt).thenComparing(OrderRecord::orderId));
      List<Object> recent = new ArrayList<>();
      for (OrderRecord o : ended.subList(Math.max(0, ended.size() - finalCount), ended.size())) recent.add(ApiJson.order(o));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("working", working);
      m.put("final", recent);
      m.put("final_total", ended.size());
      return json(200, m);
    });
  }

  private Map<String, Object> fills(long since, int limit) {
    List<Object> out = new ArrayList<>();
    for (SessionView.SeenFill f : view.fillsSince(since, limit)) out.add(ApiJson.fill(f));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("last_seq", view.lastFillSeq());
    m.put("fills", out);
    return m;
  }

  private Route trades(SessionObserver.Live l, int limit) {
    return reply(ask(l.agents().positions(), PositionCommand.GetResults::new, "the position monitor"), r -> {
      List<RoundTrip> all = r.trades();
      List<Object> out = new ArrayList<>();
      for (RoundTrip t : all.subList(Math.max(0, all.size() - limit), all.size())) out.add(ApiJson.trade(t));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("total", all.size());
      m.put("trades", out);
      return json(200, m);
    });
  }

  private Route equity() {
    return parameterOptional("from", from -> parameterOptional("to", to -> query("max_points", 500, 6, 100_000, max -> {
      long fromMs;
      long toMs;
      try {
        fromMs = from.map(t -> Instant.parse(t).toEpochMilli()).orElse(Long.MIN_VALUE);
        toMs = to.map(t -> Instant.parse(t).toEpochMilli()).orElse(Long.MAX_VALUE);
      } catch (DateTimeParseException e) {
        return complete(json(400, ApiJson.error("'from' and 'to' are ISO-8601 instants, e.g. 2022-01-02T00:00:00Z; got '" + e.getParsedString() + "'",
            from.isPresent() && from.get().equals(e.getParsedString()) ? "from" : "to")));
      }
      return live(l -> reply(ask(l.agents().positions(), PositionCommand.GetResults::new, "the position monitor"), r -> {
        List<EquityPoint> window = new ArrayList<>();
        for (EquityPoint p : r.equity()) if (p.time() >= fromMs && p.time() <= toMs) window.add(p);
        List<Object> out = new ArrayList<>();
        for (EquityPoint p : MinMaxDownsampler.sample(window, max, EquityPoint::equity)) out.add(ApiJson.equity(p));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points_in_range", window.size());
        m.put("points", out);
        return json(200, m);
      }));
    })));
  }

  private Route regimes(SessionObserver.Live l) {
    return reply(metaStates(l), states -> {
      Map<String, Object> bySymbol = new LinkedHashMap<>();
      for (DeskCommand.MetaState s : states) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regime", s.regime() == null ? null : s.regime().name());
        m.put("active_specialist", s.active());
        bySymbol.put(s.symbol(), m);
      }
      return json(200, Map.of("regimes", bySymbol));
    });
  }

  /**
   * What runs where: every member of the session's cluster, this one included, with its roles, status and desks, and
   * where the account singleton runs; in one process, the one member hosting everything. A member whose listing or
   * answer takes longer than the ask timeout is shown as not answering.
   */
  private Route cluster(SessionObserver.Live l) {
    return reply(ClusterView.of(l.system(), l.agents().desks().keySet(), askTimeout), v -> json(200, v.json()));
  }

  private Route risk(SessionObserver.Live l, int vetoes) {
    return reply(ask(l.agents().risk(), RiskCommand.GetReport::new, "the risk supervisor"), r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("trading_state", r.state().name());
      m.put("trading_state_reason", r.stateReason());
      m.put("limits", snakeCase(config.getConfig("troupe.risk").root().unwrapped()));
      m.put("baselines", ApiJson.baselines(r.baselines()));
      m.put("restrictions", r.baselines().restrictions().stream().map(ApiJson::restriction).toList());
      m.put("vetoes_by_reason", r.vetoesByReason());
      m.put("venue_rejections_by_reason", r.rejectionsByReason());
      m.put("last_vetoes", r.vetoes().subList(Math.max(0, r.vetoes().size() - vetoes), r.vetoes().size()).stream().map(ApiJson::veto).toList());
      return json(200, m);
    });
  }

  private Route specialists(SessionObserver.Live l) {
    CompletionStage<PerformanceCommand.Stats> stats = ask(l.agents().performance(), PerformanceCommand.GetStats::new, "the performance tracker");
    return reply(stats.thenCombine(metaStates(l), (s, metas) -> {
      Map<String, Object> weights = new LinkedHashMap<>();
      for (DeskCommand.MetaState meta : metas) weights.put(meta.symbol(), meta.weights());
      Map<String, Object> cards = new LinkedHashMap<>();
      for (var e : new TreeMap<>(s.bySpecialist()).entrySet()) cards.put(e.getKey(), ApiJson.scorecard(e.getValue()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("specialists", cards);
      m.put("weights", weights);
      return m;
    }).thenCombine(lineups(l), (m, lineups) -> {
      m.put("lineups", lineups);
      return m;
    }), m -> json(200, m));
  }

  /** Each desk's specialists, a hot-swapped one warming up as {@code NAME (shadow)}. */
  private CompletionStage<Map<String, List<String>>> lineups(SessionObserver.Live l) {
    CompletableFuture<Map<String, List<String>>> all = CompletableFuture.completedFuture(new TreeMap<>());
    for (var e : new TreeMap<>(l.agents().desks()).entrySet()) {
      CompletionStage<DeskCommand.Lineup> one = ask(e.getValue(), DeskCommand.GetLineup::new, "the desk of " + e.getKey());
      all = all.thenCombine(one, (map, lineup) -> {
        map.put(lineup.symbol(), lineup.specialists());
        return map;
      });
    }
    return all;
  }

  private CompletionStage<List<DeskCommand.MetaState>> metaStates(SessionObserver.Live l) {
    CompletableFuture<List<DeskCommand.MetaState>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (var e : new TreeMap<>(l.agents().desks()).entrySet()) {
      CompletionStage<DeskCommand.MetaState> one = ask(e.getValue(), DeskCommand.GetMetaState::new, "the desk of " + e.getKey());
      all = all.thenCombine(one, (list, s) -> {
        list.add(s);
        return list;
      });
    }
    return all;
  }

  /**
   * The event stream: the state now, then every event, as {@code text/event-stream} (what Pekko's event-stream
   * marshaller writes, but one chunk a tick rather than one an event: {@link EventHub}).
   */
  private Route events() {
    Source<ByteString, org.apache.pekko.NotUsed> first = Source.single(EventHub.encode(
        ServerSentEvent.create(ApiJson.write(ApiJson.stateEvent(view.phase(), view.state(), view.last())), "state")));
    Source<ByteString, org.apache.pekko.NotUsed> stream = view.phase() == SessionView.Phase.ENDED ? first
        : first.concat(view.events.subscribe()).keepAlive(Duration.ofSeconds(15), () -> HEARTBEAT);
    return complete(HttpResponse.create().withEntity(HttpEntities.createChunked(EVENT_STREAM, stream)));
  }

  private static final ContentType EVENT_STREAM = ContentTypes.create(MediaTypes.TEXT_EVENT_STREAM);
  private static final ByteString HEARTBEAT = EventHub.encode(ServerSentEvent.heartbeat());

  // ---- controls ----

  /** What a control endpoint decided before queueing: the control, or an answer instead of one. */
  record Checked(OperatorControl control, HttpResponse response) {}

  interface ControlParser {
    CompletionStage<Checked> parse(ControlBody body, LiveAgents agents) throws ControlBody.Refused;
  }

  /** The desks of the live session, by symbol (what a control may name). */
  record LiveAgents(SessionObserver.Live live) {
    Map<String, ActorRef<DeskCommand>> desks() {
      return live.agents().desks();
    }
  }

  private static CompletionStage<Checked> done(OperatorControl control) {
    return CompletableFuture.completedFuture(new Checked(control, null));
  }

  private Route control(Set<String> fields, ControlParser parser) {
    return as(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body -> {
      ControlBody parsed;
      String reason;
      try {
        parsed = ControlBody.parse(body, fields);
        reason = parsed.reason();
      } catch (ControlBody.Refused r) {
        return complete(json(400, ApiJson.error(r.getMessage(), r.field)));
      }
      return live(l -> {
        CompletionStage<Checked> checked;
        try {
          checked = parser.parse(parsed, new LiveAgents(l));
        } catch (ControlBody.Refused r) {
          return complete(json(400, ApiJson.error(r.getMessage(), r.field)));
        }
        return completeWithFuture(checked.thenCompose(c -> c.response() != null ? CompletableFuture.completedFuture(c.response())
            : submit(c.control(), caller, reason)).exceptionally(this::failure));
      });
    }));
  }

  /** Queues the control and answers once it took effect, or 202 when the next boundary is further than control-wait. */
  private CompletionStage<HttpResponse> submit(OperatorControl control, Caller caller, String reason) {
    CompletableFuture<SessionControls.Applied> applied = controls.submit(control, caller.name(), reason, System.currentTimeMillis()).toCompletableFuture();
    applied.whenComplete((a, failure) -> {
      if (a != null) view.controlApplied(a);
    });
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("action", control.action().code());
    accepted.put("status", "accepted");
    accepted.put("note", "queued for the session's next step boundary");
    return applied.thenApplyAsync(a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", control.action().code());
      m.put("status", "applied");
      m.put("by", caller.name());
      m.put("after_step", a.afterStep());
      m.put("time", ApiJson.time(a.time()));
      m.put("trading_state", a.state().name());
      m.put("trading_state_reason", a.stateReason());
      if (a.swap() == null) return json(200, m);
      // A swap the desk refused changed nothing (it is journaled all the same: who asked for what, and why).
      m.put("status", a.swap().accepted() ? "applied" : "refused");
      m.put("change", control.swap().change().code());
      m.put("desk", a.swap().symbol());
      m.put("name", a.swap().name());
      m.put(a.swap().accepted() ? "message" : "error", a.swap().message());
      m.put("specialists", a.swap().lineup());
      return json(a.swap().accepted() ? 200 : 409, m);
    }, executor).completeOnTimeout(json(202, accepted), controlWait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private HttpResponse failure(Throwable t) {
    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof SessionControls.NotLive n) return json(503, ApiJson.error(n.getMessage()));
    if (cause instanceof AgentSilent s) return json(503, ApiJson.error(s.getMessage()));
    return json(500, ApiJson.error("internal failure: " + cause.getClass().getSimpleName()));
  }

  /** The order {@code id} if it is working; else a 404 (unknown) or 409 (already final) to answer instead. */
  record WorkingOrder(OrderRecord order, HttpResponse response) {
    Checked asChecked() {
      return new Checked(null, response);
    }
  }

  private CompletionStage<WorkingOrder> workingOrder(LiveAgents agents, String id) {
    return ask(agents.live().agents().orders(), OrderManagerCommand.GetOrders::new, "the order manager").thenApply(list -> {
      for (OrderRecord o : list.orders()) {
        if (!o.orderId().equals(id)) continue;
        if (OrderStatus.valueOf(o.status()).isFinal()) {
          return new WorkingOrder(o, json(409, ApiJson.error("order '" + id + "' is " + o.status() + " already: nothing to change", "id")));
        }
        return new WorkingOrder(o, null);
      }
      return new WorkingOrder(null, json(404, ApiJson.error("no order '" + id + "' in this session", "id")));
    });
  }

  // ---- helpers ----

  /** An agent that did not answer within the bound. */
  static final class AgentSilent extends RuntimeException {
    AgentSilent(String message) {
      super(message, null, false, false);
    }
  }

  private <Q, R> CompletionStage<R> ask(ActorRef<Q> target, Function<ActorRef<R>, Q> message, String who) {
    return AskPattern.ask(target, message::apply, askTimeout, scheduler).exceptionally(t -> {
      throw new AgentSilent(who + " did not answer within " + askTimeout.toMillis() + " ms");
    });
  }

  /** Answers with {@code render} of the reply, encoded on the server's threads, or 503 when the agent was silent. */
  private <R> Route reply(CompletionStage<R> answer, Function<R, HttpResponse> render) {
    return completeWithFuture(answer.thenApplyAsync(render, executor).exceptionally(this::failure));
  }

  private Route query(String name, int fallback, int min, int max, Function<Integer, Route> inner) {
    return parameterOptional(name, text -> {
      if (text.isEmpty()) return inner.apply(fallback);
      try {
        int v = Integer.parseInt(text.get().strip());
        if (v >= min && v <= max) return inner.apply(v);
      } catch (NumberFormatException ignored) {
        // answered below
      }
      return complete(json(400, ApiJson.error("'" + name + "' must be a whole number in [" + min + ", " + max + "], got '" + text.get() + "'", name)));
    });
  }

  private Route longQuery(String name, long fallback, Function<Long, Route> inner) {
    return parameterOptional(name, text -> {
      if (text.isEmpty()) return inner.apply(fallback);
      try {
        long v = Long.parseLong(text.get().strip());
        if (v >= 0) return inner.apply(v);
      } catch (NumberFormatException ignored) {
        // answered below
      }
      return complete(json(400, ApiJson.error("'" + name + "' must be a whole number >= 0, got '" + text.get() + "'", name)));
    });
  }

  static HttpResponse json(int status, Object body) {
    return HttpResponse.create().withStatus(StatusCodes.get(status)).withEntity(ContentTypes.APPLICATION_JSON,
        ApiJson.write(body).getBytes(StandardCharsets.UTF_8));
  }

  /** Configuration keys as JSON names: {@code max-position-pct} as {@code max_position_pct}. */
  @SuppressWarnings("unchecked")
  private static Object snakeCase(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k).replace('-', '_'), snakeCase(x)));
      return out;
    }
    return v;
  }
}
