package io.troupe.node;

import io.troupe.model.VenueRejection;
import io.troupe.persistence.CborSerializable;
import io.troupe.model.AccountSnapshot;
import io.troupe.model.AttributedFill;
import io.troupe.model.RoundTrip;
import java.util.List;

/**
 * The end of one event-time step: every fill of the step is applied, risk has decided every intent, and the orders it
 * approved are at the venue. Carries what the desks learn before the next step (equity, trades just closed), and the
 * fills the step applied, in order, the orders that changed in it (their state at its end) and the risk supervisor's
 * baselines and restrictions, for a feed that journals them.
 */
public record StepCompleted(long time, AccountSnapshot account, List<RoundTrip> closed, List<VenueRejection> rejections, List<AttributedFill> fills,
    List<io.troupe.model.OrderRecord> orders, io.troupe.risk.RiskBaselines risk)
    implements CborSerializable {}
