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

  @Override
  public void fromAdmin(Message message, SessionID sessionId) {}

  @Override
  public void toApp(Message message, SessionID sessionId) {}

  @Override
  public void fromApp(Message message, SessionID sessionId) {
    events.accept(new Received(message));
  }
}
