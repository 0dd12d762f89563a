package io.troupe.app.paper;

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

  /** Applies {@code control}; answers the risk supervisor's report after it. */
  RiskCommand.RiskReport apply(OperatorControl control, String by, String reason) {
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
    }
    if (control.action() == OperatorControl.Action.CANCEL || control.action() == OperatorControl.Action.MODIFY) {
      asker.<OrderManagerCommand, OrderManagerCommand.OrderList>ask(agents.orders(), OrderManagerCommand.GetOrders::new, timeout);
    }
    return asker.<RiskCommand, RiskCommand.RiskReport>ask(agents.risk(), RiskCommand.GetReport::new, timeout);
  }

  private static double nanIfNull(Double v) {
    return v == null ? Double.NaN : v;
  }
}
