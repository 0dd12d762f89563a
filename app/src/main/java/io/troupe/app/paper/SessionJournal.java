package io.troupe.app.paper;

import io.troupe.checkpoint.NodeCheckpoint;
import io.troupe.app.paper.PaperEvent.Checkpointed;
import io.troupe.app.paper.PaperEvent.SessionStarted;
import io.troupe.app.paper.PaperEvent.StepCompleted;
import io.troupe.app.paper.PaperEvent.StepRecorded;
import io.troupe.app.paper.PaperEvent.TradingStateRecorded;
import io.troupe.model.OrderRecord;
import io.troupe.model.OrderStatus;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AttributedFill;
import io.troupe.model.TradingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A paper session's journal as recovered: the account it records (positions as the signed sums of the fills, the
 * working orders, the cash and equity at the last completed step, the trading state), the latest checkpoint of the
 * agents, and the steps since that checkpoint (a resume replays only those). Steps complete in order, so at most the
 * last recorded step is unfinished.
 *
 * @param started null for a new session
 * @param lastStep the last step recorded as started, 0 for none
 * @param completed the steps recorded as completed
 * @param tail the steps after the checkpoint (all steps when there is none): their starts, and their completions
 * @param positions signed quantity per symbol: the sum of every journaled fill
 * @param working the orders not final at the last completed step, by id
 * @param account the account at the last completed step; null before the first, or for journals of version 1
 * @param lastTradingState null until a live step records one
 * @param checkpoint null when the agents were never checkpointed (or the snapshot holding it was skipped)
 * @param risk the risk supervisor's baselines and restrictions as last recorded; null before the first (or in version 1)
 * @param ordersJournaled every completed step recorded its orders and account (false when version 1 wrote some)
 * @param dataDigests at each checkpoint that recorded one, the chained digest of the bars of every step up to it, in
 *     step order (empty in journals before them)
 * @param controls the operators' controls issued at or after the checkpoint's step (all when there is none), in the
 *     order journaled: a resume applies them again at their boundaries
 * @param stateAtCompleted the trading state as journaled up to the last completed step (a control or a breaker after
 *     it, in the step that did not complete, is not yet in the rebuilt agents); null as {@code lastTradingState}
 * @param advice the adviser's rulings journaled after the checkpoint's step (all when there is none): a resume's
 *     replay answers from them
 * @param flows what the journaled fills did to the account, by symbol (the quote paid and received, the position's
 *     cost, the fees charged in the quote currency): a live session compares the venue's balances with it
 * @param chargedFees the fees the journaled fills were charged in an asset other than their quote currency (BNB), by asset
 */
public record SessionJournal(
    SessionStarted started,
    long lastStep,
    long completed,
    Tail tail,
    Map<String, Double> positions,
    Map<String, OrderRecord> working,
    long fills,
    StepAccount account,
    TradingStateRecorded lastTradingState,
    Checkpoint checkpoint,
    io.troupe.risk.RiskBaselines risk,
    boolean ordersJournaled,
    List<DataDigest> dataDigests,
    List<PaperEvent.ControlIssued> controls,
    TradingStateRecorded stateAtCompleted,
    List<PaperEvent.AdviceRecorded> advice,
    Map<String, io.troupe.app.live.SymbolFlow> flows,
    Map<String, Double> chargedFees)
    implements CborSerializable {

  public SessionJournal {
    dataDigests = dataDigests == null ? List.of() : dataDigests; // snapshots from before data digests
    controls = controls == null ? List.of() : controls; // snapshots from before controls have none
    flows = flows == null ? Map.of() : flows; // snapshots from before the balances were compared
    chargedFees = chargedFees == null ? Map.of() : chargedFees;
  }

  /** The chained digest of the bars of steps 1 to {@code step}, as a checkpoint recorded it. */
  public record DataDigest(long step, String digest) implements CborSerializable {}

  /** The steps since the checkpoint: step {@code first + i} is {@code steps.get(i)}. */
  public record Tail(long first, List<StepRecorded> steps, List<StepCompleted> completions) implements CborSerializable {}

  /** The agents' states at the close of {@code step}, from the build {@code code}, in checkpoint format {@code format} (0: before versions). */
  public record Checkpoint(long step, long time, String code, NodeCheckpoint agents, int format) implements CborSerializable {}

  public boolean isEmpty() {
    return started == null;
  }

  public boolean completed(long step) {
    return step >= 1 && step <= completed;
  }

  /** The journaled start of a step after the checkpoint. */
  public StepRecorded recorded(long step) {
    if (step < tail.first() || step > lastStep) throw new IllegalArgumentException("step " + step + " is not in the journal's tail (" + tail.first() + ".." + lastStep + ")");
    return tail.steps().get((int) (step - tail.first()));
  }

  /** The fills a completed step after the checkpoint applied. */
  public List<AttributedFill> fills(long step) {
    if (!completed(step) || step < tail.first()) throw new IllegalArgumentException("step " + step + " is not a completed step of the journal's tail");
    return tail.completions().get((int) (step - tail.first())).fills();
  }

  /** The journaled completion of a completed step after the checkpoint. */
  public StepCompleted completion(long step) {
    if (!completed(step) || step < tail.first()) throw new IllegalArgumentException("step " + step + " is not a completed step of the journal's tail");
    return tail.completions().get((int) (step - tail.first()));
  }

  public TradingState tradingState() {
    return lastTradingState == null ? null : lastTradingState.state();
  }

  /** The trading state as journaled up to the close of the last completed step: what the rebuilt agents must hold. */
  public TradingState tradingStateAtCompleted() {
    return stateAtCompleted == null ? null : stateAtCompleted.state();
  }

  /** The controls journaled at the boundary after step {@code step}, in the order given. */
  public List<PaperEvent.ControlIssued> controlsAfter(long step) {
    return controls.stream().filter(c -> c.afterStep() == step).toList();
  }

  /**
   * The journal being rebuilt from events: owned by the session actor alone, which hands out {@link #view()}s and
   * snapshots of it. A checkpoint's bytes are staged by the command that records it: the event names the checkpoint,
   * the snapshot taken with it holds the bytes (replayed without that snapshot, the event changes nothing).
   */
  static final class Builder {
    /** How many of the latest journaled fill ids the journal remembers (see {@link #fillIds}). */
    static final int RECENT_FILL_IDS = 10_000;

    private SessionStarted started;
    private long lastStep;
    private long lastStepTime = Long.MIN_VALUE;
    private long completed;
    private long tailFirst = 1;
    private final List<StepRecorded> tailSteps = new ArrayList<>();
    private final List<StepCompleted> tailCompletions = new ArrayList<>();
    private final Map<String, Double> positions = new TreeMap<>();
    private final Map<String, OrderRecord> working = new LinkedHashMap<>();
    /**
     * The ids of the latest {@link #RECENT_FILL_IDS} fills journaled, so a fill journaled twice is counted once in the
     * positions. A guard, not the mechanism: a fill is journaled once, by the live step that applied it (the order
     * manager refuses a repeated fill id; replayed steps journal nothing). A bounded window keeps a session that never
     * ends from holding every id: a repeat further apart than that would show as a position difference when the
     * session resumes (reconciliation, exit 1), and {@code journal verify} reads every event and names any repeat.
     */
    private final Set<String> fillIds = new java.util.LinkedHashSet<>();
    private long fillCount;
    private StepAccount account;
    private TradingStateRecorded lastTradingState;
    private Checkpoint checkpoint;
    private NodeCheckpoint staged;
    private boolean ordersJournaled = true;
    private io.troupe.risk.RiskBaselines risk;
    private final List<DataDigest> dataDigests = new ArrayList<>();
    private final List<PaperEvent.ControlIssued> controls = new ArrayList<>();
    private final List<PaperEvent.AdviceRecorded> advice = new ArrayList<>();
    private TradingStateRecorded stateAtCompleted;
    private final Map<String, io.troupe.app.live.SymbolFlow> flows = new TreeMap<>();
    private final Map<String, Double> chargedFees = new TreeMap<>();

    Builder apply(PaperEvent event) {
      if (event instanceof SessionStarted s) {
        started = s;
      } else if (event instanceof StepRecorded s) {
        if (s.step() != lastStep + 1) throw new IllegalStateException("journal: step " + s.step() + " recorded after step " + lastStep);
        lastStep = s.step();
        lastStepTime = s.time();
        tailSteps.add(s);
      } else if (event instanceof StepCompleted c) {
        if (c.step() != completed + 1) throw new IllegalStateException("journal: step " + c.step() + " completed after step " + completed);
        completed = c.step();
        tailCompletions.add(c);
        for (AttributedFill af : c.fills()) {
          // A fill journaled twice would be a bug upstream; the account counts it once and `journal verify` names it.
          if (!fillIds.add(af.fill().fillId())) continue;
          fillCount++;
          if (fillIds.size() > RECENT_FILL_IDS) dropOldestFillId();
          positions.merge(af.fill().symbol(), af.fill().side().sign() * af.fill().quantity(), Double::sum);
          flow(af.fill());
        }
        for (OrderRecord o : c.orders()) {
          if (OrderStatus.valueOf(o.status()).isFinal()) working.remove(o.orderId());
          else working.put(o.orderId(), o);
        }
        if (c.account() != null) account = c.account();
        else ordersJournaled = false;
        stateAtCompleted = lastTradingState;
      } else if (event instanceof PaperEvent.RiskRecorded r) {
        risk = r.baselines();
      } else if (event instanceof TradingStateRecorded t) {
        lastTradingState = t;
      } else if (event instanceof PaperEvent.ControlIssued c) {
        controls.add(c);
      } else if (event instanceof PaperEvent.AdviceRecorded a) {
        advice.add(a);
      } else if (event instanceof Checkpointed c) {
        // Whether or not its snapshot is used, the digest vouches for the data up to it.
        if (c.dataDigest() != null && (dataDigests.isEmpty() || dataDigests.get(dataDigests.size() - 1).step() < c.step())) {
          dataDigests.add(new DataDigest(c.step(), c.dataDigest()));
        }
        if (staged != null && staged.time() == c.time() && c.step() == completed) {
          checkpoint = new Checkpoint(c.step(), c.time(), c.code(), staged, c.format());
          tailFirst = c.step() + 1;
          trimTail(c.step());
        }
        staged = null;
      }
      // Reconciled changes nothing a resume needs: it is the audit record of one.
      return this;
    }

    /** The fill's cash and fee, into {@link #flows} and {@link #chargedFees}. */
    private void flow(io.troupe.model.ExecutionReport.Fill f) {
      io.troupe.model.Instrument instrument = started == null ? null : started.instruments().get(f.symbol());
      String quote = instrument == null ? "" : instrument.quoteCurrency();
      double quoteFee = f.fee();
      io.troupe.model.ExecutionReport.ChargedFee charged = f.charged();
      if (charged != null) {
        // Charged in another asset: its amount leaves that asset; the fill's fee is only its value in the quote currency.
        if (charged.asset().equals(quote)) quoteFee = charged.amount();
        else {
          quoteFee = 0;
          chargedFees.merge(charged.asset(), charged.amount(), Double::sum);
        }
      }
      flows.put(f.symbol(), flows.getOrDefault(f.symbol(), io.troupe.app.live.SymbolFlow.NONE).plus(f.side(), f.quantity(), f.price(), quoteFee));
    }

    private void dropOldestFillId() {
      var it = fillIds.iterator();
      it.next();
      it.remove();
    }

    /** Keeps only the steps after {@code step} in the tail. */
    private void trimTail(long step) {
      tailSteps.removeIf(s -> s.step() <= step);
      tailCompletions.removeIf(s -> s.step() <= step);
      // The checkpoint holds the agents at the step's close, before that boundary's controls.
      controls.removeIf(c -> c.afterStep() < step);
      // The steps up to the checkpoint are not replayed: their advice is not read again.
      advice.removeIf(a -> a.step() <= step);
    }

    /** The bytes of the checkpoint the next {@code Checkpointed} event names. */
    void stage(NodeCheckpoint agents) {
      staged = agents;
    }

    long lastStepTime() {
      return lastStepTime;
    }

    TradingState tradingState() {
      return lastTradingState == null ? null : lastTradingState.state();
    }

    SessionJournal view() {
      return new SessionJournal(started, lastStep, completed, new Tail(tailFirst, List.copyOf(tailSteps), List.copyOf(tailCompletions)),
          new TreeMap<>(positions), new LinkedHashMap<>(working), fillCount, account, lastTradingState, checkpoint, risk, ordersJournaled,
          List.copyOf(dataDigests), List.copyOf(controls), stateAtCompleted, List.copyOf(advice), new TreeMap<>(flows), new TreeMap<>(chargedFees));
    }

    /** The state as a snapshot stores it: an immutable copy, taken on the actor's thread. */
    Snapshot snapshot() {
      return new Snapshot(view(), lastStepTime, List.copyOf(fillIds));
    }

    static Builder from(Snapshot s) {
      Builder b = new Builder();
      SessionJournal j = s.journal();
      b.started = j.started();
      b.lastStep = j.lastStep();
      b.lastStepTime = s.lastStepTime();
      b.completed = j.completed();
      b.tailFirst = j.tail().first();
      b.tailSteps.addAll(j.tail().steps());
      b.tailCompletions.addAll(j.tail().completions());
      b.positions.putAll(j.positions());
      b.working.putAll(j.working());
      for (String id : s.fillIds()) {
        b.fillIds.add(id);
        if (b.fillIds.size() > RECENT_FILL_IDS) b.dropOldestFillId();
      }
      b.fillCount = j.fills();
      b.account = j.account();
      b.lastTradingState = j.lastTradingState();
      b.checkpoint = j.checkpoint();
      b.ordersJournaled = j.ordersJournaled();
      b.risk = j.risk();
      b.dataDigests.addAll(j.dataDigests());
      b.controls.addAll(j.controls());
      b.stateAtCompleted = j.stateAtCompleted();
      b.flows.putAll(j.flows());
      b.chargedFees.putAll(j.chargedFees());
      return b;
    }
  }

  /**
   * What the snapshot store keeps of a session (Jackson, like the events: it evolves the same way). {@code fillIds}:
   * the latest journaled fill ids, oldest first (every one, in snapshots written before the window).
   */
  public record Snapshot(SessionJournal journal, long lastStepTime, List<String> fillIds) implements CborSerializable {}
}
