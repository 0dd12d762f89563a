package io.troupe.checkpoint;

import io.troupe.persistence.CborSerializable;

/** One agent's answer to a capture: its name in the node ({@code orders}, {@code desk/BTC}, ...) and its encoded state. */
public record AgentState(String agent, byte[] state) implements CborSerializable {}
