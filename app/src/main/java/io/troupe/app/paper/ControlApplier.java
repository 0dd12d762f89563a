package io.troupe.app.paper;

import io.troupe.desk.DeskCommand;
import io.troupe.desk.SpecialistSwap;
import io.troupe.node.NodeCommand.Agents;
import io.troupe.order.OrderManagerCommand;
import io.troupe.risk.RiskCommand;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Hands an operator's control to the agent it is for, between two steps, and waits until that agent has taken it: a
 * step started after this returns sees the control, in a live run and in a replay alike (the agent has answered a
 * question sent after the control, and what it told the coordinator is already in the coordinator's mailbox).
 */
final class ControlApplier {

  /** The reason an operator's cancel leaves on the order (the why is in the journal's control). */
  static final String OPERATOR_CANCEL = "operator_cancel";

  /** Asks an agent and waits, bounded. */
  interface Asker {
    <Q, R> R ask(ActorRef<Q> target, Function<ActorRef<R>, Q> message, Duration timeout);
  }

  private final Agents agents;
  private final Asker asker;
  private final Duration timeout;

  ControlApplier(Agents agents, Asker asker, Duration timeout) {
    this.agents = agents;
    this.asker = asker;
    this.timeout = timeout;
  }

  /** What a control did: the risk supervisor's report after it, and for a swap, the desk's answer. */
  record Outcome(RiskCommand.RiskReport risk, DeskCommand.SwapAnswer swap) {}

  /** Applies {@code control}; answers the risk supervisor's report after it. */
  Outcome apply(OperatorControl control, String by, String reason) {
    DeskCommand.SwapAnswer swapped = null;
    switch (control.action()) {
      case HALT -> agents.risk().tell(new RiskCommand.Halt(reason, Boolean.TRUE.equals(control.flatten())));
      case RESUME -> agents.risk().tell(new RiskCommand.Resume(by));
      case KILL -> agents.risk().tell(new RiskCommand.KillSwitch(reason));
      case REDUCING -> agents.risk().tell(new RiskCommand.SetReducing(reason));
      case FLATTEN -> agents.risk().tell(new RiskCommand.Flatten(control.symbol(), reason));
      case CANCEL_ALL -> agents.risk().tell(new RiskCommand.CancelAll(reason));
      case CANCEL -> agents.orders().tell(new OrderManagerCommand.CancelOrder(control.orderId(), OPERATOR_CANCEL));
      case MODIFY -> agents.orders().tell(new OrderManagerCommand.ModifyOrder(control.orderId(), nanIfNull(control.quantity()),
          nanIfNull(control.limitPrice()), nanIfNull(control.stopPrice())));
      // The desk answers once it took the swap (or refused it, changing nothing): a step after this sees it.
      case SWAP -> swapped = swap(control.swap());
    }
    if (control.action() == OperatorControl.Action.CANCEL || control.action() == OperatorControl.Action.MODIFY) {
      asker.<OrderManagerCommand, OrderManagerCommand.OrderList>ask(agents.orders(), OrderManagerCommand.GetOrders::new, timeout);
    }
    return new Outcome(asker.<RiskCommand, RiskCommand.RiskReport>ask(agents.risk(), RiskCommand.GetReport::new, timeout), swapped);
  }

  private DeskCommand.SwapAnswer swap(SpecialistSwap swap) {
    ActorRef<DeskCommand> desk = agents.desks().get(swap.symbol());
    if (desk == null) {
      return new DeskCommand.SwapAnswer(swap.symbol(), swap.name(), false, "no desk for symbol " + swap.symbol() + "; the session trades "
          + new java.util.TreeSet<>(agents.desks().keySet()), java.util.List.of());
    }
    return asker.<DeskCommand, DeskCommand.SwapAnswer>ask(desk, replyTo -> new DeskCommand.Swap(swap, replyTo), timeout);
  }

  private static double nanIfNull(Double v) {
    return v == null ? Double.NaN : v;
  }
}
