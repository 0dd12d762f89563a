package io.troupe.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.exit.ExitSettings;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.portfolio.AllocationSettings;
import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped config files hold the design's seed defaults: the same values as each settings' defaults(). */
class RiskConfigDefaultsTest {

  private static Config file(String name) {
    File f = new File("../config/" + name);
    return ConfigFactory.parseFile(f).resolve();
  }

  @Test
  void riskConfHoldsTheSeedDefaults() {
    Config risk = file("risk.conf").getConfig("troupe.risk");
    RiskLimits fromFile = RiskLimits.fromConfig(risk);
    RiskLimits d = RiskLimits.defaults();
    // Percent keys pass through /100: compare with a tolerance, field by field via the record's toString precision.
    assertEquals(d.maxPositionPct(), fromFile.maxPositionPct(), 1e-12);
    assertEquals(d.cashBufferPct(), fromFile.cashBufferPct(), 1e-12);
    assertEquals(d.riskPerTradePct(), fromFile.riskPerTradePct(), 1e-12);
    assertEquals(d.defaultStopPct(), fromFile.defaultStopPct(), 1e-12);
    assertEquals(d.portfolioRiskPct(), fromFile.portfolioRiskPct(), 1e-12);
    assertEquals(d.concentrationPct(), fromFile.concentrationPct(), 1e-12);
    assertEquals(d.maxOpenPositions(), fromFile.maxOpenPositions());
    assertEquals(d.maxCorrelation(), fromFile.maxCorrelation(), 1e-12);
    assertEquals(d.tradesPerMinute(), fromFile.tradesPerMinute());
    assertEquals(d.tradesPerHour(), fromFile.tradesPerHour());
    assertEquals(d.tradesPerDay(), fromFile.tradesPerDay());
    assertEquals(d.ordersPerSecond(), fromFile.ordersPerSecond());
    assertEquals(d.maxLeverage(), fromFile.maxLeverage(), 1e-12);
    assertEquals(d.hardCapEquityMultiple(), fromFile.hardCapEquityMultiple(), 1e-12);
    assertEquals(d.minLiquidationDistancePct(), fromFile.minLiquidationDistancePct(), 1e-12);
    assertEquals(d.priceBandPct(), fromFile.priceBandPct(), 1e-12);
    BreakerSettings b = BreakerSettings.fromConfig(risk);
    assertEquals(BreakerSettings.defaults().stormReasons(), b.stormReasons());
    assertEquals(BreakerSettings.defaults().stormWindowMillis(), b.stormWindowMillis());
    assertEquals(0.05, b.dailyLossPct(), 1e-12);
    assertEquals(0.10, b.weeklyLossPct(), 1e-12);
    assertEquals(0.20, b.drawdownPct(), 1e-12);
    AllocationSettings alloc = AllocationSettings.fromConfig(risk.getConfig("allocation"));
    assertEquals(Map.of(), alloc.targetWeights());
    assertEquals(0.10, alloc.driftPct(), 1e-12);
  }

  @Test
  void exitsConfHoldsTheSeedDefaults() {
    ExitSettings s = ExitSettings.fromConfig(file("exits.conf").getConfig("troupe.exits"));
    ExitSettings d = ExitSettings.defaults();
    assertEquals(d.stopPct(), s.stopPct(), 1e-12);
    assertEquals(d.targetPct(), s.targetPct(), 1e-12);
    assertEquals(d.stopMode(), s.stopMode());
    assertEquals(d.trailingArmPct(), s.trailingArmPct(), 1e-12);
    assertEquals(d.trailingGiveBackPct(), s.trailingGiveBackPct(), 1e-12);
    assertEquals(d.partials().size(), s.partials().size());
    for (int i = 0; i < d.partials().size(); i++) {
      assertEquals(d.partials().get(i).profitPct(), s.partials().get(i).profitPct(), 1e-12);
      assertEquals(d.partials().get(i).fraction(), s.partials().get(i).fraction(), 1e-12);
    }
    assertEquals(d.maxAgeMillis(), s.maxAgeMillis());
    assertEquals(d.maxLossPct(), s.maxLossPct(), 1e-12);
    assertEquals(d.minHoldMillis(), s.minHoldMillis());
  }

  @Test
  void ordersConfHoldsTheSeedDefaults() {
    OrderLifecycleSettings s = OrderLifecycleSettings.fromConfig(file("orders.conf").getConfig("troupe.orders"));
    OrderLifecycleSettings d = OrderLifecycleSettings.defaults();
    assertEquals(d.staleLimitMillis(), s.staleLimitMillis());
    assertEquals(d.priceMovePct(), s.priceMovePct(), 1e-12);
    assertEquals(d.makerOffsetPct(), s.makerOffsetPct(), 1e-12);
    assertEquals(d.postOnly(), s.postOnly());
    assertEquals(d.makerFallbackMillis(), s.makerFallbackMillis());
  }
}
