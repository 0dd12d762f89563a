package io.troupe.checkpoint;

import io.troupe.persistence.CborSerializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every agent's in-memory state at the close of the step at {@code time}, taken while the node was idle (lockstep:
 * no message of a step is in flight between steps), so the states form one consistent cut. A node built from it with
 * {@code NodeSettings.restoredFrom} continues exactly as the node it was taken from.
 *
 * @param agents encoded state by agent name, in name order
 */
public record NodeCheckpoint(long time, Map<String, byte[]> agents) implements CborSerializable {

  public NodeCheckpoint {
    agents = java.util.Collections.unmodifiableMap(new TreeMap<>(agents));
  }

  /** The decoded state of one agent. */
  public <T> T state(String agent, Class<T> type) {
    byte[] bytes = agents.get(agent);
    if (bytes == null) throw new IllegalStateException("checkpoint has no state for agent " + agent + " (it holds " + agents.keySet() + ")");
    return StateCodec.decode(bytes, type);
  }

  /** The same cut with only the agents {@code named} keeps (a desk's part, for the member it is restored on). */
  public NodeCheckpoint only(java.util.function.Predicate<String> named) {
    Map<String, byte[]> kept = new TreeMap<>();
    for (var e : agents.entrySet()) if (named.test(e.getKey())) kept.put(e.getKey(), e.getValue());
    return new NodeCheckpoint(time, kept);
  }

  public long bytes() {
    long n = 0;
    for (byte[] b : agents.values()) n += b.length;
    return n;
  }
}
