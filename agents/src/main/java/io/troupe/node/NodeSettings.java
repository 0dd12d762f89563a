package io.troupe.node;

import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.desk.PositionSizing;
import io.troupe.instrument.Instrument;
import io.troupe.risk.RiskLimits;
import java.util.List;
import java.util.Map;

/** What a trading node is built from: the account, its instruments and limits, and each symbol's specialists. */
public record NodeSettings(
    double initialCash,
    Map<String, Instrument> instruments,
    RiskLimits limits,
    PositionSizing sizing,
    Map<String, List<SpecialistSpec>> specialistsBySymbol) {}
