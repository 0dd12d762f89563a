package io.troupe.gateway.fix;

import java.util.regex.Pattern;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J's message log with the Logon's secrets masked: Password (554) and NewPassword (925) are written as
 * {@code ***}, so the log under the state folder never holds a password (the message as sent is unchanged).
 */
final class MaskingLogFactory implements LogFactory {

  private static final Pattern SECRET = Pattern.compile("(^|\u0001)(554|925)=[^\u0001]*");

  private final LogFactory inner;

  MaskingLogFactory(LogFactory inner) {
    this.inner = inner;
  }

  static String mask(String message) {
    return message == null ? null : SECRET.matcher(message).replaceAll("$1$2=***");
  }

  @Override
  public Log create(SessionID sessionID) {
    Log log = inner.create(sessionID);
    return new Log() {
      @Override
      public void clear() {
        log.clear();
      }

      @Override
      public void onIncoming(String message) {
        log.onIncoming(mask(message));
      }

      @Override
      public void onOutgoing(String message) {
        log.onOutgoing(mask(message));
      }

      @Override
      public void onEvent(String text) {
        log.onEvent(mask(text));
      }

      @Override
      public void onErrorEvent(String text) {
        log.onErrorEvent(mask(text));
      }
    };
  }
}
