package io.troupe.gateway.fix;

import java.io.IOException;
import java.util.Collection;
import java.util.Date;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J's message store without the Logons that carry a password: the store keeps sent messages for resends,
 * and a Logon is never resent (on a resend request an admin message becomes a gap fill, and so does a number the store
 * does not hold), so not keeping it changes nothing on the wire and leaves no password on disk.
 */
final class SecretFreeStoreFactory implements MessageStoreFactory {

  private final MessageStoreFactory inner;

  SecretFreeStoreFactory(MessageStoreFactory inner) {
    this.inner = inner;
  }

  static boolean holdsSecret(String message) {
    return message != null && message.contains("\u000135=A\u0001") && (message.contains("\u0001554=") || message.contains("\u0001925="));
  }

  @Override
  public MessageStore create(SessionID sessionID) {
    MessageStore store = inner.create(sessionID);
    return new MessageStore() {
      @Override
      public boolean set(int sequence, String message) throws IOException {
        return holdsSecret(message) || store.set(sequence, message);
      }

      @Override
      public void get(int start, int end, Collection<String> messages) throws IOException {
        store.get(start, end, messages);
      }

      @Override
      public int getNextSenderMsgSeqNum() throws IOException {
        return store.getNextSenderMsgSeqNum();
      }

      @Override
      public int getNextTargetMsgSeqNum() throws IOException {
        return store.getNextTargetMsgSeqNum();
      }

      @Override
      public void setNextSenderMsgSeqNum(int next) throws IOException {
        store.setNextSenderMsgSeqNum(next);
      }

      @Override
      public void setNextTargetMsgSeqNum(int next) throws IOException {
        store.setNextTargetMsgSeqNum(next);
      }

      @Override
      public void incrNextSenderMsgSeqNum() throws IOException {
        store.incrNextSenderMsgSeqNum();
      }

      @Override
      public void incrNextTargetMsgSeqNum() throws IOException {
        store.incrNextTargetMsgSeqNum();
      }

      @Override
      public Date getCreationTime() throws IOException {
        return store.getCreationTime();
      }

      @Override
      public void reset() throws IOException {
        store.reset();
      }

      @Override
      public void refresh() throws IOException {
        store.refresh();
      }
    };
  }
}
