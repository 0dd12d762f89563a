package io.troupe.app.readside;

import io.troupe.app.paper.PaperEvent;
import io.troupe.app.paper.PaperEvent.StepCompleted;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.app.paper.StepAccount;
import io.troupe.model.AttributedFill;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one completed step adds to the query tables: its fills and its equity row. Other events add nothing. */
public record StepRows(List<FillRow> fills, EquityRow equity) {

  public static Optional<StepRows> of(String session, PaperEvent event) {
    if (event instanceof StepCompleted s) return Optional.of(of(session, s.step(), s.time(), s.fills(), s.account()));
    return Optional.empty();
  }

  static StepRows of(String session, long step, long time, List<AttributedFill> applied, StepAccount account) {
    List<FillRow> fills = new ArrayList<>(applied.size());
    for (int i = 0; i < applied.size(); i++) {
      AttributedFill a = applied.get(i);
      Fill f = a.fill();
      fills.add(new FillRow(session, f.fillId(), step, i, f.time(), f.clientOrderId(), f.symbol(), f.side().name(),
          f.quantity(), f.price(), f.fee(), f.liquidity() == null ? null : f.liquidity().name(), a.reason(), a.specialist()));
    }
    EquityRow equity = account == null
        ? new EquityRow(session, step, time, Double.NaN, Double.NaN, Double.NaN, fills.size())
        : new EquityRow(session, step, time, account.cash(), account.equity(), account.exposure(), fills.size());
    return new StepRows(List.copyOf(fills), equity);
  }
}
