package io.troupe.model;

/**
 * A message of the step: what an agent that runs part of a step receives from those it asks (the node's coordinator
 * from the account agents and the desks; a desk from its specialists), and the commands it takes. Such an agent's
 * behavior is over this type, and it hands out its own reference narrowed to each reply's type, so a reply costs one
 * message and no adapter on the hot path.
 */
public interface StepMessage {}
