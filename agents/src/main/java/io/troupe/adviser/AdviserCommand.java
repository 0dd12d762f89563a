package io.troupe.adviser;

import io.troupe.model.EntryBrief;
import io.troupe.model.OrderIntent;
import io.troupe.model.StepMessage;
import io.troupe.persistence.CborSerializable;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** The LLM adviser's protocol: the step's entries in, each passed, vetoed or scaled out, once the answers are in. */
public sealed interface AdviserCommand extends CborSerializable {

  /** One entry to review: the desk's intent, what the desk knew (null: nothing), the position held now. */
  record Entry(OrderIntent intent, EntryBrief brief, double held) implements CborSerializable {}

  /**
   * The coordinator's, between the desks' decisions and risk: answered by one {@link Advised} within the adviser's
   * timeout (after it, an endpoint that has not answered is no opinion).
   */
  record Advise(long time, List<Entry> entries, ActorRef<Advised> replyTo) implements AdviserCommand {}

  /** Each entry's intent after the review, in the order asked (null: vetoed), and each one's ruling. */
  record Advised(long time, List<OrderIntent> intents, List<AdviceRuling> rulings) implements CborSerializable, StepMessage {}

  /** Everything of the run so far: answered by a {@link Report}. */
  record GetReport(ActorRef<Report> replyTo) implements AdviserCommand {}

  /**
   * Every ruling of the run in order, the cache entries made (to write back), and how many verdicts came by each
   * outcome ({@link AdviceVerdict.Outcome#label()}); {@code late}: answers that came after their step's deadline.
   */
  record Report(List<AdviceRuling> rulings, List<AdviceCache.Entry> added, Map<String, Long> outcomes, long late) implements CborSerializable {}

  /** An endpoint's answer to round {@code round}'s request (entry, endpoint); internal. */
  record Answered(long round, int entry, int endpoint, String body, String error) implements AdviserCommand {}

  /** Round {@code round}'s deadline passed; internal. */
  record Deadline(long round) implements AdviserCommand {}
}
