package io.troupe.gateway.fix;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.StateCodec;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.venue.VenueCommand;
import io.troupe.venue.VenueReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CxlRejReason;
import quickfix.field.LastRptRequested;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgType;
import quickfix.field.OrigClOrdID;
import quickfix.field.RefMsgType;
import quickfix.field.Text;

/**
 * A FIX 4.4 initiator as a venue: the {@link VenueCommand} protocol over one QuickFIX/J session. Orders, cancels and
 * modifies go out as NewOrderSingle, OrderCancelRequest and OrderCancelReplaceRequest; the peer's ExecutionReports,
 * OrderCancelRejects and BusinessMessageRejects come back as Troupe's execution reports, each fill once
 * ({@link FixOrderBook}).
 *
 * <p>The engine keeps the session: logon, heartbeats, reconnects every {@code reconnect-interval}, resend and gap fill,
 * with its message store and log in the state folder, so a venue started again there continues the sequence numbers.
 * The orders the venue sent are written to {@code orders.jsonl} beside them (a line per change) before each goes out. At every logon the
 * venue reconciles first: an OrderStatusRequest for every order it knows to be open (or one OrderMassStatusRequest),
 * and nothing new goes out until each is answered; orders, cancels and modifies sent meanwhile (or while disconnected)
 * wait, in order.
 */
public final class FixVenueActor extends AbstractBehavior<Object> {

  /**
   * @param runTag the run's tag before each order id in its ClOrdIDs (the same when a run resumes; order ids restart
   *     with each run and ClOrdIDs must not); empty for none
   */
  public static Behavior<VenueCommand> create(FixSettings settings, String runTag) {
    return restore(settings, runTag, null);
  }

  /**
   * A venue whose book is a node checkpoint's ({@link VenueCommand.CaptureState}), taken with the order manager's at one
   * cut: what the venue reported since then is reported again from the peer's order status at logon, so an order
   * manager restored from the same checkpoint gets every fill once. {@code saved} null: the book of the order file.
   */
  public static Behavior<VenueCommand> restore(FixSettings settings, String runTag, FixOrderBook.Saved saved) {
    return restore(settings, runTag, saved, false);
  }

  /**
   * {@code adoptOutside}: the orders the mass status shows at the peer that this venue did not send (and that do not
   * carry the run's tag) are taken in and managed: reported to the order manager as {@link ExecutionReport.Adopted},
   * kept in the venue's book, their later fills reported, cancellable like any order.
   */
  public static Behavior<VenueCommand> restore(FixSettings settings, String runTag, FixOrderBook.Saved saved, boolean adoptOutside) {
    return Behaviors.<Object>setup(ctx -> Behaviors.withTimers(timers -> new FixVenueActor(ctx, timers, settings, runTag, saved, adoptOutside))).narrow();
  }

  private record Engine(FixApplication.Event event) implements NoSerializationVerificationNeeded {}

  private record ReconcileTimeout() implements NoSerializationVerificationNeeded {}

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final FixSettings settings;
  private final TimerScheduler<Object> timers;
  private final Path orderFile;
  /** The order file, open for appending: one JSON line per order change, the last line of an order wins. */
  private final java.io.BufferedWriter orderLog;
  private final FixOrderBook book;
  private final SessionID sessionId;
  private final SocketInitiator initiator;

  private ActorRef<VenueReports> reports;
  private final List<ExecutionReport> beforeConnect = new ArrayList<>();
  private boolean loggedOn;
  /** The orders whose status is still to come before new orders may go out; null when not reconciling. */
  private Set<String> awaiting;
  /** Asked to be told once logged on and reconciled ({@link VenueCommand.AwaitConnected}). */
  private final List<ActorRef<VenueCommand.Connected>> awaitingConnected = new ArrayList<>();
  private String massStatusId;
  /**
   * Orders working at the peer that this venue did not send, by ClOrdID, as the last mass status showed them (and
   * minus those cancelled since); {@code outsideSeen} once a mass status was answered in full.
   */
  private final java.util.Map<String, VenueCommand.OutsideOrder> outside = new java.util.LinkedHashMap<>();
  /** Those of the mass status under way. */
  private final java.util.Map<String, VenueCommand.OutsideOrder> pendingOutside = new java.util.LinkedHashMap<>();
  private boolean outsideSeen;
  /** Cancels of outside orders in flight: the cancel's ClOrdID to who asked. */
  private final java.util.Map<String, OutsideCancel> outsideCancels = new java.util.HashMap<>();
  private long outsideCancelCount;

  /**
   * The RequestForPositions under way (null: none), the positions its reports gave so far and how many it said there
   * are (-1: not said yet); {@code positions} and {@code positionsKnown}: those of the last one answered in full.
   */
  private String positionsReqId;
  private final java.util.Map<String, Double> pendingPositions = new java.util.TreeMap<>();
  private int positionReports = -1;
  private int positionReportsSeen;
  private java.util.Map<String, Double> positions = java.util.Map.of();
  private boolean positionsKnown;
  private long positionRequests;

  /** The CollateralInquiry under way (null: none), like the positions request: the cash by currency it gave. */
  private String collateralReqId;
  private final java.util.Map<String, Double> pendingBalances = new java.util.TreeMap<>();
  private java.util.Map<String, Double> balances = java.util.Map.of();

  private record OutsideCancel(String venueId, ActorRef<VenueCommand.OutsideCanceled> replyTo) {}
  /** Sends that came while disconnected or reconciling, in order. */
  private final List<VenueCommand.Send> waiting = new ArrayList<>();

  private final boolean adoptOutside;

  private FixVenueActor(ActorContext<Object> ctx, TimerScheduler<Object> timers, FixSettings settings, String runTag, FixOrderBook.Saved saved,
      boolean adoptOutside) {
    super(ctx);
    this.adoptOutside = adoptOutside;
    this.settings = settings;
    this.timers = timers;
    Path dir = settings.sessionDir();
    this.orderFile = dir.resolve("orders.jsonl");
    try {
      Files.createDirectories(dir);
      this.book = new FixOrderBook(runTag, saved != null ? saved : new FixOrderBook.Saved(readOrders(orderFile), 0));
      this.orderLog = compact(orderFile, book);
    } catch (IOException e) {
      throw new UncheckedIOException("FIX venue: cannot read " + orderFile, e);
    }
    this.sessionId = new SessionID("FIX.4.4", settings.senderCompId(), settings.targetCompId());
    ActorRef<Object> self = ctx.getSelf();
    FixApplication app = new FixApplication(event -> self.tell(new Engine(event)), settings.security());
    SessionSettings ss = sessionSettings(settings, sessionId);
    try {
      this.initiator = new SocketInitiator(app, new SecretFreeStoreFactory(new FileStoreFactory(ss)), ss, new MaskingLogFactory(new FileLogFactory(ss)), new DefaultMessageFactory());
      initiator.start();
    } catch (ConfigError e) {
      throw new IllegalStateException("FIX venue: " + e.getMessage(), e);
    }
    ctx.getLog().info("FIX venue {} -> {} at {}:{}, {} open orders known", settings.senderCompId(), settings.targetCompId(), settings.host(), settings.port(),
        book.open().size());
  }

  static SessionSettings sessionSettings(FixSettings s, SessionID id) {
    SessionSettings ss = new SessionSettings();
    ss.setString(id, "ConnectionType", "initiator");
    ss.setString(id, "SocketConnectHost", s.host());
    ss.setLong(id, "SocketConnectPort", s.port());
    ss.setLong(id, "HeartBtInt", s.heartbeat().toSeconds());
    ss.setLong(id, "ReconnectInterval", s.reconnectInterval().toSeconds());
    ss.setString(id, "NonStopSession", "Y");
    // Sequence numbers carry on over logouts, disconnects and restarts: the peer resends what was missed.
    ss.setString(id, "ResetOnLogon", "N");
    ss.setString(id, "ResetOnLogout", "N");
    ss.setString(id, "ResetOnDisconnect", "N");
    ss.setString(id, "PersistMessages", "Y");
    ss.setString(id, "FileStorePath", s.sessionDir().resolve("store").toString());
    ss.setString(id, "FileLogPath", s.sessionDir().resolve("log").toString());
    ss.setString(id, "FileIncludeMilliseconds", "Y");
    ss.setString(id, "UseDataDictionary", "Y");
    ss.setString(id, "DataDictionary", "FIX44.xml");
    FixSecurity sec = s.security();
    if (sec.tls()) {
      ss.setString(id, "SocketUseSSL", "Y");
      // Always a trust store: without one QuickFIX/J trusts any certificate.
      Path trust = sec.trustStore() != null ? sec.trustStore() : FixSecurity.jdkTrustStore();
      ss.setString(id, "SocketTrustStore", trust.toAbsolutePath().toString());
      ss.setString(id, "TrustStoreType", FixSecurity.storeType(trust));
      ss.setString(id, "SocketTrustStorePassword", sec.trustStore() != null ? sec.trustStorePassword() : "changeit");
      if (sec.keyStore() != null) {
        ss.setString(id, "SocketKeyStore", sec.keyStore().toAbsolutePath().toString());
        ss.setString(id, "KeyStoreType", FixSecurity.storeType(sec.keyStore()));
        ss.setString(id, "SocketKeyStorePassword", sec.keyStorePassword());
      }
      if (sec.verifyHost()) ss.setString(id, "EndpointIdentificationAlgorithm", "HTTPS");
      ss.setString(id, "EnabledProtocols", "TLSv1.3,TLSv1.2");
    }
    return ss;
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessage(VenueCommand.Connect.class, c -> {
          reports = c.reports();
          if (!beforeConnect.isEmpty()) {
            reports.tell(new VenueReports(List.copyOf(beforeConnect)));
            beforeConnect.clear();
          }
          return this;
        })
        .onMessage(VenueCommand.Send.class, s -> {
          if (ready()) send(s);
          else waiting.add(s);
          return this;
        })
        .onMessage(VenueCommand.Match.class, m -> {
          // A real venue matches on its own; its reports come when they come.
          if (m.replyTo() != null) m.replyTo().tell(new VenueCommand.Matched(m.time(), true));
          return this;
        })
        .onMessage(VenueCommand.Sync.class, s -> {
          s.replyTo().tell(new VenueCommand.Synced(s.time()));
          return this;
        })
        .onMessage(VenueCommand.CancelAll.class, c -> {
          List<CancelRequest> cancels = new ArrayList<>();
          for (FixOrderBook.Entry e : book.open()) cancels.add(new CancelRequest(e.troupeId(), c.reason()));
          VenueCommand.Send s = new VenueCommand.Send(c.time(), List.of(), cancels, List.of());
          if (ready()) send(s);
          else waiting.add(s);
          return this;
        })
        .onMessage(VenueCommand.AwaitConnected.class, a -> {
          if (ready()) a.replyTo().tell(new VenueCommand.Connected());
          else awaitingConnected.add(a.replyTo());
          return this;
        })
        .onMessage(VenueCommand.GetWorkingOrders.class, g -> {
          List<String> ids = new ArrayList<>();
          for (FixOrderBook.Entry e : book.open()) ids.add(e.troupeId());
          g.replyTo().tell(new VenueCommand.WorkingOrders(ids));
          return this;
        })
        .onMessage(VenueCommand.GetVenueView.class, g -> {
          List<VenueCommand.SentOrder> sent = new ArrayList<>();
          for (FixOrderBook.Entry e : book.saved().orders()) {
            sent.add(new VenueCommand.SentOrder(e.troupeId(), e.base(), e.request().symbol(), e.request().side(), e.request().quantity(), e.cumQty(),
                e.open(), e.notional()));
          }
          g.replyTo().tell(new VenueCommand.VenueView(outsideSeen, List.copyOf(outside.values()), positionsKnown, java.util.Map.copyOf(positions), sent,
              balances));
          return this;
        })
        .onMessage(VenueCommand.CancelOutside.class, this::cancelOutside)
        .onMessage(VenueCommand.CaptureState.class, c -> {
          c.replyTo().tell(new AgentState("venue", StateCodec.encode(book.saved())));
          return this;
        })
        .onMessage(Engine.class, e -> onEngine(e.event()))
        .onMessage(ReconcileTimeout.class, t -> {
          if (awaiting != null && loggedOn) {
            getContext().getLog().warn("FIX venue: {} order status answers still missing after {}; asking again", awaiting.size(), settings.reconcileTimeout());
            massStatusId = null;
            if (positionsReqId != null) positionsDone(false, "no answer within " + settings.reconcileTimeout());
            if (collateralReqId != null) collateralDone(false, "no answer within " + settings.reconcileTimeout());
            if (awaiting != null) askStatus(awaiting);
          }
          return this;
        })
        .onSignal(PostStop.class, s -> {
          initiator.stop(true);
          orderLog.close();
          return this;
        })
        .build();
  }

  private boolean ready() {
    return loggedOn && awaiting == null;
  }

  private Behavior<Object> onEngine(FixApplication.Event event) {
    if (event instanceof FixApplication.LoggedOn) {
      loggedOn = true;
      reconcile();
    } else if (event instanceof FixApplication.LoggedOut) {
      loggedOn = false;
      awaiting = null;
      massStatusId = null;
      positionsReqId = null;
      collateralReqId = null;
      timers.cancel("reconcile");
      getContext().getLog().warn("FIX venue: logged out of {}; reconnecting every {}", settings.targetCompId(), settings.reconnectInterval());
    } else if (event instanceof FixApplication.SessionRejected r) {
      try {
        onSessionReject(r);
      } catch (FieldNotFound e) {
        getContext().getLog().error("FIX venue: session reject without field {}, not applied: {}", e.field, r.reject());
      }
    } else if (event instanceof FixApplication.Received r) {
      try {
        onMessage(r.message());
      } catch (FieldNotFound e) {
        // The dictionary checks required fields; a message that still lacks one is logged, not applied.
        getContext().getLog().error("FIX venue: message without field {}, not applied: {}", e.field, r.message());
      }
    }
    return this;
  }

  /**
   * The peer refused one of this venue's messages at the session level. A reconciliation request it refuses is
   * answered as unsupported at once (not after {@code reconcile-timeout}); an order, cancel, replace or status request
   * as a BusinessMessageReject of it would be.
   */
  private void onSessionReject(FixApplication.SessionRejected r) throws FieldNotFound {
    Message m = r.reject();
    String text = FixMessages.text(m, Text.FIELD);
    int reason = m.isSetField(quickfix.field.SessionRejectReason.FIELD) ? intOf(m, quickfix.field.SessionRejectReason.FIELD) : -1;
    String why = "session reject " + reason + (text == null || text.isBlank() ? "" : ": " + text);
    String type = r.refMsgType() == null ? "" : r.refMsgType();
    switch (type) {
      case MsgType.REQUEST_FOR_POSITIONS -> {
        if (positionsReqId != null && (r.refId() == null || positionsReqId.equals(r.refId()))) positionsDone(false, "the peer refused RequestForPositions: " + why);
      }
      case MsgType.COLLATERAL_INQUIRY -> {
        if (collateralReqId != null && (r.refId() == null || collateralReqId.equals(r.refId()))) collateralDone(false, "the peer refused CollateralInquiry: " + why);
      }
      case MsgType.ORDER_MASS_STATUS_REQUEST -> {
        if (massStatusId != null && (r.refId() == null || massStatusId.equals(r.refId()))) {
          getContext().getLog().warn("FIX venue: the peer refused the mass status ({}); asking per order", why);
          massStatusId = null;
          askStatus(awaiting);
        }
      }
      case MsgType.ORDER_SINGLE, MsgType.ORDER_CANCEL_REQUEST, MsgType.ORDER_CANCEL_REPLACE_REQUEST, MsgType.ORDER_STATUS_REQUEST ->
          onResult(book.onRefused("session_reject_", type, r.refId(), reason, text, FixMessages.time(m)));
      default -> getContext().getLog().warn("FIX venue: the peer refused a {} message ({})", type.isEmpty() ? "?" : type, why);
    }
  }

  private static int intOf(Message m, int tag) {
    try {
      return m.getInt(tag);
    } catch (FieldNotFound | quickfix.FieldException e) {
      return -1;
    }
  }

  /**
   * Asks for the state of every order the venue knows to be open; new orders wait until every answer is in. With mass
   * status the request goes out even when no order is open: it also shows the orders at the peer this venue did not
   * send ({@link VenueCommand.GetVenueView}).
   */
  private void reconcile() {
    Set<String> open = new LinkedHashSet<>();
    for (FixOrderBook.Entry e : book.open()) open.add(e.base());
    getContext().getLog().info("FIX venue: logged on; reconciling {} open orders", open.size());
    boolean mass = settings.reconcile() == FixSettings.Reconcile.MASS_STATUS;
    awaiting = open;
    // The account's positions, for the live session's comparison with its journal; answered (or refused) before
    // anything new goes out, so the positions read after the logon are the peer's at that time.
    positionsReqId = "POS-" + System.currentTimeMillis() + "-" + (++positionRequests);
    pendingPositions.clear();
    positionReports = -1;
    positionReportsSeen = 0;
    sendToPeer(FixMessages.positions(positionsReqId, settings.account(), settings.senderCompId(), System.currentTimeMillis()));
    collateralReqId = "COLL-" + System.currentTimeMillis() + "-" + positionRequests;
    pendingBalances.clear();
    sendToPeer(FixMessages.collateral(collateralReqId, settings.account()));
    timers.startSingleTimer("reconcile", new ReconcileTimeout(), settings.reconcileTimeout());
    if (open.isEmpty() && !mass) return;
    if (mass) {
      massStatusId = book.nextMassStatusId();
      pendingOutside.clear();
      save();
      sendToPeer(FixMessages.massStatus(massStatusId, settings.account()));
      timers.startSingleTimer("reconcile", new ReconcileTimeout(), settings.reconcileTimeout());
    } else {
      askStatus(open);
    }
  }

  /** Status requests for these orders (nothing left to ask: reconciled once the positions are in). */
  private void askStatus(Set<String> bases) {
    if (bases.isEmpty()) {
      reconciledIfDone();
      return;
    }
    for (FixOrderBook.Entry e : book.open()) if (bases.contains(e.base())) sendToPeer(FixMessages.status(e));
    timers.startSingleTimer("reconcile", new ReconcileTimeout(), settings.reconcileTimeout());
  }

  private void answered(String base) {
    if (awaiting == null || base == null) return;
    awaiting.remove(base);
    reconciledIfDone();
  }

  /** Every order status, the mass status and the positions answered: new orders may go out. */
  private void reconciledIfDone() {
    if (awaiting != null && awaiting.isEmpty() && massStatusId == null && positionsReqId == null && collateralReqId == null) reconciled();
  }

  /** The positions request answered in full (or refused: {@code known} false, the last positions kept as unknown). */
  private void positionsDone(boolean known, String why) {
    if (known) {
      positions = java.util.Map.copyOf(pendingPositions);
      getContext().getLog().info("FIX venue: positions at the peer: {}", positions);
    } else {
      getContext().getLog().warn("FIX venue: no positions from the peer ({})", why);
    }
    positionsKnown = known;
    positionsReqId = null;
    reconciledIfDone();
  }

  /** The collateral inquiry answered in full ({@code known}), or refused or unanswered: the balances are then none. */
  private void collateralDone(boolean known, String why) {
    balances = known ? java.util.Map.copyOf(pendingBalances) : java.util.Map.of();
    if (known) getContext().getLog().info("FIX venue: cash at the peer: {}", balances);
    else getContext().getLog().warn("FIX venue: no balances from the peer ({})", why);
    collateralReqId = null;
    reconciledIfDone();
  }

  private boolean ofCollateralInquiry(Message m) throws FieldNotFound {
    return collateralReqId != null && m.isSetField(quickfix.field.CollInquiryID.FIELD) && collateralReqId.equals(m.getString(quickfix.field.CollInquiryID.FIELD));
  }

  private boolean ofPositionsRequest(Message m) throws FieldNotFound {
    return positionsReqId != null && m.isSetField(quickfix.field.PosReqID.FIELD) && positionsReqId.equals(m.getString(quickfix.field.PosReqID.FIELD));
  }

  private void reconciled() {
    awaiting = null;
    massStatusId = null;
    timers.cancel("reconcile");
    getContext().getLog().info("FIX venue: reconciled; sending {} waiting batches", waiting.size());
    List<VenueCommand.Send> queued = List.copyOf(waiting);
    waiting.clear();
    for (VenueCommand.Send s : queued) send(s);
    for (ActorRef<VenueCommand.Connected> a : awaitingConnected) a.tell(new VenueCommand.Connected());
    awaitingConnected.clear();
  }

  private void send(VenueCommand.Send s) {
    long now = System.currentTimeMillis();
    List<Message> out = new ArrayList<>();
    List<ExecutionReport> refused = new ArrayList<>();
    for (CancelRequest c : s.cancels()) {
      FixOrderBook.Request q = book.cancel(c);
      if (q != null) out.add(FixMessages.cancel(q, settings.account(), now));
      else notWorking(c.clientOrderId(), s.time(), refused);
    }
    for (ModifyRequest m : s.modifies()) {
      FixOrderBook.Request q = book.replace(m);
      if (q != null) out.add(FixMessages.replace(q, settings.account(), now));
      else notWorking(m.clientOrderId(), s.time(), refused);
    }
    for (OrderRequest o : s.orders()) {
      try {
        FixOrderBook.Entry e = book.newOrder(o);
        if (e != null) out.add(FixMessages.newOrder(e, settings.account(), now));
      } catch (IllegalArgumentException e) {
        refused.add(new ExecutionReport.Rejected(o.clientOrderId(), o.symbol(), s.time(), "duplicate_client_order_id"));
      }
    }
    // Written before anything goes out: a venue started again after a crash knows every order it may have sent.
    if (!out.isEmpty()) save();
    for (Message m : out) sendToPeer(m);
    report(refused);
  }

  /** A cancel or modify of an order that is not working here: refused, the order as it was. */
  private void notWorking(String troupeId, long time, List<ExecutionReport> out) {
    FixOrderBook.Entry e = book.get(troupeId);
    if (e != null) out.add(new ExecutionReport.CancelRejected(troupeId, e.request().symbol(), time, "not_working"));
    else getContext().getLog().warn("FIX venue: cancel or modify of order {}, which this venue never sent", troupeId);
  }

  private void sendToPeer(Message m) {
    try {
      Session.sendToTarget(m, sessionId);
    } catch (SessionNotFound e) {
      throw new IllegalStateException("FIX venue: no session " + sessionId, e);
    }
  }

  private void onMessage(Message m) throws FieldNotFound {
    String type = m.getHeader().getString(MsgType.FIELD);
    FixOrderBook.Outcome o;
    switch (type) {
      case MsgType.EXECUTION_REPORT -> {
        String clOrdId = FixMessages.text(m, ClOrdID.FIELD);
        OutsideCancel cancel = clOrdId == null ? null : outsideCancels.get(clOrdId);
        if (cancel != null) {
          onOutsideCancelReport(cancel, clOrdId, m);
          return;
        }
        boolean ofMassStatus = massStatusId != null && m.isSetField(MassStatusReqID.FIELD) && massStatusId.equals(m.getString(MassStatusReqID.FIELD));
        boolean last = ofMassStatus && m.isSetField(LastRptRequested.FIELD) && m.getBoolean(LastRptRequested.FIELD);
        if (ofMassStatus && !book.knows(clOrdId, FixMessages.text(m, OrigClOrdID.FIELD))) {
          seenOutside(clOrdId, FixMessages.exec(m), m);
          if (last) massStatusDone();
          return;
        }
        o = book.onExecution(FixMessages.exec(m));
        if (last) {
          onResult(o);
          massStatusDone();
          return;
        }
      }
      case MsgType.ORDER_CANCEL_REJECT -> {
        OutsideCancel cancel = outsideCancels.remove(FixMessages.text(m, ClOrdID.FIELD));
        if (cancel != null) {
          cancel.replyTo().tell(new VenueCommand.OutsideCanceled(cancel.venueId(), false, "cancel rejected: " + FixMessages.text(m, Text.FIELD)));
          return;
        }
        o = book.onCancelReject(FixMessages.text(m, ClOrdID.FIELD), FixMessages.text(m, OrigClOrdID.FIELD),
          m.isSetField(CxlRejReason.FIELD) ? m.getInt(CxlRejReason.FIELD) : -1, FixMessages.text(m, Text.FIELD), FixMessages.time(m));
      }
      case MsgType.POSITION_REPORT -> {
        if (!ofPositionsRequest(m)) return;
        String symbol = FixMessages.text(m, quickfix.field.Symbol.FIELD);
        double net = FixMessages.netPosition(m);
        if (symbol != null && !Double.isNaN(net)) pendingPositions.merge(symbol, net, Double::sum);
        if (m.isSetField(quickfix.field.TotalNumPosReports.FIELD)) positionReports = m.getInt(quickfix.field.TotalNumPosReports.FIELD);
        positionReportsSeen++;
        if (positionReports >= 0 && positionReportsSeen >= positionReports) positionsDone(true, null);
        return;
      }
      case MsgType.COLLATERAL_REPORT -> {
        if (!ofCollateralInquiry(m)) return;
        String currency = FixMessages.text(m, quickfix.field.Currency.FIELD);
        if (currency != null && m.isSetField(quickfix.field.CashOutstanding.FIELD)) {
          pendingBalances.merge(currency, m.getDouble(quickfix.field.CashOutstanding.FIELD), Double::sum);
        }
        boolean last = m.isSetField(quickfix.field.LastRptRequested.FIELD) && m.getBoolean(quickfix.field.LastRptRequested.FIELD);
        if (last || !m.isSetField(quickfix.field.TotNumReports.FIELD) || m.getInt(quickfix.field.TotNumReports.FIELD) <= 1) collateralDone(true, null);
        return;
      }
      case MsgType.COLLATERAL_INQUIRY_ACK -> {
        if (!ofCollateralInquiry(m)) return;
        int status = m.getInt(quickfix.field.CollInquiryStatus.FIELD);
        int total = m.isSetField(quickfix.field.TotNumReports.FIELD) ? m.getInt(quickfix.field.TotNumReports.FIELD) : -1;
        if (status == quickfix.field.CollInquiryStatus.REJECTED) collateralDone(false, "CollInquiryStatus rejected" + (m.isSetField(Text.FIELD) ? ": " + m.getString(Text.FIELD) : ""));
        else if (total == 0) collateralDone(true, null);
        return; // accepted: the reports follow
      }
      case MsgType.REQUEST_FOR_POSITIONS_ACK -> {
        if (!ofPositionsRequest(m)) return;
        int result = m.getInt(quickfix.field.PosReqResult.FIELD);
        int total = m.isSetField(quickfix.field.TotalNumPosReports.FIELD) ? m.getInt(quickfix.field.TotalNumPosReports.FIELD) : -1;
        if (result == quickfix.field.PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA || (result == 0 && total == 0)) positionsDone(true, null);
        else if (result != 0) positionsDone(false, "PosReqResult " + result + (m.isSetField(Text.FIELD) ? ": " + m.getString(Text.FIELD) : ""));
        else {
          positionReports = total;
          if (total >= 0 && positionReportsSeen >= total) positionsDone(true, null);
        }
        return;
      }
      case MsgType.BUSINESS_MESSAGE_REJECT -> {
        String ref = FixMessages.text(m, RefMsgType.FIELD);
        if (MsgType.COLLATERAL_INQUIRY.equals(ref) && collateralReqId != null) {
          collateralDone(false, "the peer has no CollateralInquiry: " + FixMessages.text(m, Text.FIELD));
          return;
        }
        if (MsgType.REQUEST_FOR_POSITIONS.equals(ref) && positionsReqId != null) {
          positionsDone(false, "the peer has no RequestForPositions: " + FixMessages.text(m, Text.FIELD));
          return;
        }
        OutsideCancel cancel = MsgType.ORDER_CANCEL_REQUEST.equals(ref) ? outsideCancels.remove(FixMessages.text(m, BusinessRejectRefID.FIELD)) : null;
        if (cancel != null) {
          cancel.replyTo().tell(new VenueCommand.OutsideCanceled(cancel.venueId(), false, "business reject: " + FixMessages.text(m, Text.FIELD)));
          return;
        }
        if (MsgType.ORDER_MASS_STATUS_REQUEST.equals(ref) && massStatusId != null) {
          getContext().getLog().warn("FIX venue: the peer has no mass status ({}); asking per order", FixMessages.text(m, Text.FIELD));
          massStatusId = null;
          askStatus(awaiting);
          return;
        }
        o = book.onBusinessReject(ref, FixMessages.text(m, BusinessRejectRefID.FIELD),
            m.isSetField(BusinessRejectReason.FIELD) ? m.getInt(BusinessRejectReason.FIELD) : -1, FixMessages.text(m, Text.FIELD), FixMessages.time(m));
      }
      default -> {
        getContext().getLog().warn("FIX venue: message type {} not handled", type);
        return;
      }
    }
    onResult(o);
  }

  private void onResult(FixOrderBook.Outcome o) {
    if (o.warning() != null) getContext().getLog().warn("FIX venue: {}", o.warning());
    if (o.changed()) save();
    report(o.reports());
    answered(o.statusOf());
  }

  /** The mass status's last report: orders it did not name are asked for one by one. */
  private void massStatusDone() {
    massStatusId = null;
    outside.clear();
    outside.putAll(pendingOutside);
    outsideSeen = true;
    pendingOutside.clear();
    if (!outside.isEmpty()) getContext().getLog().warn("FIX venue: {} orders working at the peer that this venue did not send: {}", outside.size(), outside.keySet());
    if (adoptOutside) adoptOutsideOrders();
    if (awaiting != null) askStatus(awaiting);
  }

  /** A mass status report of an order this venue did not send: kept while it works (a "no orders" answer names none). */
  private void seenOutside(String clOrdId, FixOrderBook.Exec x, Message m) throws FieldNotFound {
    if (clOrdId == null || x.execType() != 'I') return;
    boolean working = x.ordStatus() == '0' || x.ordStatus() == '1' || x.ordStatus() == 'A' || x.ordStatus() == 'E' || x.ordStatus() == '6'
        || x.ordStatus() == '9';
    if (!working) return;
    String symbol = FixMessages.text(m, quickfix.field.Symbol.FIELD);
    pendingOutside.put(clOrdId, new VenueCommand.OutsideOrder(clOrdId, symbol, x.side(), x.orderQty(), Double.isNaN(x.cumQty()) ? 0 : x.cumQty(), x.price()));
    char type = m.isSetField(quickfix.field.OrdType.FIELD) ? m.getChar(quickfix.field.OrdType.FIELD) : quickfix.field.OrdType.LIMIT;
    char tif = m.isSetField(quickfix.field.TimeInForce.FIELD) ? m.getChar(quickfix.field.TimeInForce.FIELD) : quickfix.field.TimeInForce.DAY;
    outsideTerms.put(clOrdId, new OutsideTerms(type, FixMessages.orderType(type), x.stopPx(), FixMessages.timeInForce(tif), x.avgPx() > 0 ? x.avgPx() : x.price()));
  }

  /**
   * What an outside order is beyond the venue-neutral {@link VenueCommand.OutsideOrder}, for its adoption: its type
   * as sent ({@code ordType}) and as Troupe's ({@code type}, null when Troupe has no word for it), its stop price, its
   * time in force, and the average price of what it filled before.
   */
  private record OutsideTerms(char ordType, io.troupe.model.OrderType type, double stopPx, io.troupe.model.TimeInForce tif, double avgPx) {}

  private final java.util.Map<String, OutsideTerms> outsideTerms = new java.util.HashMap<>();

  /**
   * Takes in the outside orders (those of this run's tag excepted: a rerun step sends them again under their ids):
   * written to the order file first, then reported to the order manager, which keeps them from the next step on.
   */
  private void adoptOutsideOrders() {
    List<ExecutionReport> adopted = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (var it = outside.values().iterator(); it.hasNext();) {
      VenueCommand.OutsideOrder o = it.next();
      if (book.isOwnClOrdId(o.venueId()) || o.symbol() == null || o.side() == null || Double.isNaN(o.quantity())) continue;
      OutsideTerms terms = outsideTerms.get(o.venueId());
      if (terms == null || terms.type() == null) {
        // Adopted, Troupe would manage it as something it is not: it stays the peer's, seen and left working.
        getContext().getLog().warn("FIX venue: order {} at the peer is of OrdType {}, which Troupe has no word for: not adopted, left working", o.venueId(),
            terms == null ? "?" : String.valueOf(terms.ordType()));
        continue;
      }
      FixOrderBook.Entry e = book.adopt(o.venueId(), o.symbol(), o.side(), terms.type(), o.quantity(), o.price(), terms.stopPx(), terms.tif(), o.filled(),
          terms.avgPx(), now);
      it.remove();
      adopted.add(new ExecutionReport.Adopted(e.troupeId(), o.symbol(), now, e.request(), o.filled(), terms.avgPx(), o.venueId()));
      getContext().getLog().warn("FIX venue: adopted order {} ({} {} {} {} at {}, stop {}, {}; {} filled before) as {}", o.venueId(), o.symbol(), o.side(),
          terms.type(), o.quantity(), o.price(), terms.stopPx(), terms.tif(), o.filled(), e.troupeId());
    }
    if (adopted.isEmpty()) return;
    save();
    report(adopted);
  }

  private Behavior<Object> cancelOutside(VenueCommand.CancelOutside c) {
    VenueCommand.OutsideOrder o = outside.get(c.venueId());
    if (o == null || !ready()) {
      c.replyTo().tell(new VenueCommand.OutsideCanceled(c.venueId(), false, o == null ? "not an outside order working at the peer" : "not logged on"));
      return this;
    }
    // Unique across restarts without being written down: a cancel of another's order is not resent after a crash.
    String id = "XC-" + System.currentTimeMillis() + "-" + (++outsideCancelCount);
    outsideCancels.put(id, new OutsideCancel(c.venueId(), c.replyTo()));
    getContext().getLog().info("FIX venue: cancelling order {} (not sent by this venue): {}", c.venueId(), c.reason());
    sendToPeer(FixMessages.cancelOutside(o, id, settings.account(), System.currentTimeMillis()));
    return this;
  }

  private void onOutsideCancelReport(OutsideCancel cancel, String clOrdId, Message m) throws FieldNotFound {
    char execType = m.getChar(quickfix.field.ExecType.FIELD);
    char ordStatus = m.getChar(quickfix.field.OrdStatus.FIELD);
    if (execType == '4' || ordStatus == '4') {
      outsideCancels.remove(clOrdId);
      outside.remove(cancel.venueId());
      cancel.replyTo().tell(new VenueCommand.OutsideCanceled(cancel.venueId(), true, null));
    } else if (execType == '8' || ordStatus == '2' || ordStatus == '8' || ordStatus == 'C') {
      outsideCancels.remove(clOrdId);
      outside.remove(cancel.venueId());
      cancel.replyTo().tell(new VenueCommand.OutsideCanceled(cancel.venueId(), false, "the order ended otherwise (OrdStatus " + ordStatus + ")"));
    }
    // 6 pending cancel and the like: the answer follows.
  }

  private void report(List<ExecutionReport> out) {
    if (out.isEmpty()) return;
    if (reports == null) beforeConnect.addAll(out);
    else reports.tell(new VenueReports(out));
  }

  /** Appends the orders that changed; flushed, so a process killed after it still has them. */
  private void save() {
    try {
      for (FixOrderBook.Entry e : book.drainChanged()) {
        orderLog.write(JSON.writeValueAsString(e));
        orderLog.newLine();
      }
      orderLog.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("FIX venue: cannot write " + orderFile, e);
    }
  }

  /** Every order in the file, the last line of each winning; a torn last line (a kill mid-write) is left out. */
  static List<FixOrderBook.Entry> readOrders(Path file) throws IOException {
    if (!Files.exists(file)) return List.of();
    java.util.Map<String, FixOrderBook.Entry> byBase = new java.util.LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      try {
        FixOrderBook.Entry e = JSON.readValue(line, FixOrderBook.Entry.class);
        byBase.remove(e.base()); // the latest change goes last, keeping the file's order of last changes
        byBase.put(e.base(), e);
      } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
        if (i < lines.size() - 1) throw new IOException(file + " line " + (i + 1) + ": " + bad.getOriginalMessage(), bad);
      }
    }
    return new ArrayList<>(byBase.values());
  }

  /** Rewrites the file with one line per order kept, then opens it for appending. */
  private static java.io.BufferedWriter compact(Path file, FixOrderBook book) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (var w = Files.newBufferedWriter(tmp)) {
      for (FixOrderBook.Entry e : book.saved().orders()) {
        w.write(JSON.writeValueAsString(e));
        w.newLine();
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Files.newBufferedWriter(file, java.nio.file.StandardOpenOption.APPEND);
  }
}
