package io.troupe.gateway.fix;

import io.troupe.model.Liquidity;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderType;
import io.troupe.model.Side;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.Commission;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecInst;
import quickfix.field.ExecRefID;
import quickfix.field.ExecType;
import quickfix.field.HandlInst;
import quickfix.field.LastLiquidityInd;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MassStatusReqID;
import quickfix.field.MassStatusReqType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.SendingTime;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassStatusRequest;
import quickfix.fix44.OrderStatusRequest;

/** Troupe's orders as FIX 4.4 messages, and the fields of the peer's execution reports back. */
final class FixMessages {

  private FixMessages() {}

  static NewOrderSingle newOrder(FixOrderBook.Entry e, String account, long now) {
    OrderRequest r = e.request();
    NewOrderSingle m = new NewOrderSingle(new ClOrdID(e.clOrdId()), side(r.side()), transactTime(now), ordType(r.type()));
    m.set(new HandlInst(HandlInst.AUTOMATED_EXECUTION_ORDER_PRIVATE_NO_BROKER_INTERVENTION));
    m.set(new Symbol(r.symbol()));
    m.set(new OrderQty(r.quantity()));
    if (r.type() == OrderType.LIMIT || r.type() == OrderType.STOP_LIMIT) m.set(new Price(r.limitPrice()));
    if (r.type() == OrderType.STOP || r.type() == OrderType.STOP_LIMIT) m.set(new StopPx(r.stopPrice()));
    m.set(timeInForce(r.timeInForce()));
    String inst = (r.postOnly() ? String.valueOf(ExecInst.PARTICIPATE_DONT_INITIATE) : "") + (r.reduceOnly() ? String.valueOf(ExecInst.DO_NOT_INCREASE_DNI) : "");
    if (!inst.isEmpty()) m.set(new ExecInst(String.join(" ", inst.split(""))));
    if (!account.isEmpty()) m.set(new Account(account));
    return m;
  }

  static OrderCancelRequest cancel(FixOrderBook.Request q, String account, long now) {
    OrderRequest r = q.order().request();
    OrderCancelRequest m = new OrderCancelRequest(new OrigClOrdID(q.origClOrdId()), new ClOrdID(q.clOrdId()), side(r.side()), transactTime(now));
    m.set(new Symbol(r.symbol()));
    m.set(new OrderQty(r.quantity()));
    if (!q.order().venueOrderId().isEmpty()) m.set(new OrderID(q.order().venueOrderId()));
    if (!account.isEmpty()) m.set(new Account(account));
    return m;
  }

  /** A cancel of an order this venue did not send (seen in the mass status), by its ClOrdID. */
  static OrderCancelRequest cancelOutside(io.troupe.venue.VenueCommand.OutsideOrder o, String clOrdId, String account, long now) {
    OrderCancelRequest m = new OrderCancelRequest(new OrigClOrdID(o.venueId()), new ClOrdID(clOrdId), side(o.side()), transactTime(now));
    m.set(new Symbol(o.symbol()));
    m.set(new OrderQty(o.quantity()));
    if (!account.isEmpty()) m.set(new Account(account));
    return m;
  }

  static OrderCancelReplaceRequest replace(FixOrderBook.Request q, String account, long now) {
    OrderRequest r = q.order().request();
    OrderCancelReplaceRequest m =
        new OrderCancelReplaceRequest(new OrigClOrdID(q.origClOrdId()), new ClOrdID(q.clOrdId()), side(r.side()), transactTime(now), ordType(r.type()));
    m.set(new HandlInst(HandlInst.AUTOMATED_EXECUTION_ORDER_PRIVATE_NO_BROKER_INTERVENTION));
    m.set(new Symbol(r.symbol()));
    m.set(new OrderQty(q.quantity()));
    if (r.type() == OrderType.LIMIT || r.type() == OrderType.STOP_LIMIT) m.set(new Price(q.limitPrice()));
    if (r.type() == OrderType.STOP || r.type() == OrderType.STOP_LIMIT) m.set(new StopPx(q.stopPrice()));
    m.set(timeInForce(r.timeInForce()));
    if (!q.order().venueOrderId().isEmpty()) m.set(new OrderID(q.order().venueOrderId()));
    if (!account.isEmpty()) m.set(new Account(account));
    return m;
  }

  static OrderStatusRequest status(FixOrderBook.Entry e) {
    OrderStatusRequest m = new OrderStatusRequest(new ClOrdID(e.clOrdId()), side(e.request().side()));
    m.set(new Symbol(e.request().symbol()));
    if (!e.venueOrderId().isEmpty()) m.set(new OrderID(e.venueOrderId()));
    return m;
  }

  static OrderMassStatusRequest massStatus(String requestId, String account) {
    OrderMassStatusRequest m = new OrderMassStatusRequest(new MassStatusReqID(requestId), new MassStatusReqType(MassStatusReqType.STATUS_FOR_ALL_ORDERS));
    if (!account.isEmpty()) m.set(new Account(account));
    return m;
  }

  /**
   * A RequestForPositions (AN) for the account's positions today: Account is the configured one, else the session's
   * SenderCompID (the tag is required); AccountType 1 (carried on the customer side of the books).
   */
  static quickfix.fix44.RequestForPositions positions(String requestId, String account, String senderCompId, long now) {
    String day = java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate());
    return new quickfix.fix44.RequestForPositions(new quickfix.field.PosReqID(requestId), new quickfix.field.PosReqType(quickfix.field.PosReqType.POSITIONS),
        new Account(account.isEmpty() ? senderCompId : account),
        new quickfix.field.AccountType(quickfix.field.AccountType.ACCOUNT_IS_CARRIED_ON_CUSTOMER_SIDE_OF_THE_BOOKS), new quickfix.field.ClearingBusinessDate(day),
        transactTime(now));
  }

  /** A CollateralInquiry (BB) for the account's collateral: its CashOutstanding per Currency comes back in CollateralReports. */
  static quickfix.fix44.CollateralInquiry collateral(String requestId, String account) {
    quickfix.fix44.CollateralInquiry m = new quickfix.fix44.CollateralInquiry();
    m.set(new quickfix.field.CollInquiryID(requestId));
    if (!account.isEmpty()) m.set(new Account(account));
    return m;
  }

  /** A PositionReport's net quantity: LongQty less ShortQty of its first position entry (NaN when it has none). */
  static double netPosition(Message m) throws FieldNotFound {
    if (!m.isSetField(quickfix.field.NoPositions.FIELD) || m.getInt(quickfix.field.NoPositions.FIELD) < 1) return Double.NaN;
    quickfix.fix44.PositionReport.NoPositions g = new quickfix.fix44.PositionReport.NoPositions();
    m.getGroup(1, g);
    double longQty = g.isSetField(quickfix.field.LongQty.FIELD) ? g.getDouble(quickfix.field.LongQty.FIELD) : 0;
    double shortQty = g.isSetField(quickfix.field.ShortQty.FIELD) ? g.getDouble(quickfix.field.ShortQty.FIELD) : 0;
    return longQty - shortQty;
  }

  static quickfix.field.Side side(Side s) {
    return new quickfix.field.Side(s == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL);
  }

  static OrdType ordType(OrderType t) {
    return new OrdType(switch (t) {
      case MARKET -> OrdType.MARKET;
      case LIMIT -> OrdType.LIMIT;
      case STOP -> OrdType.STOP_STOP_LOSS;
      case STOP_LIMIT -> OrdType.STOP_LIMIT;
    });
  }

  /** A peer's OrdType as Troupe's, or null for a type Troupe has no word for (pegged, on close, ...). */
  static OrderType orderType(char ordType) {
    return switch (ordType) {
      case OrdType.MARKET -> OrderType.MARKET;
      case OrdType.LIMIT -> OrderType.LIMIT;
      case OrdType.STOP_STOP_LOSS -> OrderType.STOP;
      case OrdType.STOP_LIMIT -> OrderType.STOP_LIMIT;
      default -> null;
    };
  }

  /**
   * A working order's TimeInForce as Troupe's: IOC and FOK as themselves, any other (GTC, day, GTD, ...) as GTC, for
   * the order lives until the venue ends it and reports so.
   */
  static io.troupe.model.TimeInForce timeInForce(char tif) {
    return switch (tif) {
      case TimeInForce.IMMEDIATE_OR_CANCEL -> io.troupe.model.TimeInForce.IOC;
      case TimeInForce.FILL_OR_KILL -> io.troupe.model.TimeInForce.FOK;
      default -> io.troupe.model.TimeInForce.GTC;
    };
  }

  static TimeInForce timeInForce(io.troupe.model.TimeInForce t) {
    return new TimeInForce(switch (t) {
      case GTC -> TimeInForce.GOOD_TILL_CANCEL;
      case IOC -> TimeInForce.IMMEDIATE_OR_CANCEL;
      case FOK -> TimeInForce.FILL_OR_KILL;
    });
  }

  static TransactTime transactTime(long epochMillis) {
    return new TransactTime(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
  }

  /** The fields of an ExecutionReport (35=8). */
  static FixOrderBook.Exec exec(Message m) throws FieldNotFound {
    Side side = null;
    if (m.isSetField(quickfix.field.Side.FIELD)) side = m.getChar(quickfix.field.Side.FIELD) == quickfix.field.Side.SELL ? Side.SELL : Side.BUY;
    Liquidity liquidity = Liquidity.TAKER;
    if (m.isSetField(LastLiquidityInd.FIELD) && m.getInt(LastLiquidityInd.FIELD) == LastLiquidityInd.ADDED_LIQUIDITY) liquidity = Liquidity.MAKER;
    return new FixOrderBook.Exec(
        text(m, ExecID.FIELD),
        m.getChar(ExecType.FIELD),
        m.getChar(OrdStatus.FIELD),
        text(m, ClOrdID.FIELD),
        text(m, OrigClOrdID.FIELD),
        text(m, OrderID.FIELD),
        side,
        number(m, LastQty.FIELD),
        number(m, LastPx.FIELD),
        number(m, LeavesQty.FIELD),
        number(m, CumQty.FIELD),
        number(m, AvgPx.FIELD),
        number(m, OrderQty.FIELD),
        number(m, Price.FIELD),
        number(m, StopPx.FIELD),
        m.isSetField(OrdRejReason.FIELD) ? m.getInt(OrdRejReason.FIELD) : -1,
        text(m, Text.FIELD),
        number(m, Commission.FIELD),
        liquidity,
        time(m),
        text(m, ExecRefID.FIELD));
  }

  static String text(Message m, int field) throws FieldNotFound {
    return m.isSetField(field) ? m.getString(field) : null;
  }

  static double number(Message m, int field) throws FieldNotFound {
    return m.isSetField(field) ? m.getDouble(field) : Double.NaN;
  }

  /** When the peer says it happened: TransactTime, else the message's SendingTime. */
  static long time(Message m) throws FieldNotFound {
    LocalDateTime t;
    if (m.isSetField(TransactTime.FIELD)) t = m.getUtcTimeStamp(TransactTime.FIELD);
    else t = m.getHeader().getUtcTimeStamp(SendingTime.FIELD);
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
