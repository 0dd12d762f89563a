package io.troupe.risk;

import io.troupe.model.OrderIntent;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Instrument;
import io.troupe.model.ExecutionReport.Fill;
import io.troupe.model.Liquidity;
import io.troupe.model.AccountSnapshot;
import io.troupe.position.Portfolio;
import io.troupe.model.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random order and price sequences through the check and a real {@link Portfolio}: every approved order fills at its
 * reference price, prices move, and nothing the check approves may break a cap at the moment it was approved.
 */
class RiskPropertiesTest {

  private static final String[] SYMBOLS = {"BTC", "ETH", "SOL"};

  /** One step: a symbol's price moves by {@code move}, then an agent asks for a net position in it. */
  record Step(int symbol, double move, double target, double stopFraction, boolean exit, int specialist, long gapMillis) {}

  @Provide
  Arbitrary<List<Step>> sequences() {
    Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.doubles().between(-0.03, 0.03).ofScale(4),
            Arbitraries.doubles().between(-400, 400),
            Arbitraries.oneOf(Arbitraries.just(Double.NaN), Arbitraries.doubles().between(-0.002, 0.2).ofScale(4)),
            Arbitraries.integers().between(0, 9).map(i -> i == 0),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(0L, 500L, 60_000L, 600_000L))
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 3000)
  void noApprovedOrderTakesAPositionPastItsCapsOrRisksMoreThanTheLimit(@ForAll("sequences") List<Step> steps) {
    int[] counts = run(steps, RiskLimits.defaults(), false);
    // Not vacuous: most sequences both open positions and have intents refused.
    Statistics.label("opened").collect(counts[0] > 0);
    Statistics.label("refused").collect(counts[1] > 0);
    Statistics.label("opened").coverage(c -> c.check(true).percentage(p -> p > 50));
    Statistics.label("refused").coverage(c -> c.check(true).percentage(p -> p > 50));
  }

  @Property(tries = 2000)
  void capsHoldOnMarginInstrumentsWithLooserPositionLimits(@ForAll("sequences") List<Step> steps) {
    // Concentration, not max position, is the binding cap here; leverage lets the book grow past equity.
    RiskLimits loose = RiskTestSupport.with(RiskLimits.defaults(), "maxPositionPct", 2.0, "riskPerTradePct", 0.03, "portfolioRiskPct", 0.08, "maxLeverage", 5.0);
    int[] counts = run(steps, loose, true);
    Statistics.label("opened").collect(counts[0] > 0);
    Statistics.label("opened").coverage(c -> c.check(true).percentage(p -> p > 50));
  }

  private static int[] run(List<Step> steps, RiskLimits limits, boolean futures) {
    Map<String, Instrument> instruments = new TreeMap<>();
    for (String s : SYMBOLS) instruments.put(s, futures ? Instrument.future(s, 1, 10) : Instrument.spot(s));
    Portfolio portfolio = new Portfolio(10_000, instruments);
    Map<String, Double> prices = new TreeMap<>(Map.of("BTC", 100.0, "ETH", 50.0, "SOL", 10.0));
    prices.forEach(portfolio::mark);
    PreTradeCheck check = new PreTradeCheck(limits);
    RiskState state = RiskState.initial(0, 10_000);
    long time = 0;
    int fills = 0;
    int opened = 0;
    int refused = 0;
    for (Step st : steps) {
      time += st.gapMillis();
      String sym = SYMBOLS[st.symbol()];
      double price = prices.get(sym) * (1 + st.move());
      prices.put(sym, price);
      portfolio.mark(sym, price);
      AccountSnapshot account = portfolio.snapshot(time);
      double stop = Double.isNaN(st.stopFraction()) ? Double.NaN : price * (1 - Math.signum(st.target()) * st.stopFraction());
      OrderIntent intent = st.exit()
          ? OrderIntent.exit(sym, time, price, "s" + st.specialist(), "exit")
          : new OrderIntent(sym, time, st.target(), price, stop, Double.NaN, "s" + st.specialist(), "signal", false);
      RiskContext ctx = RiskContext.of(account, Map.of(), instruments);
      PreTradeCheck.Checked checked = check.decide(state, intent, ctx);
      state = checked.state();
      if (checked.decision() instanceof RiskDecision.Vetoed) refused++;
      if (!(checked.decision() instanceof RiskDecision.Approved a)) continue;
      if (!a.reduceOnly()) opened++;

      double equity = account.equity();
      double held = account.quantity(sym);
      double after = held + a.side().sign() * a.quantity();
      if (a.reduceOnly()) {
        assertTrue(Math.abs(after) <= Math.abs(held) + 1e-9 && (Math.abs(after) < 1e-9 || Math.signum(after) == Math.signum(held)),
            "a reduce-only order grew or flipped " + held + " -> " + after);
      } else {
        double notional = Math.abs(after) * price;
        assertTrue(notional <= limits.maxPositionPct() * equity * (1 + 1e-6), "max position broken: " + notional + " of " + equity);
        double gross = notional;
        for (Position p : account.positions().values()) {
          if (!p.symbol().equals(sym)) gross += Math.abs(p.quantity()) * prices.get(p.symbol());
        }
        assertTrue(notional <= limits.concentrationPct() * Math.max(gross, equity) * (1 + 1e-6), "concentration broken: " + notional + " of gross " + gross);
        double distance = Double.isNaN(stop) ? limits.defaultStopPct() * price : Math.abs(price - stop);
        assertTrue(Math.abs(after) * distance <= limits.riskPerTradePct() * equity * (1 + 1e-6), "risk per trade broken");
        if (futures) assertTrue(gross <= limits.maxLeverage() * equity * (1 + 1e-6), "leverage broken");
      }
      portfolio.apply(new Fill("o" + fills, "f" + fills, sym, time, a.side(), a.quantity(), price, 0, Liquidity.TAKER, 0), "r", "s");
      fills++;
    }
    return new int[] {opened, refused};
  }

  @Property(tries = 1000)
  void tradeFrequencyIsNeverExceededInAnyWindowOfEventTime(@ForAll("sequences") List<Step> steps) {
    PreTradeCheck check = new PreTradeCheck(RiskTestSupport.with(RiskLimits.defaults(), "maxPositionPct", 100.0, "concentrationPct", 0,
        "riskPerTradePct", 0, "portfolioRiskPct", 0, "priceBandPct", 0, "ordersPerSecond", 0));
    RiskState state = RiskState.initial(0, 1e9);
    Map<String, List<Long>> approved = new TreeMap<>();
    long time = 0;
    int n = 0;
    for (Step st : steps) {
      time += st.gapMillis();
      // Always a fresh symbol from flat, so every intent is an entry.
      String sym = "X" + n++;
      AccountSnapshot account = new AccountSnapshot(time, 1e9, 1e9, 0, 0, Map.of());
      OrderIntent intent = new OrderIntent(sym, time, 1, 100, Double.NaN, Double.NaN, "s" + st.specialist(), "signal", false);
      PreTradeCheck.Checked c = check.decide(state, intent, RiskContext.of(account, Map.of(), Map.of(sym, Instrument.spot(sym))));
      state = c.state();
      if (c.decision() instanceof RiskDecision.Approved) approved.computeIfAbsent(intent.specialist(), k -> new ArrayList<>()).add(time);
    }
    for (List<Long> times : approved.values()) {
      for (long t : times) {
        assertTrue(times.stream().filter(x -> x <= t && t - x < 60_000).count() <= 1);
        assertTrue(times.stream().filter(x -> x <= t && t - x < 3_600_000).count() <= 10);
        assertTrue(times.stream().filter(x -> x <= t && t - x < 86_400_000).count() <= 50);
      }
    }
  }
}
