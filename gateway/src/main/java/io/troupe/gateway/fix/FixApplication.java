package io.troupe.gateway.fix;

import java.util.function.Consumer;
import quickfix.Application;
import quickfix.Message;
import quickfix.SessionID;

/**
 * QuickFIX/J's callbacks, handed on as events to the venue actor (they come on the engine's thread; the actor owns
 * all state). Session-level work (logon, heartbeats, resend, gap fill) is the engine's.
 */
final class FixApplication implements Application {

  /** What the engine tells the venue. */
  sealed interface Event {}

  record LoggedOn(SessionID session) implements Event {}

  record LoggedOut(SessionID session) implements Event {}

  /** An application message from the peer (a resent one carries PossDupFlag). */
  record Received(Message message) implements Event {}

  /**
   * A session-level Reject (35=3) of a message this side sent: {@code refMsgType} its type (from the reject, else from
   * what was sent under its RefSeqNum), {@code refId} the id it carried (ClOrdID, PosReqID, CollInquiryID or
   * MassStatusReqID), null when the sequence number is not among those remembered.
   */
  record SessionRejected(Message reject, String refMsgType, String refId) implements Event {}

  /** What went out under a sequence number: its type and the id a reject must be matched by. */
  private record Sent(String msgType, String id) {}

  /** The application messages sent last, by sequence number: a Reject names only the number. */
  private final java.util.Map<Integer, Sent> sent = new java.util.LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<Integer, Sent> eldest) {
      return size() > SENT_KEPT;
    }
  };

  private static final int SENT_KEPT = 10_000;

  private final Consumer<Event> events;
  private final FixSecurity security;

  FixApplication(Consumer<Event> events, FixSecurity security) {
    this.events = events;
    this.security = security;
  }

  @Override
  public void onCreate(SessionID sessionId) {}

  @Override
  public void onLogon(SessionID sessionId) {
    events.accept(new LoggedOn(sessionId));
  }

  @Override
  public void onLogout(SessionID sessionId) {
    events.accept(new LoggedOut(sessionId));
  }

  @Override
  public void toAdmin(Message message, SessionID sessionId) {
    // The credentials ride on every Logon (the first, and each after a reconnect); the message log masks the password.
    try {
      if (!quickfix.field.MsgType.LOGON.equals(message.getHeader().getString(quickfix.field.MsgType.FIELD))) return;
    } catch (quickfix.FieldNotFound e) {
      return;
    }
    if (!security.username().isEmpty()) message.setString(quickfix.field.Username.FIELD, security.username());
    if (!security.password().isEmpty()) message.setString(quickfix.field.Password.FIELD, security.password());
  }

  /**
   * A session-level Reject is the peer refusing one of this side's messages (a value or a field it will not take):
   * handed on, or an order, a cancel or a reconciliation request would wait for an answer that never comes.
   */
  @Override
  public void fromAdmin(Message message, SessionID sessionId) {
    try {
      if (!quickfix.field.MsgType.REJECT.equals(message.getHeader().getString(quickfix.field.MsgType.FIELD))) return;
      Sent what;
      synchronized (sent) {
        what = message.isSetField(quickfix.field.RefSeqNum.FIELD) ? sent.get(message.getInt(quickfix.field.RefSeqNum.FIELD)) : null;
      }
      String type = message.isSetField(quickfix.field.RefMsgType.FIELD) ? message.getString(quickfix.field.RefMsgType.FIELD) : what == null ? null : what.msgType();
      events.accept(new SessionRejected(message, type, what != null && what.msgType().equals(type) ? what.id() : null));
    } catch (quickfix.FieldNotFound e) {
      // a Reject without its type cannot be taken for anything
    }
  }

  /** Remembers each application message's sequence number, type and id, for a Reject that names only the number. */
  @Override
  public void toApp(Message message, SessionID sessionId) {
    try {
      String type = message.getHeader().getString(quickfix.field.MsgType.FIELD);
      int seq = message.getHeader().getInt(quickfix.field.MsgSeqNum.FIELD);
      String id = null;
      for (int tag : ID_TAGS) {
        if (message.isSetField(tag)) {
          id = message.getString(tag);
          break;
        }
      }
      synchronized (sent) {
        sent.put(seq, new Sent(type, id));
      }
    } catch (quickfix.FieldNotFound e) {
      // no sequence number yet: nothing a reject could name
    }
  }

  /** ClOrdID, PosReqID, CollInquiryID, MassStatusReqID. */
  private static final int[] ID_TAGS = {quickfix.field.ClOrdID.FIELD, quickfix.field.PosReqID.FIELD, quickfix.field.CollInquiryID.FIELD,
      quickfix.field.MassStatusReqID.FIELD};

  @Override
  public void fromApp(Message message, SessionID sessionId) {
    events.accept(new Received(message));
  }
}
