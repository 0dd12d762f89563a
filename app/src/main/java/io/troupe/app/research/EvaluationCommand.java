package io.troupe.app.research;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The evaluation pool's protocol: a request to evaluate one candidate, answered by one {@link Evaluated}. A request
 * holds only the candidate's index and values, so a worker on another cluster member could serve it once the
 * evaluation data (the bars and the base configuration) is known there.
 */
public sealed interface EvaluationCommand extends io.troupe.persistence.CborSerializable permits EvaluationCommand.Evaluate, EvaluationPool.WorkerDone {

  /** Evaluate the candidate {@code values}; the answer goes to {@code replyTo}. */
  record Evaluate(int index, Map<String, String> values, ActorRef<Evaluated> replyTo) implements EvaluationCommand {}

  /** The answer: the evaluation, or the failure that stopped it (a bug, not a bad candidate: those are evaluations with an error). */
  record Evaluated(int index, Evaluation evaluation, String failure) implements io.troupe.persistence.CborSerializable {}
}
