package io.troupe.app.paper;

import io.troupe.model.InvalidInputException;
import io.troupe.app.paper.PaperEvent.StepRecorded;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.AttributedFill;
import java.time.Instant;
import java.util.List;

/** What a resume checks while it replays the data through a fresh node: the same bars, and the same fills. */
final class ReplayCheck {
  private ReplayCheck() {}

  /** The data's step must be the journaled one: otherwise the session cannot be resumed on this data (exit 2). */
  static void sameBars(StepRecorded journaled, long step, long time, String digest) {
    if (journaled.time() != time || !journaled.barsDigest().equals(digest)) {
      throw new InvalidInputException("the data disagrees with the journal at step " + step + ": the journal recorded "
          + Instant.ofEpochMilli(journaled.time()) + " (bars " + journaled.barsDigest() + "), the data gives " + Instant.ofEpochMilli(time)
          + " (bars " + digest + "); resume with the session's own data, or start a new session in another --state");
    }
  }

  /**
   * The data of the steps the journal holds as completed must be the journaled data, those before the checkpoint too
   * (a resume from a checkpoint replays none of them): each checkpoint's digest of all steps up to it is recomputed
   * from the data, and the first that differs names the span between it and the checkpoint before. Returns the chained
   * digest through the last completed step, for the live steps to go on from.
   */
  static String sameData(SessionJournal journal, List<List<io.troupe.market.Bar>> steps, BarsDigest digest) {
    String chain = BarsDigest.NO_STEPS;
    java.util.Iterator<SessionJournal.DataDigest> recorded = journal.dataDigests().iterator();
    SessionJournal.DataDigest next = recorded.hasNext() ? recorded.next() : null;
    long spanFirst = 1;
    for (long step = 1; step <= journal.completed() && step <= steps.size(); step++) {
      chain = digest.chain(chain, digest.of(steps.get((int) step - 1)));
      if (next == null || next.step() != step) continue;
      if (!next.digest().equals(chain)) {
        throw new InvalidInputException("the data disagrees with the journal in steps " + spanFirst + " to " + step + " ("
            + Instant.ofEpochMilli(steps.get((int) spanFirst - 1).get(0).time()) + " to " + Instant.ofEpochMilli(steps.get((int) step - 1).get(0).time())
            + "): the checkpoint at step " + step + " recorded their bars as " + next.digest() + ", the data gives " + chain
            + "; resume with the session's own data, or start a new session in another --state");
      }
      spanFirst = step + 1;
      next = recorded.hasNext() ? recorded.next() : null;
    }
    return chain;
  }

  /**
   * The replayed step must apply exactly the fills the journal recorded for it: same ids, quantities and prices, in
   * order. A difference means the pipeline did not replay deterministically, which no resume may paper over.
   */
  static void sameFills(long step, long time, List<AttributedFill> journaled, List<AttributedFill> replayed) {
    String where = "step " + step + " (" + Instant.ofEpochMilli(time) + ")";
    if (journaled.size() != replayed.size()) {
      throw new IllegalStateException("replay diverged at " + where + ": the journal recorded " + journaled.size() + " fills, the replay applied "
          + replayed.size());
    }
    for (int i = 0; i < journaled.size(); i++) {
      Fill j = journaled.get(i).fill();
      Fill r = replayed.get(i).fill();
      if (!j.fillId().equals(r.fillId()) || Double.compare(j.quantity(), r.quantity()) != 0 || Double.compare(j.price(), r.price()) != 0
          || j.side() != r.side() || !j.symbol().equals(r.symbol())) {
        throw new IllegalStateException("replay diverged at " + where + ": journaled fill " + describe(j) + ", replayed " + describe(r));
      }
    }
  }

  private static String describe(Fill f) {
    return f.fillId() + " " + f.side() + " " + f.quantity() + " " + f.symbol() + " @ " + f.price();
  }
}
