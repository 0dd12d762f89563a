package io.troupe.app.http;

import io.troupe.app.paper.SessionControls;
import io.troupe.app.paper.SessionObserver;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.OrderRecord;
import io.troupe.model.TradingState;
import io.troupe.node.NodeCommand.StepAck;
import io.troupe.risk.Restriction;
import io.troupe.risk.RiskBaselines;
import io.troupe.risk.RiskCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What the API knows of a running session without asking its agents: copied on the session's thread at each step
 * (small immutable values behind volatile fields, the recent fills in a bounded ring) and read from the server's
 * threads. Every step is also offered to the event stream's clients.
 */
public final class SessionView implements SessionObserver {

  /** The session's state at the close of its last live step. */
  record StepState(long step, long totalSteps, long time, AccountSnapshot account, RiskBaselines risk, long wallMillis, double peakEquity) {}

  /** A fill as the API numbers it: {@code seq} counts the fills this server has seen, from 1. */
  record SeenFill(long seq, long step, AttributedFill fill) {}

  /** The trading state as last known, and the step it was known at (a control's answer may come after a step's). */
  record State(TradingState state, String reason, long step) {}

  enum Phase { STARTING, LIVE, ENDED }

  private final int fillsKept;
  private final Instant created = Instant.now();
  final EventHub events;

  private volatile SessionObserver.Live live;
  private volatile StepState last;
  private volatile Phase phase = Phase.STARTING;
  private volatile State state = new State(TradingState.ACTIVE, "", -1);
  /** When the journal's connection was lost, while it is being retried; null while it is up. */
  private volatile Instant journalDownSince;
  private final ArrayDeque<SeenFill> fills = new ArrayDeque<>();
  private long fillSeq;
  private double peak = Double.NEGATIVE_INFINITY;
  /** The last step's restrictions, and their level and reason (the session's thread only). */
  private List<Restriction> lastRestrictions;
  private TradingState lastLevel;
  private String lastReason;

  /** How long the feed has been stalled, in ms (-1: bars come); set by the session's alerts, else never stalled. */
  private volatile java.util.function.LongSupplier stalledMillis = () -> -1;

  public SessionView(int fillsKept, EventHub events) {
    this.fillsKept = fillsKept;
    this.events = events;
  }

  @Override
  public void live(Live session) {
    live = session;
    phase = Phase.LIVE;
    // Asked now, answered before the first live step is decided (the supervisor's mailbox is in order): a resumed
    // session that was halted shows HALTED before its first step ends. Never waited for here.
    AskPattern.<RiskCommand, RiskCommand.RiskReport>ask(session.agents().risk(), RiskCommand.GetReport::new, Duration.ofSeconds(10),
            session.system().scheduler())
        .thenAccept(r -> stateKnown(r.state(), r.stateReason(), session.completedSteps()));
    events.publish("state", stateEvent());
  }

  @Override
  public void stepCompleted(long step, long totalSteps, StepAck ack, long stepNanos) {
    AccountSnapshot account = ack.account();
    if (account != null && account.equity() > peak) peak = account.equity();
    if (ack.risk() != null && ack.risk().peakEquity() > peak) peak = ack.risk().peakEquity();
    StepState now = new StepState(step, totalSteps, ack.time(), account, ack.risk(), System.currentTimeMillis(), peak);
    last = now;
    if (!ack.fills().isEmpty()) {
      List<SeenFill> seen = new ArrayList<>(ack.fills().size());
      synchronized (fills) {
        for (AttributedFill f : ack.fills()) {
          SeenFill s = new SeenFill(++fillSeq, step, f);
          fills.addLast(s);
          seen.add(s);
        }
        while (fills.size() > fillsKept) fills.removeFirst();
      }
      // The records themselves: the server's threads turn them into JSON, once, when a stream sends them.
      if (events.hasClients()) for (SeenFill s : seen) events.publish("fill", s);
    }
    if (events.hasClients()) for (OrderRecord o : ack.orders()) events.publish("order", o);
    if (ack.risk() != null) {
      List<Restriction> restrictions = ack.risk().restrictions();
      // Restrictions change rarely: their level and reason are worked out again only when they do.
      if (!restrictions.equals(lastRestrictions)) {
        lastRestrictions = restrictions;
        lastLevel = levelOf(restrictions);
        lastReason = reasonOf(restrictions);
      }
      stateKnown(lastLevel, lastReason, step);
    }
    if (events.hasClients()) events.publish("equity", now);
  }

  @Override
  public void ended(long completedSteps, long totalSteps) {
    phase = Phase.ENDED;
    events.publish("state", stateEvent());
    events.completeAll();
  }

  @Override
  public void journalConnectionLost(Instant since) {
    journalDownSince = since;
    events.publish("journal", ApiJson.journalEvent(since));
  }

  @Override
  public void journalConnectionRestored() {
    journalDownSince = null;
    events.publish("journal", ApiJson.journalEvent(null));
  }

  void watchData(java.util.function.LongSupplier stalledMillis) {
    this.stalledMillis = stalledMillis;
  }

  /** How long the feed has been stalled, in ms; -1 while bars come. */
  long dataStalledMillis() {
    return stalledMillis.getAsLong();
  }

  /** When the journal's connection was lost, while the session reconnects; null while the journal is up. */
  Instant journalDownSince() {
    return journalDownSince;
  }

  /** A control took effect: the state it left, unless a later step already told a newer one. */
  void controlApplied(SessionControls.Applied applied) {
    stateKnown(applied.state(), applied.stateReason(), applied.afterStep());
  }

  private synchronized void stateKnown(TradingState s, String reason, long step) {
    State was = state;
    if (step < was.step()) return;
    state = new State(s, reason, step);
    if (s != was.state() || !reason.equals(was.reason())) events.publish("state", stateEvent());
  }

  private Object stateEvent() {
    State s = state;
    StepState l = last;
    return ApiJson.stateEvent(phase, s, l);
  }

  static TradingState levelOf(List<Restriction> restrictions) {
    TradingState level = TradingState.ACTIVE;
    for (Restriction r : restrictions) {
      if (r.level() == TradingState.RECONCILING) return TradingState.RECONCILING;
      if (r.level() == TradingState.HALTED) level = TradingState.HALTED;
      else if (r.level() == TradingState.REDUCING && level != TradingState.HALTED) level = TradingState.REDUCING;
    }
    return level;
  }

  static String reasonOf(List<Restriction> restrictions) {
    return String.join(",", restrictions.stream().map(Restriction::code).distinct().toList());
  }

  SessionObserver.Live live() {
    return live;
  }

  StepState last() {
    return last;
  }

  Phase phase() {
    return phase;
  }

  State state() {
    return state;
  }

  Instant startedAt() {
    Live l = live;
    return l == null ? created : l.startedAt();
  }

  /** The fills seen after {@code since}, at most {@code limit}, oldest first. */
  List<SeenFill> fillsSince(long since, int limit) {
    synchronized (fills) {
      List<SeenFill> out = new ArrayList<>();
      for (SeenFill f : fills) {
        if (f.seq() <= since) continue;
        out.add(f);
        if (out.size() >= limit) break;
      }
      return out;
    }
  }

  long lastFillSeq() {
    synchronized (fills) {
      return fillSeq;
    }
  }
}
