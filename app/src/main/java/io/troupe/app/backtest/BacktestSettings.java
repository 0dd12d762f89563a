package io.troupe.app.backtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.model.InvalidInputException;
import io.troupe.app.config.ConfigSchema;
import io.troupe.app.config.InstrumentTerms;
import io.troupe.desk.PositionSizing;
import io.troupe.gateway.sim.FeeModel;
import io.troupe.gateway.sim.FillMode;
import io.troupe.gateway.sim.LatencyModel;
import io.troupe.gateway.sim.SimulatedExchangeSettings;
import io.troupe.model.Instrument;
import io.troupe.desk.DeskActor.SpecialistSpec;
import io.troupe.exit.ExitSettings;
import io.troupe.desk.EnsembleVote;
import io.troupe.desk.MetaSettings;
import io.troupe.desk.RegimeSizing;
import io.troupe.desk.SpecialistSelector;
import io.troupe.node.NodeSettings;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeSettings;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeLoader;
import io.troupe.specialist.SpecialistFactory;
import io.troupe.order.OrderLifecycleSettings;
import io.troupe.risk.BreakerSettings;
import io.troupe.risk.RiskLimits;
import io.troupe.portfolio.AllocationSettings;
import io.troupe.sizing.SizingRule;
import io.troupe.strategy.StrategyCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one backtest run is made of, read from the {@code troupe} section of the configuration (command-line
 * flags are applied to the configuration first, so the summary reports one resolved set).
 *
 * @param bare the overlays are off ({@link #withoutOverlays()}): the strategy runs as written
 * @param specialistLimits a genome specialist's own holding limit replaces the max age for its positions, and its
 *     strategy type sets its minimum hold ({@code troupe.exits.specialist-limits}; off: as before 2026-12-01)
 */
public record BacktestSettings(
    List<Path> data,
    String strategy,
    Map<String, Double> params,
    double cash,
    PositionSizing sizing,
    SimulatedExchangeSettings exchange,
    double multiplier,
    double margin,
    double tickSize,
    double lotSize,
    RiskLimits limits,
    BreakerSettings breakers,
    boolean flattenOnHalt,
    ExitSettings exits,
    OrderLifecycleSettings orders,
    boolean makerEntries,
    Instant from,
    Instant to,
    MetaSettings.Mode metaMode,
    List<Genome> genomes,
    Map<String, String> alternatives,
    RegimeSettings regime,
    SpecialistSelector.Settings selector,
    RegimeSizing regimeSizing,
    EnsembleVote.Settings ensemble,
    SizingRule sizingRule,
    AllocationSettings allocation,
    boolean bare,
    ScheduledSwaps swaps,
    boolean specialistLimits,
    InstrumentTerms instrumentTerms) {

  /** The strategy name that means: the regime specialists (genomes) under the meta-controller. */
  public static final String SPECIALISTS = "specialists";

  public static BacktestSettings fromConfig(Config root, Path home, Instant from, Instant to) {
    // Types and bounds of every key first, on the values as written, naming the option or --set that set them.
    ConfigSchema.validate(root);
    Config c = root.getConfig("troupe");
    try {
      List<Path> data = new ArrayList<>();
      for (String s : c.getStringList("backtest.data")) {
        Path p = Path.of(s);
        data.add(p.isAbsolute() || home == null ? p : home.resolve(p).normalize());
      }
      String strategy = c.getString("backtest.strategy");
      Map<String, String> raw = new TreeMap<>();
      Config params = c.getConfig("backtest.params");
      for (var e : params.entrySet()) raw.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      boolean specialists = SPECIALISTS.equals(strategy);
      Map<String, Double> resolved = specialists ? Map.of() : StrategyCatalog.resolve(strategy, raw);
      List<Genome> genomes = List.of();
      if (specialists) {
        Path dir = Path.of(c.getString("specialists.dir"));
        Path genomeDir = dir.isAbsolute() || home == null ? dir : home.resolve(dir).normalize();
        // Checked here, before anything runs, with the key to change: a desk without specialists never decides.
        boolean empty;
        try (var files = java.nio.file.Files.list(genomeDir)) {
          empty = files.noneMatch(f -> f.getFileName().toString().endsWith(".json"));
        } catch (java.nio.file.NotDirectoryException | java.nio.file.NoSuchFileException e) {
          throw new InvalidInputException("troupe.specialists.dir: " + genomeDir + ": no such folder; the strategy '" + SPECIALISTS
              + "' needs a folder of genome files (*.json), or choose one strategy with --strategy");
        } catch (java.io.IOException e) {
          throw new InvalidInputException("troupe.specialists.dir: " + genomeDir + ": cannot list genomes: " + e.getMessage(), e);
        }
        if (empty) {
          throw new InvalidInputException("troupe.specialists.dir: " + genomeDir + ": no specialist genomes (*.json files) in the folder; the strategy '"
              + SPECIALISTS + "' needs at least one, or choose one strategy with --strategy");
        }
        genomes = GenomeLoader.loadAll(genomeDir);
      }
      String modeText = c.getString("meta.mode");
      MetaSettings.Mode metaMode =
          switch (modeText) {
            case "select" -> MetaSettings.Mode.SELECT;
            case "ensemble" -> MetaSettings.Mode.ENSEMBLE;
            default -> throw new InvalidInputException("troupe.meta.mode: '" + modeText + "' is not one of select, ensemble");
          };
      Map<String, String> alternatives = new TreeMap<>();
      for (var e : c.getConfig("meta.alternatives").entrySet()) alternatives.put(unquote(e.getKey()), String.valueOf(e.getValue().unwrapped()));

      double cash = positive(c, "account.cash");
      double stake = nonNegative(c, "backtest.stake");
      double sizePct = nonNegative(c, "backtest.size-pct");
      if (stake == 0 && sizePct == 0) {
        String named = ConfigSchema.name(root, "troupe.backtest.size-pct");
        throw new InvalidInputException(named.startsWith("--")
            ? named + " must be > 0 (or give a --stake), got 0"
            : "troupe.backtest: set stake > 0 or size-pct > 0 (both are 0)");
      }
      PositionSizing sizing = new PositionSizing(stake, sizePct / 100.0, c.getBoolean("backtest.allow-short"));

      String fill = c.getString("backtest.fill");
      FillMode mode =
          switch (fill) {
            case "next-open" -> FillMode.NEXT_OPEN;
            case "close" -> FillMode.CLOSE;
            default -> throw new InvalidInputException("troupe.backtest.fill: '" + fill + "' is not one of next-open, close");
          };
      double pct = nonNegative(c, "backtest.commission-pct");
      // Each side's own key when set, else commission-pct; a maker fee may be negative (a rebate).
      double makerPct = c.getIsNull("backtest.maker-fee-pct") ? pct : finite(c, "backtest.maker-fee-pct");
      double takerPct = c.getIsNull("backtest.taker-fee-pct") ? pct : nonNegative(c, "backtest.taker-fee-pct");
      FeeModel fees = new FeeModel(makerPct, takerPct, nonNegative(c, "backtest.commission-per-unit"));
      LatencyModel latency;
      try {
        latency = LatencyModel.parse(c.getString("backtest.latency"), c.getLong("backtest.latency-seed"));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("troupe.backtest.latency: " + e.getMessage());
      }
      SimulatedExchangeSettings exchange = new SimulatedExchangeSettings(
          mode, nonNegative(c, "backtest.slippage-bps"), fees, nonNegative(c, "backtest.max-volume-share"), latency);
      RiskLimits limits = RiskLimits.fromConfig(c.getConfig("risk"));
      BreakerSettings breakers = BreakerSettings.fromConfig(c.getConfig("risk"));
      ExitSettings exits = c.getBoolean("exits.enabled") ? ExitSettings.fromConfig(c.getConfig("exits")) : null;
      OrderLifecycleSettings orders = OrderLifecycleSettings.fromConfig(c.getConfig("orders"));
      if (from != null && to != null && !from.isBefore(to)) throw new InvalidInputException("--from must be before --to");
      BacktestSettings settings = new BacktestSettings(data, strategy, resolved, cash, sizing, exchange, positive(c, "backtest.multiplier"),
          nonNegative(c, "backtest.margin"), nonNegative(c, "backtest.tick-size"), nonNegative(c, "backtest.lot-size"), limits,
          breakers, c.getBoolean("risk.flatten-on-halt"), exits, orders, c.getBoolean("orders.maker.entries"), from, to,
          specialists ? metaMode : MetaSettings.Mode.SINGLE, genomes, alternatives, RegimeSettings.fromConfig(c.getConfig("regime")),
          SpecialistSelector.Settings.fromConfig(c.getConfig("meta.selector")), RegimeSizing.fromConfig(c.getConfig("meta.sizing")),
          EnsembleVote.Settings.fromConfig(c.getConfig("meta.ensemble")), SizingRule.fromConfig(c.getConfig("sizing")),
          AllocationSettings.fromConfig(c.getConfig("risk.allocation")), false,
          ScheduledSwaps.parse(c.getStringList("backtest.swaps"), ConfigSchema.name(root, ScheduledSwaps.KEY), home,
              c.getInt("meta.swap.shadow-calls"), c.getInt("meta.swap.history-bars")), c.getBoolean("exits.specialist-limits"),
          InstrumentTerms.fromConfig(c, nonNegative(c, "backtest.tick-size"), nonNegative(c, "backtest.lot-size"), positive(c, "backtest.multiplier"),
              nonNegative(c, "backtest.margin")));
      return c.getBoolean("backtest.bare") ? settings.withoutOverlays() : settings;
    } catch (ConfigException e) {
      throw new InvalidInputException("configuration: " + e.getMessage(), e);
    }
  }

  /**
   * The same run with every overlay off, the one place that says what bare means: entries and exits at market, on the
   * strategy's signals alone (no exit rules: no bracket stop or target, trailing, partial, age or loss exit); no risk
   * limit beyond the cash (spot) or free margin (futures-like) an order needs, and the hard cap on absurd orders; no
   * breakers, so the account never halts or reduces; no maker entries; sizing as written (the stake or the share of
   * equity, or a specialist's own position fraction), with no risk, volatility or Kelly sizing, no regime or exposure
   * scaling and no capital allocation. The data, the costs (fees, slippage, latency, fill rule), the instrument and
   * the choice among specialists stay as they are: they are the market and the strategy, not overlays.
   */
  public BacktestSettings withoutOverlays() {
    return new BacktestSettings(data, strategy, params, cash, sizing, exchange, multiplier, margin, tickSize, lotSize,
        RiskLimits.cashAndMarginOnly(limits.defaultStopPct(), limits.hardCapEquityMultiple()), BreakerSettings.off(), flattenOnHalt, null,
        orders, false, from, to, metaMode, genomes, alternatives, regime, selector, RegimeSizing.none(), ensemble, SizingRule.fixed(),
        AllocationSettings.none(), true, swaps, specialistLimits, instrumentTerms);
  }

  /** The same run with these genomes instead (a search varying genome fields). */
  public BacktestSettings withGenomes(List<Genome> genomes) {
    return new BacktestSettings(data, strategy, params, cash, sizing, exchange, multiplier, margin, tickSize, lotSize, limits, breakers,
        flattenOnHalt, exits, orders, makerEntries, from, to, metaMode, List.copyOf(genomes), alternatives, regime, selector, regimeSizing,
        ensemble, sizingRule, allocation, bare, swaps, specialistLimits, instrumentTerms);
  }

  private static String unquote(String key) {
    return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
  }

  private static double positive(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v > 0) || !Double.isFinite(v)) throw new InvalidInputException("troupe." + key + " must be > 0, got " + v);
    return v;
  }

  private static double finite(Config c, String key) {
    double v = c.getDouble(key);
    if (!Double.isFinite(v)) throw new InvalidInputException("troupe." + key + " must be a number, got " + v);
    return v;
  }

  private static double nonNegative(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0) || !Double.isFinite(v)) throw new InvalidInputException("troupe." + key + " must be >= 0, got " + v);
    return v;
  }

  private static long latencySeed(LatencyModel model) {
    if (model instanceof LatencyModel.Uniform u) return u.seed();
    if (model instanceof LatencyModel.Exponential e) return e.seed();
    return 0;
  }

  /**
   * The symbol's instrument ({@link InstrumentTerms}): margined when a multiplier or a margin is set, paid in full
   * otherwise; its kind, quote currency and order grid from troupe.instruments or its name.
   */
  public Instrument instrument(String symbol) {
    return instrumentTerms.instrument(symbol);
  }

  /** The currency the account trading these symbols keeps; symbols quoted in several without rates are refused. */
  public String accountCurrency(java.util.Collection<String> symbols) {
    return instrumentTerms.accountCurrency(symbols);
  }

  /**
   * The price-scale indicators the strategy declares ({@link io.troupe.strategy.Strategy#indicators()}), for the
   * report's price charts; none for the regime specialists, which are four strategies taking turns.
   */
  public List<String> chartIndicators() {
    if (metaMode != MetaSettings.Mode.SINGLE) return List.of();
    return StrategyCatalog.factory(strategy, params).get().indicators();
  }

  /** The node these settings describe, with one specialist per symbol running the configured strategy. */
  public NodeSettings node(List<String> symbols) {
    accountCurrency(symbols);
    Map<String, Instrument> instruments = new TreeMap<>();
    Map<String, List<SpecialistSpec>> specialists = new TreeMap<>();
    List<SpecialistSpec> specs = new ArrayList<>();
    Map<String, String> types = new TreeMap<>();
    Map<String, Long> holding = new TreeMap<>();
    Map<Regime, String> byRegime = new java.util.EnumMap<>(Regime.class);
    Map<String, Double> fractions = new TreeMap<>();
    if (metaMode == MetaSettings.Mode.SINGLE) {
      var factory = StrategyCatalog.factory(strategy, params);
      specs.add(new SpecialistSpec(strategy, factory));
      types.put(strategy, factory.get().strategyType());
      holding.put(strategy, factory.get().holdingLimitMillis());
    } else {
      for (Genome g : genomes) {
        var factory = SpecialistFactory.fromGenome(g);
        specs.add(new SpecialistSpec(g.name(), factory));
        // Without specialist limits (a session journaled before them), every genome as before: type "default", max age.
        types.put(g.name(), specialistLimits ? factory.get().strategyType() : "default");
        holding.put(g.name(), specialistLimits ? factory.get().holdingLimitMillis() : 0L);
        byRegime.putIfAbsent(g.kind(), g.name());
        fractions.put(g.name(), g.positionFraction());
      }
    }
    for (String symbol : symbols) {
      instruments.put(symbol, instrument(symbol));
      specialists.put(symbol, specs);
    }
    double roundTrip = 2 * (exchange.takerFeePct() / 100 + exchange.slippageBps() / 1e4) * 100;
    MetaSettings meta = new MetaSettings(metaMode, sizing, regime, byRegime, alternatives, fractions, selector, regimeSizing, ensemble, 5, roundTrip,
        sizingRule, allocation);
    NodeSettings node = new NodeSettings(cash, instruments, meta, specialists, limits, breakers, flattenOnHalt, exits, types, orders, makerEntries,
        io.troupe.model.HistoryWindow.WHOLE_RUN);
    return node.withHoldingLimits(holding).withSwaps(swaps.plan(node));
  }

  /** The resolved settings as reported in summary.json. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("strategy", strategy);
    // Only when on, so the settings of runs without it (and of journaled paper sessions) read as before.
    if (bare) m.put("bare", true);
    if (metaMode != MetaSettings.Mode.SINGLE) {
      m.put("meta_mode", metaMode.name().toLowerCase());
      m.put("specialists", genomes.stream().map(g -> g.name() + " (" + g.kind().name().toLowerCase() + ")").toList());
    }
    m.put("params", params);
    // Only when there are some, so the settings of runs without swaps (and of journaled paper sessions) read as before.
    if (!swaps.entries().isEmpty()) m.put("swaps", swaps.entries().stream().map(ScheduledSwaps.Entry::text).toList());
    m.put("cash", cash);
    m.put("stake", sizing.stakeUnits());
    m.put("size_pct", sizing.equityFraction() * 100);
    m.put("allow_short", sizing.allowShort());
    m.put("fill", exchange.fillMode() == FillMode.CLOSE ? "close" : "next-open");
    m.put("commission_pct", exchange.takerFeePct());
    // Only when they differ from the defaults, so the settings of runs without them (and of journaled paper sessions,
    // which resume only under the same settings) read as before.
    if (exchange.makerFeePct() != exchange.takerFeePct()) {
      m.put("maker_fee_pct", exchange.makerFeePct());
      m.put("taker_fee_pct", exchange.takerFeePct());
    }
    m.put("commission_per_unit", exchange.commissionPerUnit());
    m.put("slippage_bps", exchange.slippageBps());
    m.put("max_volume_share", exchange.maxVolumeShare());
    if (!exchange.latency().isZero()) {
      m.put("latency", exchange.latency().spec());
      if (!(exchange.latency() instanceof LatencyModel.Fixed)) m.put("latency_seed", latencySeed(exchange.latency()));
    }
    m.put("multiplier", multiplier);
    m.put("margin", margin);
    m.put("max_position_pct", Double.isFinite(limits.maxPositionPct()) ? limits.maxPositionPct() * 100 : null);
    m.put("sizing", sizingRule.mode().name().toLowerCase());
    m.put("exits", exits == null ? "off" : "on");
    m.put("maker_entries", makerEntries);
    m.put("flatten_on_halt", flattenOnHalt);
    m.put("from", from == null ? null : from.toString());
    m.put("to", to == null ? null : to.toString());
    return m;
  }
}
