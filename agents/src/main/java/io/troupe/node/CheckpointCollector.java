package io.troupe.node;

import io.troupe.checkpoint.AgentState;
import io.troupe.checkpoint.NodeCheckpoint;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Gathers the agents' answers to one checkpoint, answers with the whole cut, and stops. */
final class CheckpointCollector {

  private CheckpointCollector() {}

  static Behavior<AgentState> create(long time, Map<String, byte[]> already, int expected, ActorRef<NodeCheckpoint> replyTo) {
    Map<String, byte[]> states = new TreeMap<>(already);
    int[] wanted = {already.size() + expected};
    return Behaviors.receive(AgentState.class)
        .onMessage(AgentState.class, s -> {
          if (states.put(s.agent(), s.state()) != null) throw new IllegalStateException("two agents answered a checkpoint as " + s.agent());
          wanted[0] += s.more();
          if (states.size() < wanted[0]) return Behaviors.same();
          replyTo.tell(new NodeCheckpoint(time, states));
          return Behaviors.stopped();
        })
        .build();
  }
}
