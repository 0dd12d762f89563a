package io.troupe.app.paper;

import io.troupe.model.OrderRecord;
import io.troupe.model.OrderStatus;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.Position;
import io.troupe.position.Portfolio;
import io.troupe.risk.RiskCommand;
import io.troupe.model.TradingState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * After a resume has rebuilt the agents, and before any live step: the venue's working orders against the order
 * manager's, the position monitor's positions against the journaled fills, the risk supervisor's trading state
 * against the journaled one. Each difference is one line.
 */
final class PaperReconciliation {
  private PaperReconciliation() {}

  static List<String> differences(List<String> workingAtVenue, List<OrderRecord> book, AccountSnapshot account, RiskCommand.RiskReport risk, SessionJournal journal) {
    TradingState riskState = risk.state();
    List<String> out = new ArrayList<>();
    Set<String> owned = new TreeSet<>();
    for (OrderRecord r : book) if (!OrderStatus.valueOf(r.status()).isFinal()) owned.add(r.orderId());
    Set<String> atVenue = new HashSet<>(workingAtVenue);
    for (String id : new TreeSet<>(atVenue)) if (!owned.contains(id)) out.add("order " + id + " works at the venue but not in the order manager's book");
    for (String id : owned) if (!atVenue.contains(id)) out.add("order " + id + " works in the order manager's book but not at the venue");
    if (journal.ordersJournaled() && journal.account() != null) {
      // Journals of version 1 did not record orders; from version 2 on, the journaled working set must match too.
      for (String id : new TreeSet<>(journal.working().keySet())) if (!owned.contains(id)) out.add("order " + id + " works in the journal but not in the order manager's book");
      for (String id : owned) if (!journal.working().containsKey(id)) out.add("order " + id + " works in the order manager's book but not in the journal");
      double cash = journal.account().cash();
      if (Math.abs(cash - account.cash()) > 1e-6 * Math.max(1, Math.abs(cash))) {
        out.add("cash: " + account.cash() + " at the position monitor, " + cash + " in the journal");
      }
    }

    Map<String, Double> fromFills = journal.positions();
    Map<String, Position> positions = account.positions();
    Set<String> symbols = new TreeSet<>(fromFills.keySet());
    symbols.addAll(positions.keySet());
    for (String s : symbols) {
      double journaled = fromFills.getOrDefault(s, 0.0);
      double held = positions.containsKey(s) ? positions.get(s).quantity() : 0;
      if (Math.abs(journaled - held) > Portfolio.QTY_EPSILON * Math.max(1, Math.abs(journaled))) {
        out.add("position " + s + ": " + held + " held, " + journaled + " from the journaled fills");
      }
    }
    if (journal.risk() != null && !journal.risk().equals(risk.baselines())) {
      out.add("risk baselines and restrictions: " + risk.baselines() + " at the risk supervisor, " + journal.risk() + " in the journal");
    }
    // As journaled up to the last completed step: a change after it (a control at the boundary, a breaker in the step
    // that did not complete) is applied again after this check, by the resume.
    TradingState journaledState = journal.tradingStateAtCompleted();
    if (journaledState != null && journaledState != riskState) {
      out.add("trading state: " + riskState + " at the risk supervisor, " + journaledState + " in the journal");
    }
    return out;
  }
}
