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
