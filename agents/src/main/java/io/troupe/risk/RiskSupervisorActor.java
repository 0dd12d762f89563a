package io.troupe.risk;

import io.troupe.instrument.Instrument;
import io.troupe.order.ApprovedOrder;
import io.troupe.order.OrderManagerCommand;
import io.troupe.position.AccountSnapshot;
import io.troupe.position.Position;
import io.troupe.risk.RiskCommand.AccountStep;
import io.troupe.risk.RiskCommand.DeskDecision;
import io.troupe.risk.RiskCommand.GetReport;
import io.troupe.risk.RiskCommand.Halt;
import io.troupe.risk.RiskCommand.Resume;
import io.troupe.risk.RiskCommand.RiskReport;
import io.troupe.risk.RiskCommand.SetReducing;
import io.troupe.risk.RiskCommand.Subscribe;
import io.troupe.risk.RiskCommand.TradingStateChanged;
import io.troupe.risk.RiskCommand.VetoRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Account-wide gatekeeper: every order reaches the order manager through here, or not at all. Each step it waits
 * for the account (from the position monitor) and one decision from every desk that saw a bar, then decides exits
 * first and entries in symbol order, so the outcome does not depend on which desk answered first.
 */
public final class RiskSupervisorActor extends AbstractBehavior<RiskCommand> {

  public static Behavior<RiskCommand> create(RiskLimits limits, Map<String, Instrument> instruments, ActorRef<OrderManagerCommand> orders) {
    return Behaviors.setup(ctx -> new RiskSupervisorActor(ctx, limits, instruments, orders));
  }

  private final PreTradeCheck check;
  private final Map<String, Instrument> instruments;
  private final ActorRef<OrderManagerCommand> orders;
  private final List<ActorRef<TradingStateChanged>> subscribers = new ArrayList<>();
  private final Map<Long, List<DeskDecision>> decisionsByTime = new HashMap<>();
  private final Map<String, Integer> vetoCounts = new TreeMap<>();
  private final List<VetoRecord> vetoes = new ArrayList<>();
  private AccountStep waitingStep;
  private TradingState state = TradingState.ACTIVE;
  private String stateReason = "";
  private boolean cancelPending;
  private boolean flattenPending;

  private RiskSupervisorActor(ActorContext<RiskCommand> ctx, RiskLimits limits, Map<String, Instrument> instruments, ActorRef<OrderManagerCommand> orders) {
    super(ctx);
    this.check = new PreTradeCheck(limits);
    this.instruments = Map.copyOf(instruments);
    this.orders = orders;
  }

  @Override
  public Receive<RiskCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(AccountStep.class, this::onAccountStep)
        .onMessage(DeskDecision.class, this::onDeskDecision)
        .onMessage(Halt.class, this::onHalt)
        .onMessage(Resume.class, this::onResume)
        .onMessage(SetReducing.class, this::onReducing)
        .onMessage(Subscribe.class, s -> {
          subscribers.add(s.subscriber());
          s.subscriber().tell(new TradingStateChanged(state, stateReason));
          return this;
        })
        .onMessage(GetReport.class, this::onGetReport)
        .build();
  }

  private Behavior<RiskCommand> onAccountStep(AccountStep step) {
    waitingStep = step;
    tryDecide();
    return this;
  }

  private Behavior<RiskCommand> onDeskDecision(DeskDecision d) {
    decisionsByTime.computeIfAbsent(d.time(), t -> new ArrayList<>(4)).add(d);
    tryDecide();
    return this;
  }

  private void tryDecide() {
    AccountStep step = waitingStep;
    if (step == null) return;
    List<DeskDecision> decisions = decisionsByTime.getOrDefault(step.time(), List.of());
    if (decisions.size() < step.symbols().size()) return;
    decisionsByTime.remove(step.time());
    waitingStep = null;

    AccountSnapshot account = step.account();
    Map<String, Double> pending = new TreeMap<>(step.pending());
    List<ApprovedOrder> approved = new ArrayList<>();
    boolean cancelAll = cancelPending;
    if (cancelAll) pending.clear(); // everything working is being cancelled in this same step
    cancelPending = false;

    if (flattenPending) {
      flattenPending = false;
      for (Position p : account.positions().values()) {
        if (!p.isFlat()) {
          decide(OrderIntent.exit(p.symbol(), step.time(), p.lastPrice(), p.specialist(), "halt_flatten"), account, pending, approved);
        }
      }
    }
    for (OrderIntent exit : step.exits()) decide(exit, account, pending, approved);
    if (decisions.size() > 1) decisions.sort(Comparator.comparing(DeskDecision::symbol));
    for (DeskDecision d : decisions) {
      if (d.intent() != null) decide(d.intent(), account, pending, approved);
    }
    orders.tell(new OrderManagerCommand.Place(step.time(), approved, cancelAll, "halt: " + stateReason, account, step.closed(), step.doneTo()));
  }

  private void decide(OrderIntent intent, AccountSnapshot account, Map<String, Double> pending, List<ApprovedOrder> approved) {
    Instrument inst = instruments.get(intent.symbol());
    if (inst == null) {
      veto(intent, "unknown_symbol", "no instrument " + intent.symbol());
      return;
    }
    RiskDecision decision = check.check(state, intent, account, pending.getOrDefault(intent.symbol(), 0.0), inst);
    if (decision instanceof RiskDecision.Approved a) {
      approved.add(new ApprovedOrder(intent.symbol(), a.side(), a.quantity(), a.reduceOnly(), intent.referencePrice(),
          intent.stopLoss(), intent.takeProfit(), intent.reason(), intent.specialist()));
      pending.merge(intent.symbol(), a.side().sign() * a.quantity(), Double::sum);
    } else if (decision instanceof RiskDecision.Vetoed v) {
      veto(intent, v.reason(), v.detail());
    }
  }

  private void veto(OrderIntent intent, String reason, String detail) {
    vetoCounts.merge(reason, 1, Integer::sum);
    vetoes.add(new VetoRecord(intent.time(), intent.symbol(), intent.specialist(), reason, detail));
  }

  private Behavior<RiskCommand> onHalt(Halt h) {
    getContext().getLog().warn("trading halted: {}", h.reason());
    changeState(TradingState.HALTED, h.reason());
    cancelPending = true;
    flattenPending = flattenPending || h.flatten();
    return this;
  }

  private Behavior<RiskCommand> onResume(Resume r) {
    getContext().getLog().info("trading resumed by {}", r.operator());
    changeState(TradingState.ACTIVE, "resumed by " + r.operator());
    return this;
  }

  private Behavior<RiskCommand> onReducing(SetReducing r) {
    changeState(TradingState.REDUCING, r.reason());
    return this;
  }

  private void changeState(TradingState next, String reason) {
    state = next;
    stateReason = reason;
    for (ActorRef<TradingStateChanged> s : subscribers) s.tell(new TradingStateChanged(next, reason));
  }

  private Behavior<RiskCommand> onGetReport(GetReport g) {
    g.replyTo().tell(new RiskReport(state, stateReason, new TreeMap<>(vetoCounts), List.copyOf(vetoes)));
    return this;
  }
}
