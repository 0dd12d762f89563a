package io.troupe.checkpoint;

import io.troupe.persistence.CborSerializable;

/**
 * One agent's answer to a capture: its name in the node ({@code orders}, {@code desk/BTC}, ...) and its encoded state;
 * {@code more}: how many agents under it answer too (a desk's specialists, as many as its swaps left), for the
 * collector to wait for.
 */
public record AgentState(String agent, byte[] state, int more) implements CborSerializable {
  public AgentState(String agent, byte[] state) {
    this(agent, state, 0);
  }
}
