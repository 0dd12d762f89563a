package io.troupe.gateway.fix;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.UnsupportedMessageType;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastLiquidityInd;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LastRptRequested;
import quickfix.field.LeavesQty;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TotNumReports;
import quickfix.field.TransactTime;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;

/**
 * A FIX 4.4 acceptor on QuickFIX/J playing an exchange, for tests: one session, a small book per symbol. The house
 * quotes a bid and an ask with {@code restingQuantity} at each (replenished after every order), so an order larger than
 * that fills in part; limit orders that do not cross rest; another participant's trade ({@link #trade}) fills resting
 * orders and triggers stops. It rejects, cancels and replaces, answers order status and (when asked to) mass status,
 * and keeps its own record of every order and fill to check Troupe's against.
 */
public final class FixExchange implements Application, AutoCloseable {

  /** One fill as the exchange made it; {@code order} is the order's first ClOrdID. */
  public record Trade(String order, String execId, String symbol, char side, double quantity, double price) {}

  /** An order as the exchange keeps it. */
  static final class Order {
    final String orderId;
    final String firstClOrdId;
    String clOrdId;
    final String symbol;
    final char side;
    final char type;
    double quantity;
    double price;
    double stopPx;
    final char tif;
    double cumQty;
    double notional;
    char status = OrdStatus.NEW;
    boolean triggered;

    Order(String orderId, String clOrdId, String symbol, char side, char type, double quantity, double price, double stopPx, char tif) {
      this.orderId = orderId;
      this.firstClOrdId = clOrdId;
      this.clOrdId = clOrdId;
      this.symbol = symbol;
      this.side = side;
      this.type = type;
      this.quantity = quantity;
      this.price = price;
      this.stopPx = stopPx;
      this.tif = tif;
    }

    double leaves() {
      return isFinal() ? 0 : quantity - cumQty;
    }

    boolean isFinal() {
      return status == OrdStatus.FILLED || status == OrdStatus.CANCELED || status == OrdStatus.REJECTED || status == OrdStatus.EXPIRED;
    }

    double avgPx() {
      return cumQty > 0 ? notional / cumQty : 0;
    }
  }

  private record Quote(double bid, double ask) {}

  final SessionID session = new SessionID("FIX.4.4", "EXCHANGE", "TROUPE");
  private final int port;
  private final SocketAcceptor acceptor;
  private final Map<String, Quote> quotes = new HashMap<>();
  private final Map<String, Double> lastPrice = new HashMap<>();
  private final Map<String, Order> byClOrdId = new HashMap<>();
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final List<Trade> trades = new ArrayList<>();
  private final List<String> newOrdersSeen = new ArrayList<>();
  /** Every application message that arrived, as "MsgType ClOrdID" (or "AF" for a mass status), in order. */
  private final List<String> received = new ArrayList<>();
  private final Map<String, Long> arrivals = new HashMap<>();
  private double restingQuantity = Double.MAX_VALUE;
  private boolean massStatus;
  private boolean positionsSupported = true;
  private boolean refuseLogons;
  /** When set: a Logon must carry this Username (553) and Password (554), else it is refused. */
  private String[] requiredLogon;
  /** The Username of every Logon that came, accepted or not. */
  private final List<String> logonUsers = new ArrayList<>();
  private String rejectNext;
  private boolean businessRejectNext;
  private long nextOrderId = 1;
  private long nextExecId = 1;
  private ExecutionReport lastExecution;
  private final Object logons = new Object();
  private int logonCount;
  private boolean loggedOn;

  public FixExchange() throws ConfigError, IOException {
    this(null, null);
  }

  /**
   * {@code keyStore} not null: the acceptor speaks TLS only, with the key and certificate in that PKCS12 store
   * (a self-signed one the test made).
   */
  FixExchange(java.nio.file.Path keyStore, String keyStorePassword) throws ConfigError, IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    SessionSettings ss = new SessionSettings();
    ss.setString(session, "ConnectionType", "acceptor");
    ss.setString(session, "SocketAcceptAddress", "127.0.0.1");
    ss.setLong(session, "SocketAcceptPort", port);
    ss.setString(session, "NonStopSession", "Y");
    ss.setString(session, "UseDataDictionary", "Y");
    ss.setString(session, "DataDictionary", "FIX44.xml");
    ss.setString(session, "ResetOnLogon", "N");
    ss.setString(session, "ResetOnLogout", "N");
    ss.setString(session, "ResetOnDisconnect", "N");
    ss.setLong(session, "HeartBtInt", 30);
    if (keyStore != null) {
      ss.setString(session, "SocketUseSSL", "Y");
      ss.setString(session, "SocketKeyStore", keyStore.toAbsolutePath().toString());
      ss.setString(session, "KeyStoreType", "PKCS12");
      ss.setString(session, "SocketKeyStorePassword", keyStorePassword);
      ss.setString(session, "EnabledProtocols", "TLSv1.3,TLSv1.2");
    }
    acceptor = new SocketAcceptor(this, new MemoryStoreFactory(), ss, new SLF4JLogFactory(ss), new DefaultMessageFactory());
    acceptor.start();
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    acceptor.stop(true);
  }

  // ---- what a test sets and asks

  public synchronized FixExchange quote(String symbol, double bid, double ask) {
    quotes.put(symbol, new Quote(bid, ask));
    return this;
  }

  /** Logons must carry these credentials. */
  synchronized FixExchange requireLogon(String user, String password) {
    requiredLogon = new String[] {user, password};
    return this;
  }

  List<String> logonUsers() {
    synchronized (logons) {
      return List.copyOf(logonUsers);
    }
  }

  /** Waits until {@code count} Logons have come, accepted or refused. */
  void awaitLogonAttempts(int count, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (logons) {
      while (logonUsers.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no logon attempt #" + count + " within " + seconds + " s (so far: " + logonUsers.size() + ")");
        TimeUnit.NANOSECONDS.timedWait(logons, left);
      }
    }
  }

  public synchronized FixExchange restingQuantity(double q) {
    restingQuantity = q;
    return this;
  }

  /** Message types refused with a session-level Reject (35=3, an incorrect value), as a strict peer does. */
  private final java.util.Set<String> sessionRejected = new java.util.HashSet<>();

  /** Refuse these message types (D, AN, BB, ...) with a session-level Reject instead of answering them. */
  synchronized FixExchange rejectAtSessionLevel(String... msgTypes) {
    sessionRejected.addAll(List.of(msgTypes));
    return this;
  }

  /** Whether RequestForPositions is answered (else a BusinessMessageReject, as for any message the exchange lacks). */
  synchronized FixExchange positions(boolean supported) {
    positionsSupported = supported;
    return this;
  }

  /** An adjustment outside Troupe's trades (a transfer, a trade of another client on the account) moves the position. */
  public synchronized void adjustPosition(String symbol, double quantity) {
    adjustments.merge(symbol, quantity, Double::sum);
  }

  private final Map<String, Double> adjustments = new java.util.TreeMap<>();
  /** Cash by currency, answered to a CollateralInquiry; none: the inquiry is not supported. */
  private final Map<String, Double> cash = new java.util.TreeMap<>();

  /** Each symbol's fills settle in this currency's cash (bought: paid; sold: received), where one is named. */
  private final Map<String, String> settlesIn = new java.util.TreeMap<>();

  /** {@code symbol}'s trades move {@code currency}'s cash by what they cost (no commission: the exchange charges none). */
  public synchronized FixExchange settle(String symbol, String currency) {
    settlesIn.put(symbol, currency);
    return this;
  }

  /** The cash held in {@code currency}. */
  public synchronized double cashOf(String currency) {
    return cash.getOrDefault(currency, 0.0);
  }

  /** The account holds this cash (answered to a CollateralInquiry, one CollateralReport per currency). */
  public synchronized FixExchange cash(String currency, double amount) {
    cash.put(currency, amount);
    return this;
  }

  private void onCollateral(Message m) throws FieldNotFound {
    String id = m.isSetField(quickfix.field.CollInquiryID.FIELD) ? m.getString(quickfix.field.CollInquiryID.FIELD) : null;
    int i = 0;
    for (Map.Entry<String, Double> e : cash.entrySet()) {
      quickfix.fix44.CollateralReport r = new quickfix.fix44.CollateralReport(new quickfix.field.CollRptID("C" + nextExecId++),
          new quickfix.field.CollStatus(quickfix.field.CollStatus.ASSIGNED));
      if (id != null) r.set(new quickfix.field.CollInquiryID(id));
      r.set(new quickfix.field.TotNumReports(cash.size()));
      if (++i == cash.size()) r.set(new LastRptRequested(true));
      r.set(new quickfix.field.Currency(e.getKey()));
      r.set(new quickfix.field.CashOutstanding(e.getValue()));
      send(r);
    }
  }

  public synchronized FixExchange massStatus(boolean supported) {
    massStatus = supported;
    return this;
  }

  /** The next new order is rejected with this text (OrdRejReason 3, exceeds limit). */
  synchronized void rejectNext(String text) {
    rejectNext = text;
  }

  /** The next new order is answered by a BusinessMessageReject instead (application not available). */
  synchronized void businessRejectNext() {
    businessRejectNext = true;
  }

  public synchronized List<Trade> trades() {
    return List.copyOf(trades);
  }

  /** Orders by first ClOrdID: what the exchange holds. */
  synchronized Map<String, Order> orders() {
    return new LinkedHashMap<>(orders);
  }

  /** Every NewOrderSingle ClOrdID that arrived, repeats included. */
  public synchronized List<String> newOrdersSeen() {
    return List.copyOf(newOrdersSeen);
  }

  synchronized List<String> received() {
    return List.copyOf(received);
  }

  /** The sequence number the exchange expects next from Troupe. */
  int expectedFromTroupe() throws IOException {
    return Session.lookupSession(session).getExpectedTargetNum();
  }

  /** System.nanoTime() when the NewOrderSingle with this ClOrdID arrived (for the benchmark). */
  synchronized Long arrival(String clOrdId) {
    return arrivals.get(clOrdId);
  }

  public synchronized double position(String symbol) {
    double p = adjustments.getOrDefault(symbol, 0.0);
    for (Trade t : trades) if (t.symbol().equals(symbol)) p += (t.side() == quickfix.field.Side.BUY ? 1 : -1) * t.quantity();
    return p;
  }

  public int logonCount() {
    synchronized (logons) {
      return logonCount;
    }
  }

  /** Waits until the session has logged on {@code count} times in all. */
  public void awaitLogons(int count, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (logons) {
      while (logonCount < count || !loggedOn) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no logon #" + count + " within " + seconds + " s (logons so far: " + logonCount + ")");
        TimeUnit.NANOSECONDS.timedWait(logons, left);
      }
    }
  }

  void awaitLoggedOut(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (logons) {
      while (loggedOn) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("still logged on after " + seconds + " s");
        TimeUnit.NANOSECONDS.timedWait(logons, left);
      }
    }
  }

  /** Drops the connection and refuses logons until {@link #goOnline()}: what Troupe misses meanwhile is resent. */
  void goOffline() throws InterruptedException, IOException {
    synchronized (this) {
      refuseLogons = true;
    }
    Session s = Session.lookupSession(session);
    if (s != null && s.isLoggedOn()) s.disconnect("test: exchange goes offline", false);
    awaitLoggedOut(10);
  }

  synchronized void goOnline() {
    refuseLogons = false;
  }

  /**
   * Skips sequence numbers as if messages were lost, so the peer's resend request is answered partly by a gap fill.
   */
  void skipSequenceNumbers(int n) throws IOException {
    Session s = Session.lookupSession(session);
    s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + n);
  }

  /** Sends the last execution report again, with the same ExecID; marked PossDupFlag when {@code possDup}. */
  synchronized void repeatLastExecution(boolean possDup) throws FieldNotFound {
    ExecutionReport copy = (ExecutionReport) lastExecution.clone();
    copy.getHeader().removeField(quickfix.field.MsgSeqNum.FIELD);
    if (possDup) {
      copy.getHeader().setField(new PossDupFlag(true));
      copy.getHeader().setField(new OrigSendingTime(copy.getHeader().getUtcTimeStamp(quickfix.field.SendingTime.FIELD)));
    }
    send(copy);
  }

  /**
   * Another participant trades {@code quantity} at {@code price}, aggressor on {@code side}: it fills resting orders on
   * the other side at their limit (up to the quantity), and triggers stops at that price.
   */
  public synchronized void trade(String symbol, char side, double quantity, double price) {
    lastPrice.put(symbol, price);
    double left = quantity;
    for (Order o : List.copyOf(orders.values())) {
      if (left <= 0) break;
      if (o.isFinal() || !o.symbol.equals(symbol) || o.side == side || o.type != OrdType.LIMIT && !(o.type == OrdType.STOP_LIMIT && o.triggered)) continue;
      boolean crosses = o.side == quickfix.field.Side.BUY ? price <= o.price : price >= o.price;
      if (!crosses) continue;
      double q = Math.min(left, o.leaves());
      fill(o, q, o.price, true);
      left -= q;
    }
    for (Order o : List.copyOf(orders.values())) {
      if (o.isFinal() || !o.symbol.equals(symbol) || o.triggered || (o.type != OrdType.STOP_STOP_LOSS && o.type != OrdType.STOP_LIMIT)) continue;
      boolean hit = o.side == quickfix.field.Side.BUY ? price >= o.stopPx : price <= o.stopPx;
      if (hit) {
        o.triggered = true;
        match(o);
      }
    }
  }

  /** The first ClOrdID of each order still working, in arrival order. */
  public synchronized List<String> working() {
    List<String> out = new ArrayList<>();
    for (Order o : orders.values()) if (!o.isFinal()) out.add(o.firstClOrdId);
    return out;
  }

  /** Whether the order (by its first ClOrdID) has filled whole. */
  public synchronized boolean filled(String firstClOrdId) {
    Order o = orders.get(firstClOrdId);
    return o != null && o.status == OrdStatus.FILLED;
  }

  /**
   * Another participant trades against the order (by its first ClOrdID) for all it leaves: at its limit, or for a stop
   * at its stop price (which triggers it).
   */
  public synchronized void tradeAgainst(String firstClOrdId) {
    Order o = orders.get(firstClOrdId);
    char other = o.side == quickfix.field.Side.BUY ? quickfix.field.Side.SELL : quickfix.field.Side.BUY;
    if (o.type == OrdType.LIMIT) trade(o.symbol, other, o.leaves(), o.price);
    else trade(o.symbol, other, o.leaves(), o.stopPx);
  }

  /**
   * Another client on the same account rests a limit order (its ClOrdID is not one Troupe sent): no report goes to
   * Troupe's session, but a mass status shows it and a cancel naming its ClOrdID cancels it.
   */
  public synchronized void restOtherClientsOrder(String clOrdId, String symbol, char side, double quantity, double price) {
    restOtherClientsOrder(clOrdId, symbol, side, OrdType.LIMIT, quantity, price, Double.NaN, TimeInForce.GOOD_TILL_CANCEL);
  }

  /** As above, of any type: a stop (price NaN), a stop-limit, with its time in force. */
  public synchronized void restOtherClientsOrder(String clOrdId, String symbol, char side, char type, double quantity, double price, double stopPx, char tif) {
    Order o = new Order("X" + nextOrderId++, clOrdId, symbol, side, type, quantity, price, stopPx, tif);
    orders.put(clOrdId, o);
    byClOrdId.put(clOrdId, o);
  }

  /**
   * The exchange busts a trade it reported (by its ExecID): an ExecutionReport with ExecType H (trade cancel) and
   * ExecRefID naming it, the order's CumQty and AvgPx without it. The trade leaves the exchange's record; an order
   * that had ended stays ended (a busted quantity is not put back to work).
   */
  public synchronized void bustTrade(String execId) {
    Trade t = tradeById(execId);
    trades.remove(t);
    send(correction(t, ExecType.TRADE_CANCEL, 0, 0));
  }

  /** The exchange corrects a trade (by its ExecID) to {@code quantity} at {@code price}: ExecType G with ExecRefID. */
  public synchronized void correctTrade(String execId, double quantity, double price) {
    Trade t = tradeById(execId);
    trades.set(trades.indexOf(t), new Trade(t.order(), t.execId(), t.symbol(), t.side(), quantity, price));
    ExecutionReport r = correction(t, ExecType.TRADE_CORRECT, quantity, price);
    r.set(new LastQty(quantity));
    r.set(new LastPx(price));
    send(r);
  }

  private Trade tradeById(String execId) {
    for (Trade t : trades) if (t.execId().equals(execId)) return t;
    throw new IllegalArgumentException("no trade " + execId);
  }

  private ExecutionReport correction(Trade t, char execType, double quantity, double price) {
    Order o = orders.get(t.order());
    o.cumQty += quantity - t.quantity();
    o.notional += quantity * price - t.quantity() * t.price();
    if (!o.isFinal()) o.status = o.cumQty > 1e-9 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
    ExecutionReport r = report(o, execType, null);
    r.set(new quickfix.field.ExecRefID(t.execId()));
    return r;
  }

  // ---- the engine's callbacks

  @Override
  public void onCreate(SessionID sessionId) {}

  @Override
  public void onLogon(SessionID sessionId) {
    synchronized (logons) {
      logonCount++;
      loggedOn = true;
      logons.notifyAll();
    }
  }

  @Override
  public void onLogout(SessionID sessionId) {
    synchronized (logons) {
      loggedOn = false;
      logons.notifyAll();
    }
  }

  @Override
  public void toAdmin(Message message, SessionID sessionId) {}

  @Override
  public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound, RejectLogon {
    if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
      synchronized (this) {
        if (refuseLogons) throw new RejectLogon("exchange offline");
        String user = message.isSetField(quickfix.field.Username.FIELD) ? message.getString(quickfix.field.Username.FIELD) : "";
        String password = message.isSetField(quickfix.field.Password.FIELD) ? message.getString(quickfix.field.Password.FIELD) : "";
        synchronized (logons) {
          logonUsers.add(user);
          logons.notifyAll();
        }
        if (requiredLogon != null && !(requiredLogon[0].equals(user) && requiredLogon[1].equals(password))) throw new RejectLogon("bad credentials");
      }
    }
  }

  @Override
  public void toApp(Message message, SessionID sessionId) {}

  @Override
  public synchronized void fromApp(Message m, SessionID sessionId) throws FieldNotFound, UnsupportedMessageType, quickfix.IncorrectTagValue {
    received.add(m.getHeader().getString(MsgType.FIELD) + (m.isSetField(ClOrdID.FIELD) ? " " + m.getString(ClOrdID.FIELD) : ""));
    // QuickFIX/J answers this with a Reject naming the message's sequence number and type, reason 5 (value incorrect).
    if (sessionRejected.contains(m.getHeader().getString(MsgType.FIELD))) throw new quickfix.IncorrectTagValue(MsgType.FIELD);
    switch (m.getHeader().getString(MsgType.FIELD)) {
      case MsgType.ORDER_SINGLE -> onNewOrder(m);
      case MsgType.ORDER_CANCEL_REQUEST -> onCancel(m);
      case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> onReplace(m);
      case MsgType.ORDER_STATUS_REQUEST -> onStatus(m);
      case MsgType.COLLATERAL_INQUIRY -> {
        if (cash.isEmpty()) throw new UnsupportedMessageType();
        onCollateral(m);
      }
      case MsgType.REQUEST_FOR_POSITIONS -> {
        if (!positionsSupported) throw new UnsupportedMessageType();
        onPositions(m);
      }
      case MsgType.ORDER_MASS_STATUS_REQUEST -> {
        if (!massStatus) throw new UnsupportedMessageType();
        onMassStatus(m);
      }
      default -> throw new UnsupportedMessageType();
    }
  }

  private void onNewOrder(Message m) throws FieldNotFound {
    String clOrdId = m.getString(ClOrdID.FIELD);
    newOrdersSeen.add(clOrdId);
    arrivals.putIfAbsent(clOrdId, System.nanoTime());
    boolean possDup = m.getHeader().isSetField(PossDupFlag.FIELD) && m.getHeader().getBoolean(PossDupFlag.FIELD);
    if (byClOrdId.containsKey(clOrdId)) {
      // A resend of an order the exchange has: the same order, not a new one.
      if (!possDup) reject(m, clOrdId, OrdRejReason.DUPLICATE_ORDER, "duplicate ClOrdID");
      return;
    }
    if (businessRejectNext) {
      businessRejectNext = false;
      BusinessMessageReject r = new BusinessMessageReject(new RefMsgType(MsgType.ORDER_SINGLE), new BusinessRejectReason(BusinessRejectReason.APPLICATION_NOT_AVAILABLE));
      r.set(new BusinessRejectRefID(clOrdId));
      r.set(new Text("order entry paused"));
      send(r);
      return;
    }
    String symbol = m.getString(Symbol.FIELD);
    double qty = m.getDouble(OrderQty.FIELD);
    char type = m.getChar(OrdType.FIELD);
    if (rejectNext != null) {
      String text = rejectNext;
      rejectNext = null;
      reject(m, clOrdId, OrdRejReason.ORDER_EXCEEDS_LIMIT, text);
      return;
    }
    if (!quotes.containsKey(symbol)) {
      reject(m, clOrdId, OrdRejReason.UNKNOWN_SYMBOL, "unknown symbol " + symbol);
      return;
    }
    if (qty <= 0) {
      reject(m, clOrdId, OrdRejReason.INCORRECT_QUANTITY, "quantity must be > 0");
      return;
    }
    Order o = new Order("X" + nextOrderId++, clOrdId, symbol, m.getChar(quickfix.field.Side.FIELD), type, qty,
        m.isSetField(Price.FIELD) ? m.getDouble(Price.FIELD) : Double.NaN, m.isSetField(StopPx.FIELD) ? m.getDouble(StopPx.FIELD) : Double.NaN,
        m.isSetField(TimeInForce.FIELD) ? m.getChar(TimeInForce.FIELD) : TimeInForce.DAY);
    orders.put(clOrdId, o);
    byClOrdId.put(clOrdId, o);
    send(report(o, ExecType.NEW, null));
    match(o);
  }

  /** Against the house quote: a market order, a crossing limit, a triggered stop. */
  private void match(Order o) {
    if (o.isFinal()) return;
    boolean stop = o.type == OrdType.STOP_STOP_LOSS || o.type == OrdType.STOP_LIMIT;
    if (stop && !o.triggered) {
      Double last = lastPrice.get(o.symbol);
      if (last == null || (o.side == quickfix.field.Side.BUY ? last < o.stopPx : last > o.stopPx)) return;
      o.triggered = true;
    }
    Quote q = quotes.get(o.symbol);
    double px = o.side == quickfix.field.Side.BUY ? q.ask() : q.bid();
    boolean market = o.type == OrdType.MARKET || o.type == OrdType.STOP_STOP_LOSS;
    boolean crosses = market || (o.side == quickfix.field.Side.BUY ? o.price >= px : o.price <= px);
    if (crosses) {
      if (o.tif == TimeInForce.FILL_OR_KILL && o.leaves() > restingQuantity) {
        end(o, OrdStatus.CANCELED, ExecType.CANCELED, "fill or kill: not enough at the quote");
        return;
      }
      fill(o, Math.min(o.leaves(), restingQuantity), px, false);
    }
    if (o.isFinal()) return;
    if (market || o.tif == TimeInForce.IMMEDIATE_OR_CANCEL || o.tif == TimeInForce.FILL_OR_KILL) {
      end(o, OrdStatus.CANCELED, ExecType.CANCELED, market ? "no more liquidity at the quote" : "immediate or cancel");
    }
  }

  private void fill(Order o, double qty, double px, boolean maker) {
    o.cumQty += qty;
    o.notional += qty * px;
    String currency = settlesIn.get(o.symbol);
    if (currency != null) cash.merge(currency, (o.side == quickfix.field.Side.BUY ? -1 : 1) * qty * px, Double::sum);
    o.status = o.cumQty >= o.quantity - 1e-9 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
    String execId = "E" + nextExecId;
    ExecutionReport r = report(o, ExecType.TRADE, null);
    r.set(new LastQty(qty));
    r.set(new LastPx(px));
    r.set(new LastLiquidityInd(maker ? LastLiquidityInd.ADDED_LIQUIDITY : LastLiquidityInd.REMOVED_LIQUIDITY));
    trades.add(new Trade(o.firstClOrdId, execId, o.symbol, o.side, qty, px));
    send(r);
  }

  private void end(Order o, char status, char execType, String text) {
    o.status = status;
    ExecutionReport r = report(o, execType, null);
    r.set(new Text(text));
    send(r);
  }

  private void onCancel(Message m) throws FieldNotFound {
    String clOrdId = m.getString(ClOrdID.FIELD);
    String orig = m.getString(OrigClOrdID.FIELD);
    Order o = byClOrdId.get(orig);
    if (o == null || o.isFinal()) {
      cancelReject(clOrdId, orig, o, CxlRejResponseTo.ORDER_CANCEL_REQUEST, o == null ? CxlRejReason.UNKNOWN_ORDER : CxlRejReason.TOO_LATE_TO_CANCEL);
      return;
    }
    o.clOrdId = clOrdId;
    byClOrdId.put(clOrdId, o);
    o.status = OrdStatus.CANCELED;
    send(report(o, ExecType.CANCELED, orig));
  }

  private void onReplace(Message m) throws FieldNotFound {
    String clOrdId = m.getString(ClOrdID.FIELD);
    String orig = m.getString(OrigClOrdID.FIELD);
    Order o = byClOrdId.get(orig);
    double qty = m.getDouble(OrderQty.FIELD);
    if (o == null || o.isFinal() || qty <= o.cumQty) {
      cancelReject(clOrdId, orig, o, CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
          o == null ? CxlRejReason.UNKNOWN_ORDER : o.isFinal() ? CxlRejReason.TOO_LATE_TO_CANCEL : CxlRejReason.OTHER);
      return;
    }
    o.clOrdId = clOrdId;
    byClOrdId.put(clOrdId, o);
    o.quantity = qty;
    if (m.isSetField(Price.FIELD)) o.price = m.getDouble(Price.FIELD);
    if (m.isSetField(StopPx.FIELD)) o.stopPx = m.getDouble(StopPx.FIELD);
    send(report(o, ExecType.REPLACED, orig));
    match(o);
  }

  private void cancelReject(String clOrdId, String orig, Order o, char responseTo, int reason) {
    OrderCancelReject r = new OrderCancelReject(new OrderID(o == null ? "NONE" : o.orderId), new ClOrdID(clOrdId), new OrigClOrdID(orig),
        new OrdStatus(o == null ? OrdStatus.REJECTED : o.status), new CxlRejResponseTo(responseTo));
    r.set(new CxlRejReason(reason));
    r.set(new Text(o == null ? "unknown order" : o.isFinal() ? "order is final" : "new quantity not above the filled quantity"));
    send(r);
  }

  private void onStatus(Message m) throws FieldNotFound {
    String clOrdId = m.getString(ClOrdID.FIELD);
    Order o = byClOrdId.get(clOrdId);
    if (o == null) {
      ExecutionReport r = new ExecutionReport(new OrderID("NONE"), new ExecID("E" + nextExecId++), new ExecType(ExecType.ORDER_STATUS),
          new OrdStatus(OrdStatus.REJECTED), new quickfix.field.Side(m.getChar(quickfix.field.Side.FIELD)), new LeavesQty(0), new CumQty(0), new AvgPx(0));
      r.set(new ClOrdID(clOrdId));
      r.set(new Symbol(m.getString(Symbol.FIELD)));
      r.set(new OrdRejReason(OrdRejReason.UNKNOWN_ORDER));
      send(r);
      return;
    }
    send(report(o, ExecType.ORDER_STATUS, null));
  }

  /**
   * RequestForPositions (AN): one PositionReport (AP) per symbol with a position, each with TotalNumPosReports, or a
   * RequestForPositionsAck (AO) saying none were found. The shapes are FIX 4.4's, with the fields its dictionary
   * requires (a settlement price of the last trade, a cash amount of what the trades cost).
   */
  private void onPositions(Message m) throws FieldNotFound {
    String id = m.getString(quickfix.field.PosReqID.FIELD);
    quickfix.field.Account account = new quickfix.field.Account(m.getString(quickfix.field.Account.FIELD));
    quickfix.field.AccountType type = new quickfix.field.AccountType(m.getInt(quickfix.field.AccountType.FIELD));
    String day = m.getString(quickfix.field.ClearingBusinessDate.FIELD);
    Map<String, Double> held = new java.util.TreeMap<>();
    for (Trade t : trades) held.merge(t.symbol(), (t.side() == quickfix.field.Side.BUY ? 1 : -1) * t.quantity(), Double::sum);
    adjustments.forEach((s, q) -> held.merge(s, q, Double::sum));
    held.values().removeIf(q -> Math.abs(q) < 1e-12);
    if (held.isEmpty()) {
      quickfix.fix44.RequestForPositionsAck ack = new quickfix.fix44.RequestForPositionsAck(new quickfix.field.PosMaintRptID("P" + nextExecId++),
          new quickfix.field.PosReqResult(quickfix.field.PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA),
          new quickfix.field.PosReqStatus(quickfix.field.PosReqStatus.COMPLETED), account, type);
      ack.set(new quickfix.field.PosReqID(id));
      ack.set(new quickfix.field.TotalNumPosReports(0));
      send(ack);
      return;
    }
    for (Map.Entry<String, Double> e : held.entrySet()) {
      double last = lastPrice.getOrDefault(e.getKey(), 0.0);
      quickfix.fix44.PositionReport r = new quickfix.fix44.PositionReport(new quickfix.field.PosMaintRptID("P" + nextExecId++),
          new quickfix.field.PosReqResult(quickfix.field.PosReqResult.VALID_REQUEST), new quickfix.field.ClearingBusinessDate(day), account, type,
          new quickfix.field.SettlPrice(last), new quickfix.field.SettlPriceType(quickfix.field.SettlPriceType.THEORETICAL),
          new quickfix.field.PriorSettlPrice(last));
      r.set(new quickfix.field.PosReqID(id));
      r.set(new quickfix.field.TotalNumPosReports(held.size()));
      r.set(new Symbol(e.getKey()));
      quickfix.fix44.PositionReport.NoPositions q = new quickfix.fix44.PositionReport.NoPositions();
      q.set(new quickfix.field.PosType(quickfix.field.PosType.TOTAL_TRANSACTION_QTY));
      q.set(new quickfix.field.LongQty(Math.max(0, e.getValue())));
      q.set(new quickfix.field.ShortQty(Math.max(0, -e.getValue())));
      r.addGroup(q);
      quickfix.fix44.PositionReport.NoPosAmt amt = new quickfix.fix44.PositionReport.NoPosAmt();
      amt.set(new quickfix.field.PosAmtType(quickfix.field.PosAmtType.CASH_AMOUNT));
      amt.set(new quickfix.field.PosAmt(e.getValue() * last));
      r.addGroup(amt);
      send(r);
    }
  }

  private void onMassStatus(Message m) throws FieldNotFound {
    String id = m.getString(MassStatusReqID.FIELD);
    List<Order> all = List.copyOf(orders.values());
    if (all.isEmpty()) {
      // No orders: one report saying so, naming no order (OrderID NONE), as the last of the request.
      ExecutionReport r = new ExecutionReport(new OrderID("NONE"), new ExecID("E" + nextExecId++), new ExecType(ExecType.ORDER_STATUS),
          new OrdStatus(OrdStatus.REJECTED), new quickfix.field.Side(quickfix.field.Side.BUY), new LeavesQty(0), new CumQty(0), new AvgPx(0));
      r.set(new Symbol("[N/A]"));
      r.set(new MassStatusReqID(id));
      r.set(new TotNumReports(0));
      r.set(new LastRptRequested(true));
      r.set(new Text("no orders"));
      send(r);
      return;
    }
    for (int i = 0; i < all.size(); i++) {
      ExecutionReport r = report(all.get(i), ExecType.ORDER_STATUS, null);
      r.set(new MassStatusReqID(id));
      r.set(new TotNumReports(all.size()));
      if (i == all.size() - 1) r.set(new LastRptRequested(true));
      send(r);
    }
  }

  private void reject(Message m, String clOrdId, int reason, String text) throws FieldNotFound {
    ExecutionReport r = new ExecutionReport(new OrderID("NONE"), new ExecID("E" + nextExecId++), new ExecType(ExecType.REJECTED), new OrdStatus(OrdStatus.REJECTED),
        new quickfix.field.Side(m.getChar(quickfix.field.Side.FIELD)), new LeavesQty(0), new CumQty(0), new AvgPx(0));
    r.set(new ClOrdID(clOrdId));
    r.set(new Symbol(m.getString(Symbol.FIELD)));
    r.set(new OrdRejReason(reason));
    r.set(new Text(text));
    send(r);
  }

  private ExecutionReport report(Order o, char execType, String origClOrdId) {
    ExecutionReport r = new ExecutionReport(new OrderID(o.orderId), new ExecID("E" + nextExecId++), new ExecType(execType), new OrdStatus(o.status),
        new quickfix.field.Side(o.side), new LeavesQty(o.leaves()), new CumQty(o.cumQty), new AvgPx(o.avgPx()));
    r.set(new ClOrdID(o.clOrdId));
    if (origClOrdId != null) r.set(new OrigClOrdID(origClOrdId));
    r.set(new Symbol(o.symbol));
    r.set(new OrdType(o.type));
    r.set(new OrderQty(o.quantity));
    if (!Double.isNaN(o.price)) r.set(new Price(o.price));
    if (!Double.isNaN(o.stopPx)) r.set(new StopPx(o.stopPx));
    r.set(new TimeInForce(o.tif));
    r.set(new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
    return r;
  }

  private void send(Message m) {
    if (m instanceof ExecutionReport er) lastExecution = er;
    try {
      Session.sendToTarget(m, session);
    } catch (SessionNotFound e) {
      throw new IllegalStateException(e);
    }
  }
}
