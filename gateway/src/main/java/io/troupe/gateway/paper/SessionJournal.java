package io.troupe.gateway.paper;

import io.troupe.gateway.paper.PaperEvent.FillsRecorded;
import io.troupe.gateway.paper.PaperEvent.SessionStarted;
import io.troupe.gateway.paper.PaperEvent.StepRecorded;
import io.troupe.gateway.paper.PaperEvent.TradingStateRecorded;
import io.troupe.persistence.CborSerializable;
import io.troupe.position.AttributedFill;
import io.troupe.risk.TradingState;
import java.util.ArrayList;
import java.util.List;

/**
 * A paper session's journal as recovered: the steps recorded as started (in order) and the completions of the
 * steps that finished (step k's completion is {@code completions.get(k - 1)}: steps complete in order, so at most the
 * last recorded step is unfinished).
 *
 * @param started null for a new session
 * @param lastTradingState null until a live step records one
 */
public record SessionJournal(
    SessionStarted started, List<StepRecorded> steps, List<FillsRecorded> completions, TradingStateRecorded lastTradingState)
    implements CborSerializable {

  public static SessionJournal empty() {
    return new SessionJournal(null, List.of(), List.of(), null);
  }

  public boolean isEmpty() {
    return started == null;
  }

  public boolean completed(long step) {
    return step >= 1 && step <= completions.size();
  }

  /** The fills a completed step applied. */
  public List<AttributedFill> fills(long step) {
    if (!completed(step)) throw new IllegalArgumentException("step " + step + " is not completed in the journal");
    return completions.get((int) step - 1).fills();
  }

  public TradingState tradingState() {
    return lastTradingState == null ? null : lastTradingState.state();
  }

  /** The journal being rebuilt from events: owned by the session actor alone, which hands out {@link #view()}s. */
  static final class Builder {
    private SessionStarted started;
    private final List<StepRecorded> steps = new ArrayList<>();
    private final List<FillsRecorded> completions = new ArrayList<>();
    private TradingStateRecorded lastTradingState;

    Builder apply(PaperEvent event) {
      if (event instanceof SessionStarted s) {
        started = s;
      } else if (event instanceof StepRecorded s) {
        if (s.step() != steps.size() + 1) throw new IllegalStateException("journal: step " + s.step() + " recorded after step " + steps.size());
        steps.add(s);
      } else if (event instanceof FillsRecorded f) {
        if (f.step() != completions.size() + 1) {
          throw new IllegalStateException("journal: step " + f.step() + " completed after step " + completions.size());
        }
        completions.add(f);
      } else if (event instanceof TradingStateRecorded t) {
        lastTradingState = t;
      }
      // Reconciled changes nothing a resume needs: it is the audit record of one.
      return this;
    }

    /** The last step recorded as started, 0 when none. */
    long lastStep() {
      return steps.size();
    }

    long lastStepTime() {
      return steps.isEmpty() ? Long.MIN_VALUE : steps.get(steps.size() - 1).time();
    }

    TradingState tradingState() {
      return lastTradingState == null ? null : lastTradingState.state();
    }

    SessionJournal view() {
      return new SessionJournal(started, List.copyOf(steps), List.copyOf(completions), lastTradingState);
    }
  }
}
