package io.troupe.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Test-only entity that journals whatever event it is given and whose state is the list of its events: after a
 * restart, the state shows exactly what the journal gave back. Its commands carry untyped events, so a system
 * running it must not serialize local messages (the journal still serializes every event).
 */
final class EventLog extends EventSourcedBehavior<EventLog.Command, Object, List<Object>> {

  interface Command {}

  record Append(Object event, ActorRef<Long> replyTo) implements Command {}

  record Read(ActorRef<List<Object>> replyTo) implements Command {}

  private EventLog(String persistenceId) {
    super(PersistenceId.ofUniqueId(persistenceId));
  }

  static Behavior<Command> create(String persistenceId) {
    return new EventLog(persistenceId);
  }

  @Override
  public List<Object> emptyState() {
    return List.of();
  }

  @Override
  public CommandHandler<Command, Object, List<Object>> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Append.class, (events, append) -> Effect()
            .persist(append.event())
            .thenReply(append.replyTo(), after -> (long) after.size()))
        .onCommand(Read.class, (events, read) -> Effect().reply(read.replyTo(), events))
        .build();
  }

  @Override
  public EventHandler<List<Object>, Object> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onAnyEvent((events, event) -> {
          List<Object> more = new ArrayList<>(events);
          more.add(event);
          return Collections.unmodifiableList(more);
        });
  }
}
