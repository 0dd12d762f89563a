package io.troupe.position;

import io.troupe.instrument.Instrument;
import io.troupe.market.Bar;
import io.troupe.position.PositionCommand.Fills;
import io.troupe.position.PositionCommand.GetResults;
import io.troupe.position.PositionCommand.PositionResults;
import io.troupe.position.PositionCommand.Step;
import io.troupe.risk.OrderIntent;
import io.troupe.risk.RiskCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Turns fills into positions, marks them at each bar's close, records the equity curve and the closed trades, and
 * reports the account to the risk supervisor every step (so risk follows equity continuously, not only at fills).
 */
public final class PositionMonitorActor extends AbstractBehavior<PositionCommand> {

  /** Account updates go to the risk supervisor named by the first {@link PositionCommand.Connect}. */
  public static Behavior<PositionCommand> create(double initialCash, Map<String, Instrument> instruments) {
    return Behaviors.setup(ctx -> new PositionMonitorActor(ctx, initialCash, instruments));
  }

  private final Portfolio portfolio;
  private ActorRef<RiskCommand> risk;
  private final List<EquityPoint> equity = new ArrayList<>();
  private final List<RoundTrip> trades = new ArrayList<>();
  private double peak;

  private PositionMonitorActor(ActorContext<PositionCommand> ctx, double initialCash, Map<String, Instrument> instruments) {
    super(ctx);
    this.portfolio = new Portfolio(initialCash, instruments);
    this.peak = initialCash;
  }

  @Override
  public Receive<PositionCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(PositionCommand.Connect.class, c -> {
          risk = c.risk();
          return this;
        })
        .onMessage(Step.class, this::onStep)
        .onMessage(Fills.class, this::onFills)
        .onMessage(GetResults.class, this::onGetResults)
        .build();
  }

  private Behavior<PositionCommand> onStep(Step s) {
    List<RoundTrip> closed = apply(s.fills());
    List<String> symbols = new ArrayList<>(s.bars().size());
    for (Bar bar : s.bars()) {
      portfolio.mark(bar.symbol(), bar.close());
      symbols.add(bar.symbol());
    }
    AccountSnapshot account = portfolio.snapshot(s.time());
    peak = Math.max(peak, account.equity());
    equity.add(new EquityPoint(s.time(), account.equity(), account.cash(), peak > 0 ? 1 - account.equity() / peak : 0, account.exposure()));
    List<OrderIntent> exits = List.of(); // exit rules join here (stops, targets, trailing, age)
    risk.tell(new RiskCommand.AccountStep(s.time(), symbols, account, s.pending(), exits, closed, s.doneTo()));
    return this;
  }

  private Behavior<PositionCommand> onFills(Fills f) {
    apply(f.fills());
    return this;
  }

  private List<RoundTrip> apply(List<AttributedFill> fills) {
    if (fills.isEmpty()) return List.of();
    List<RoundTrip> closed = new ArrayList<>();
    for (AttributedFill af : fills) closed.addAll(portfolio.apply(af.fill(), af.reason(), af.specialist()));
    trades.addAll(closed);
    return closed;
  }

  private Behavior<PositionCommand> onGetResults(GetResults g) {
    long t = equity.isEmpty() ? 0 : equity.get(equity.size() - 1).time();
    g.replyTo().tell(new PositionResults(List.copyOf(equity), List.copyOf(trades), portfolio.snapshot(t), portfolio.fees()));
    return this;
  }
}
