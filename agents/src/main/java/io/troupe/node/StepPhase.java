package io.troupe.node;

/**
 * The step, declared once: the order in which one event-time step runs, for the actors ({@link StepCoordinator}) and
 * for the plain loop that is their reference ({@link DirectLoop}). The desks decide from the step's start, beside
 * the first three phases; risk decides once the account is marked and every desk has answered.
 */
public enum StepPhase {
  /** The venue matches its working orders against the step's bars (a simulated venue; a real one has nothing to do). */
  MATCH,
  /** The order manager applies the venue's reports received since the last step, in arrival order, each once. */
  FILLS,
  /** The position monitor applies the fills, marks positions at the closes, records equity and finds exits due. */
  MARKS_AND_EXITS,
  /** Each symbol's desk answers its bar with one intent or none (from the step's start, beside the phases above). */
  DESK_DECISIONS,
  /**
   * The LLM adviser reviews the desks' entries (veto, scale or pass) when one is on ({@code troupe.adviser}); skipped
   * otherwise, and by the plain loop, which has none.
   */
  ADVICE,
  /** The risk supervisor decides exits first, then entries in symbol order: vetoes, approvals, halts. */
  RISK,
  /** The order manager turns approvals into venue orders and sends them with the lifecycle's cancels and modifies. */
  PLACEMENT,
  /** The venue's answers to the placement are applied (a market order that filled on arrival); the step ends. */
  SETTLEMENT;

  /** A phase's name as a person reads it in an error. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
