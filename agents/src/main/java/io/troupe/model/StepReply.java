package io.troupe.model;

/**
 * A reply to the step coordinator: what an agent answers when the coordinator asks it to play its phase of a step
 * (matched, reports applied, marked, decided, placed, settled). The coordinator receives every such reply directly,
 * its own reference narrowed to the reply's type, so a reply costs one message and no adapter on the hot path.
 */
public interface StepReply {}
