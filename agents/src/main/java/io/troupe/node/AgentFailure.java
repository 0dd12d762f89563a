package io.troupe.node;

/**
 * An agent of the account group failed and trading was halted (working orders cancelled, no new orders). The message
 * names the agent, the step and phase it failed in, and the cause; the run ends with it (exit 1), never with a stall.
 */
public final class AgentFailure extends RuntimeException {

  public AgentFailure(String message) {
    super(message);
  }
}
