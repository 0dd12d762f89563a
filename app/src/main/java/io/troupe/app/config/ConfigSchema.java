package io.troupe.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.troupe.exit.ExitReasons;
import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type and bounds of every {@code troupe.*} key, checked on the values as the user wrote them (percent in percent,
 * before any conversion to a fraction), so a message names the key (or the option that set it), the value as typed,
 * what was expected, and where the value came from. The settings records keep their own checks for callers that build
 * them in code; this runs before them on every configuration the CLI resolves.
 *
 * <p>Bounds: a percent that is a share of equity (or of a position) is at most 100; a distance a price may run in the
 * position's favour (a target, a profit step) at most 1000; a share or a correlation at most 1; a count at least 0 (or
 * 1 where 0 would mean nothing); a duration at least 0.
 */
public final class ConfigSchema {

  /** Checks one key of the root configuration. */
  interface Check {
    void check(Config root, String key);
  }

  record Rule(String key, Check check) {}

  /** An interval; a NaN end is open-ended. {@code why} says what the bound stands for, e.g. "a share of equity". */
  record Range(double min, boolean minIncluded, double max, boolean maxIncluded, String why) {
    boolean contains(double v) {
      return (Double.isNaN(min) || (minIncluded ? v >= min : v > min)) && (Double.isNaN(max) || (maxIncluded ? v <= max : v < max));
    }

    String describe() {
      String text;
      if (Double.isNaN(max)) text = "must be " + (minIncluded ? ">= " : "> ") + fmt(min);
      else if (Double.isNaN(min)) text = "must be " + (maxIncluded ? "<= " : "< ") + fmt(max);
      else text = "must be in " + (minIncluded ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxIncluded ? "]" : ")");
      return why == null ? text : text + " (" + why + ")";
    }
  }

  static final double NONE = Double.NaN;
  static final String EQUITY = "percent of equity";
  static final String PRICE = "percent of price";
  static final String PROFIT = "percent of price, a 10x move at most";
  /** Venues offer at most 125x. */
  static final double MAX_LEVERAGE = 125;

  private static final List<Rule> RULES = new ArrayList<>();

  static {
    number("troupe.account.cash", above(0));
    // The account's currency, its rates and the instruments by symbol: checked as one (fields, codes, bounds).
    rule("troupe.account.currency", (root, k) -> InstrumentTerms.check(root));
    map("troupe.account.conversions", null);
    map("troupe.instruments", null);

    list("troupe.backtest.data", true);
    whole("troupe.backtest.threads", 1);
    text("troupe.backtest.strategy");
    map("troupe.backtest.params", null);
    bool("troupe.backtest.bare");
    number("troupe.backtest.stake", atLeast(0));
    number("troupe.backtest.size-pct", closed(0, 100, EQUITY));
    bool("troupe.backtest.allow-short");
    number("troupe.backtest.commission-pct", closed(0, 100, "percent of notional"));
    number("troupe.backtest.commission-per-unit", atLeast(0));
    // null: commission-pct. A negative maker fee is a rebate.
    rule("troupe.backtest.maker-fee-pct", (root, k) -> {
      if (!root.getIsNull(k)) checkNumber(root, k, closed(-100, 100, "percent of notional; negative is a rebate"));
    });
    rule("troupe.backtest.taker-fee-pct", (root, k) -> {
      if (!root.getIsNull(k)) checkNumber(root, k, closed(0, 100, "percent of notional"));
    });
    rule("troupe.backtest.latency", (root, k) -> {
      try {
        io.troupe.gateway.sim.LatencyModel.parse(root.getString(k), 0);
      } catch (RuntimeException e) {
        throw new io.troupe.model.InvalidInputException(k + ": " + e.getMessage());
      }
    });
    whole("troupe.backtest.latency-seed", Long.MIN_VALUE);
    number("troupe.backtest.slippage-bps", closed(0, 10_000, "basis points, 10000 = 100%"));
    oneOf("troupe.backtest.fill", List.of("next-open", "close"));
    number("troupe.backtest.max-volume-share", closed(0, 1, "a share of the bar's volume"));
    number("troupe.backtest.multiplier", above(0));
    number("troupe.backtest.margin", atLeast(0));
    number("troupe.backtest.tick-size", atLeast(0));
    number("troupe.backtest.lot-size", atLeast(0));

    // Price sanity of the readers: a jump factor of 0 turns the jump rule off.
    number("troupe.data.sanity.max-jump-factor", atLeast(0));
    number("troupe.data.sanity.min-price", atLeast(0));
    number("troupe.data.sanity.max-price", above(0));
    number("troupe.data.sanity.max-volume", above(0));

    whole("troupe.paper.checkpoint-every", 0);
    bool("troupe.paper.use-checkpoints");
    whole("troupe.paper.prune-snapshots-every", 0);
    bool("troupe.paper.read-side");
    duration("troupe.paper.journal-reconnect.max-time");
    duration("troupe.paper.journal-reconnect.min-backoff");
    rule("troupe.paper.journal-reconnect.max-backoff", (root, k) -> {
      checkDuration(root, k);
      if (root.getDuration(k).compareTo(root.getDuration("troupe.paper.journal-reconnect.min-backoff")) < 0) {
        throw bad(root, k, "must be at least troupe.paper.journal-reconnect.min-backoff (" + root.getValue("troupe.paper.journal-reconnect.min-backoff").unwrapped()
            + "), got " + Where.typed(root.getValue(k)));
      }
    });
    whole("troupe.paper.history-window", 1);
    whole("troupe.paper.feed.warm-up-bars", 0);
    oneOf("troupe.paper.feed.bars", List.of("klines", "trades"));
    whole("troupe.paper.h2.compact-every", 0);
    duration("troupe.paper.h2.sync-every");
    duration("troupe.paper.h2.retention");
    rule("troupe.http.address", (root, k) -> {
      // HOST:PORT or off, as HttpAddress reads it (the http package sits above this one).
      checkText(root, k);
      String v = root.getString(k).strip();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(".+:(\\d{1,5})").matcher(v);
      if (!v.equalsIgnoreCase("off") && (!m.matches() || Integer.parseInt(m.group(1)) > 65535)) {
        throw new InvalidInputException(k + ": '" + root.getString(k) + "' is not HOST:PORT or off" + Where.suffix(root.getValue(k)));
      }
    });
    rule("troupe.http.ask-timeout", (root, k) -> {
      checkDuration(root, k);
      if (root.getDuration(k).isZero()) throw new InvalidInputException(k + " must be > 0, got " + Where.typed(root.getValue(k)) + Where.suffix(root.getValue(k)));
    });
    duration("troupe.http.control-wait");
    oneOf("troupe.cluster.feed.mode", List.of("topic", "direct"));
    rule("troupe.cluster.feed.subscribe-wait", (root, k) -> positiveDuration(root, k));
    rule("troupe.cluster.feed.pull-timeout", (root, k) -> positiveDuration(root, k));
    whole("troupe.cluster.feed.lose-every", 0);
    whole("troupe.http.fills-kept", 1);

    text("troupe.specialists.dir");
    oneOf("troupe.meta.mode", List.of("select", "ensemble"));
    map("troupe.meta.alternatives", ConfigSchema::checkText);
    list("troupe.backtest.swaps", false);
    whole("troupe.meta.swap.shadow-calls", 0);
    whole("troupe.meta.swap.history-bars", 0);

    oneOf("troupe.sizing.mode", List.of("fixed", "risk", "volatility", "kelly"));
    number("troupe.sizing.risk-pct", leftOpen(0, 100, EQUITY));
    number("troupe.sizing.default-stop-pct", leftOpen(0, 100, PRICE));
    number("troupe.sizing.atr-multiple", above(0));
    number("troupe.sizing.kelly.scale", leftOpen(0, 1, "a share of the full Kelly fraction"));
    number("troupe.sizing.kelly.cap-pct", leftOpen(0, 100, EQUITY));
    whole("troupe.sizing.kelly.min-trades", 1);
    number("troupe.sizing.max-fraction-pct", leftOpen(0, 100, EQUITY));

    bool("troupe.risk.flatten-on-halt");
    number("troupe.risk.hard-cap-x-equity", above(0));
    number("troupe.risk.max-leverage", closed(0, MAX_LEVERAGE, "gross notional over equity; 0 = off"));
    rule("troupe.risk.max-position-pct", (root, key) -> checkNumber(root, key, equityShareWithLeverage(root)));
    number("troupe.risk.cash-buffer-pct", closed(0, 100, "percent of an entry's notional"));
    number("troupe.risk.risk-per-trade-pct", closed(0, 100, EQUITY));
    number("troupe.risk.default-stop-pct", leftOpen(0, 100, PRICE));
    number("troupe.risk.portfolio-risk-pct", closed(0, 100, EQUITY));
    number("troupe.risk.concentration-pct", closed(0, 100, "percent of equity or of the gross exposure"));
    whole("troupe.risk.max-open-positions", 0);
    number("troupe.risk.max-correlation", closed(0, 1, "a correlation; 0 = off"));
    whole("troupe.risk.trades-per-strategy.per-minute", 0);
    whole("troupe.risk.trades-per-strategy.per-hour", 0);
    whole("troupe.risk.trades-per-strategy.per-day", 0);
    whole("troupe.risk.orders-per-second", 0);
    number("troupe.risk.min-liquidation-distance-pct", closed(0, 100, PRICE));
    number("troupe.risk.price-band-pct", closed(0, 100, PRICE));
    number("troupe.risk.breakers.daily-loss-pct", closed(0, 100, EQUITY));
    number("troupe.risk.breakers.weekly-loss-pct", closed(0, 100, EQUITY));
    number("troupe.risk.breakers.drawdown-pct", closed(0, 100, EQUITY));
    whole("troupe.risk.breakers.stop-storm.count", 0);
    duration("troupe.risk.breakers.stop-storm.window");
    duration("troupe.risk.breakers.stop-storm.cooldown");
    rule("troupe.risk.breakers.stop-storm.reasons", ConfigSchema::exitReasons);
    rule("troupe.risk.allocation.weights-pct", ConfigSchema::weights);
    number("troupe.risk.allocation.rebalance-drift-pct", closed(0, 100, "percent of the target weight"));
    number("troupe.risk.allocation.performance-blend", closed(0, 1, null));

    bool("troupe.exits.enabled");
    number("troupe.exits.stop-pct", leftOpen(0, 100, PRICE));
    number("troupe.exits.target-pct", closed(0, 1000, PROFIT));
    oneOf("troupe.exits.stop-mode", List.of("percent", "atr"));
    number("troupe.exits.atr-multiple", atLeast(0));
    number("troupe.exits.trailing.arm-at-profit-pct", closed(0, 1000, PROFIT));
    number("troupe.exits.trailing.give-back-pct", closed(0, 100, "percent of the peak profit"));
    rule("troupe.exits.partials", ConfigSchema::partials);
    duration("troupe.exits.max-age");
    number("troupe.exits.max-loss-pct", closed(0, 100, "percent of the position's value"));
    bool("troupe.exits.specialist-limits");
    for (String type : List.of("mean-reversion", "regime", "microstructure", "event", "default")) duration("troupe.exits.min-hold." + type);

    duration("troupe.orders.stale-limit-after");
    number("troupe.orders.cancel-on-move-pct", closed(0, 100, PRICE));
    bool("troupe.orders.maker.entries");
    number("troupe.orders.maker.offset-pct", closed(0, 100, PRICE));
    bool("troupe.orders.maker.post-only");
    duration("troupe.orders.maker.market-fallback-after");

    whole("troupe.regime.lookback", 2);
    number("troupe.regime.crisis-volatility", leftOpen(0, 1000, "annualised volatility in percent"));
    number("troupe.regime.volatile-volatility", leftOpen(0, 1000, "annualised volatility in percent"));
    number("troupe.regime.volatile-max-adx", closed(0, 100, "ADX points"));
    number("troupe.regime.trending-min-adx", closed(0, 100, "ADX points"));
    number("troupe.regime.atr-spike-ratio", above(0));
    number("troupe.regime.gap-pct", leftOpen(0, 100, "percent of the previous close"));
    whole("troupe.regime.confirmation.window", 1);
    whole("troupe.regime.confirmation.required", 1);
    whole("troupe.regime.confirmation.consecutive", 1);
    whole("troupe.regime.correlation.window", 3);
    number("troupe.regime.correlation.spike", new Range(-1, false, 1, true, "a correlation"));
    oneOf("troupe.regime.calibration.mode", List.of("percentile", "absolute"));
    number("troupe.regime.calibration.crisis-percentile", new Range(0, false, 100, false, "a percentile"));
    number("troupe.regime.calibration.volatile-percentile", new Range(0, false, 100, false, "a percentile"));
    whole("troupe.regime.calibration.window", 2);
    whole("troupe.regime.calibration.sample-every", 1);
    whole("troupe.regime.calibration.min-samples", 1);

    whole("troupe.meta.selector.trades", 1);
    number("troupe.meta.selector.loss-pct", leftOpen(0, 100, "summed percent returns of the last trades"));
    number("troupe.meta.sizing.crisis", closed(0, 1, "a multiplier"));
    number("troupe.meta.sizing.volatile", closed(0, 1, "a multiplier"));
    rule("troupe.meta.sizing.exposure-pct", (root, key) -> checkNumber(root, key, equityShareWithLeverage(root)));
    number("troupe.meta.sizing.exposure-multiplier", closed(0, 1, "a multiplier"));
    whole("troupe.meta.ensemble.min-agreeing", 1);
    number("troupe.meta.ensemble.min-weight-share", closed(0, 1, "a share of the voters' weight"));
    whole("troupe.meta.ensemble.recent-calls", 1);
    whole("troupe.meta.ensemble.min-recent-calls", 1);
    number("troupe.meta.ensemble.accuracy-floor", closed(0, 1, "a hit rate"));
    number("troupe.meta.ensemble.penalty", closed(0, 1, "a multiplier"));
    whole("troupe.meta.ensemble.call-horizon-bars", 1);

    oneOf("troupe.persistence.backend", List.of("h2", "postgres", "postgresql"));
    whole("troupe.persistence.snapshot-every", 0);
    whole("troupe.persistence.keep-snapshots", 1);
    text("troupe.state-dir");

    oneOf("troupe.venue.unknown-orders", List.of("cancel", "adopt"));
    number("troupe.venue.balance-tolerance", closed(0, 1, "a share of the expected balance"));
    // The FIX venue (gateway/fix FixSettings checks the same on the values it reads).
    text("troupe.venue.fix.host");
    rule("troupe.venue.fix.port", (root, k) -> {
      checkWhole(root, k, 1);
      if (root.getLong(k) > 65_535) throw bad(root, k, "must be in [1, 65535], got " + Where.typed(root.getValue(k)));
    });
    text("troupe.venue.fix.sender-comp-id");
    text("troupe.venue.fix.target-comp-id");
    duration("troupe.venue.fix.heartbeat");
    duration("troupe.venue.fix.reconnect-interval");
    text("troupe.venue.fix.account");
    oneOf("troupe.venue.fix.reconcile", List.of("per-order", "mass-status"));
    rule("troupe.venue.fix.reconcile-timeout", (root, k) -> positiveDuration(root, k));
    for (String env : List.of("username-env", "password-env", "tls.trust-store-password-env", "tls.key-store-password-env")) {
      rule("troupe.venue.fix." + env, (root, k) -> {
        String v = text(root, k).strip();
        if (!v.isEmpty() && !v.matches("[A-Za-z_][A-Za-z0-9_]*")) throw bad(root, k, "expects the name of an environment variable, got '" + v + "'");
      });
    }
    bool("troupe.venue.fix.tls.enabled");
    text("troupe.venue.fix.tls.trust-store");
    text("troupe.venue.fix.tls.key-store");
    bool("troupe.venue.fix.tls.verify-host");

    bool("troupe.metrics.enabled");
    // Binance (config/binance.conf)
    oneOf("troupe.venue.binance.preset", List.of("production", "testnet"));
    for (String preset : List.of("production", "testnet")) {
      url("troupe.venue.binance.presets." + preset + ".rest-url", "http", false);
      url("troupe.venue.binance.presets." + preset + ".stream-url", "ws", false);
      url("troupe.venue.binance.presets." + preset + ".futures-rest-url", "http", false);
      url("troupe.venue.binance.presets." + preset + ".futures-stream-url", "ws", false);
    }
    url("troupe.venue.binance.rest-url", "http", true);
    url("troupe.venue.binance.stream-url", "ws", true);
    url("troupe.venue.binance.futures-rest-url", "http", true);
    url("troupe.venue.binance.futures-stream-url", "ws", true);
    rule("troupe.venue.binance.recv-window", (root, k) -> {
      checkDuration(root, k);
      long ms = root.getDuration(k).toMillis();
      if (ms <= 0 || ms > 60_000) throw bad(root, k, "must be in (0, 60s] (Binance's limit), got " + Where.typed(root.getValue(k)));
    });
    rule("troupe.venue.binance.request-timeout", (root, k) -> positiveDuration(root, k));
    whole("troupe.venue.binance.max-retries", 0);
    duration("troupe.venue.binance.reconnect.min-backoff");
    duration("troupe.venue.binance.reconnect.max-backoff");
    rule("troupe.venue.binance.listen-key-keep-alive", (root, k) -> {
      checkDuration(root, k);
      long ms = root.getDuration(k).toMillis();
      if (ms <= 0 || ms >= 3_600_000) throw bad(root, k, "must be in (0, 60m) (a listen key lives 60 minutes), got " + Where.typed(root.getValue(k)));
    });
    rule("troupe.alerts.webhooks", ConfigSchema::webhooks);
    whole("troupe.alerts.attempts", 1);
    duration("troupe.alerts.backoff.initial");
    duration("troupe.alerts.backoff.max");
    rule("troupe.alerts.timeout", (root, k) -> positiveDuration(root, k));
    duration("troupe.alerts.drain-timeout");
    number("troupe.alerts.data-stall-timeframes", above(0));
    bool("troupe.adviser.enabled");
    bool("troupe.adviser.in-backtest");
    rule("troupe.adviser.endpoints", ConfigSchema::adviserEndpoints);
    whole("troupe.adviser.quorum", 1);
    oneOf("troupe.adviser.action", List.of("veto", "scale"));
    number("troupe.adviser.scale", new Range(0, false, 1, false, "a share of the entry"));
    number("troupe.adviser.min-confidence", closed(0, 1, "a verdict's confidence"));
    rule("troupe.adviser.timeout", (root, k) -> positiveDuration(root, k));
    text("troupe.adviser.cache");
    bool("troupe.adviser.cache-only");
  }

  /**
   * The adviser's endpoints: each an object with a name, an http(s) url and a model, optionally key-env (the name of
   * the environment variable holding the key, never the key) and max-tokens; no other field, no two with one name.
   */
  private static void adviserEndpoints(Config root, String key) {
    ConfigList l = listOf(root, key, "a list of endpoints, e.g. [{ name = qwen, url = \"http://127.0.0.1:8000/v1\", model = \"qwen2.5\" }]");
    java.util.Set<String> names = new java.util.HashSet<>();
    List<String> fields = List.of("name", "url", "model", "key-env", "max-tokens");
    for (int i = 0; i < l.size(); i++) {
      ConfigValue e = l.get(i);
      String at = key + "[" + i + "]";
      if (e.valueType() != ConfigValueType.OBJECT) {
        throw new InvalidInputException(at + " expects an endpoint such as { name = qwen, url = \"http://127.0.0.1:8000/v1\", model = \"qwen2.5\" }, got a "
            + e.valueType().name().toLowerCase() + Where.suffix(e));
      }
      ConfigObject ep = (ConfigObject) e;
      for (String field : ep.keySet()) {
        if (!fields.contains(field)) throw new InvalidInputException(at + "." + field + ": unknown field; an endpoint takes " + String.join(", ", fields) + Where.suffix(ep.get(field)));
      }
      for (String field : List.of("name", "url", "model")) {
        ConfigValue v = ep.get(field);
        if (v == null || v.valueType() != ConfigValueType.STRING || String.valueOf(v.unwrapped()).isBlank()) {
          throw new InvalidInputException(at + "." + field + " must be a non-empty text value" + Where.suffix(v == null ? e : v));
        }
      }
      if (!isHttpUrl((String) ep.get("url").unwrapped())) throw new InvalidInputException(at + ".url is not an http:// or https:// URL with a host" + Where.suffix(ep.get("url")));
      if (!names.add((String) ep.get("name").unwrapped())) throw new InvalidInputException(at + ".name: another endpoint is named " + ep.get("name").unwrapped() + Where.suffix(ep.get("name")));
      ConfigValue env = ep.get("key-env");
      if (env != null && (env.valueType() != ConfigValueType.STRING || !String.valueOf(env.unwrapped()).matches("[A-Za-z_][A-Za-z0-9_]*"))) {
        throw new InvalidInputException(at + ".key-env must name an environment variable (letters, digits, _), not hold the key" + Where.suffix(env));
      }
      ConfigValue tokens = ep.get("max-tokens");
      if (tokens != null && (tokens.valueType() != ConfigValueType.NUMBER || ((Number) tokens.unwrapped()).doubleValue() < 16
          || ((Number) tokens.unwrapped()).doubleValue() != Math.rint(((Number) tokens.unwrapped()).doubleValue()))) {
        throw new InvalidInputException(at + ".max-tokens must be a whole number >= 16, got " + Where.quoted(tokens) + Where.suffix(tokens));
      }
    }
  }

  private ConfigSchema() {}

  /** The keys this schema checks, in order (a test holds them to the packaged configuration's). */
  public static List<String> keys() {
    return RULES.stream().map(Rule::key).toList();
  }

  /**
   * Checks every rule's key of {@code root} that is present (a command that does not use a part of the configuration,
   * such as the journal layer, need not have it); the first problem is an input error naming the key.
   */
  public static void validate(Config root) {
    for (Rule r : RULES) {
      if (root.hasPathOrNull(r.key())) r.check().check(root, r.key());
    }
  }

  /** The option or key that set {@code key} in {@code root}, as the user named it. */
  public static String name(Config root, String key) {
    return Where.name(key, root.hasPath(key) ? root.getValue(key) : null);
  }

  // ---- rule builders

  private static void rule(String key, Check check) {
    RULES.add(new Rule(key, check));
  }

  private static void number(String key, Range range) {
    rule(key, (root, k) -> checkNumber(root, k, range));
  }

  private static void whole(String key, long min) {
    rule(key, (root, k) -> checkWhole(root, k, min));
  }

  private static void bool(String key) {
    rule(key, ConfigSchema::checkBoolean);
  }

  private static void text(String key) {
    rule(key, ConfigSchema::checkText);
  }

  private static void duration(String key) {
    rule(key, ConfigSchema::checkDuration);
  }

  private static void oneOf(String key, List<String> choices) {
    rule(key, (root, k) -> {
      String v = text(root, k);
      if (!choices.contains(v)) throw bad(root, k, "must be one of " + String.join(", ", choices) + ", got '" + v + "'");
    });
  }

  /** An http(s) (or ws(s)) URL with a host; {@code emptyAllowed}: "" keeps a default. */
  private static void url(String key, String scheme, boolean emptyAllowed) {
    rule(key, (root, k) -> {
      String v = text(root, k).strip();
      if (emptyAllowed && v.isEmpty()) return;
      java.net.URI uri;
      try {
        uri = new java.net.URI(v);
      } catch (java.net.URISyntaxException e) {
        throw bad(root, k, "is not a URL: '" + v + "'");
      }
      if (uri.getScheme() == null || !(uri.getScheme().equals(scheme) || uri.getScheme().equals(scheme + "s")) || uri.getHost() == null) {
        throw bad(root, k, "expects a " + scheme + ":// or " + scheme + "s:// URL with a host, got '" + v + "'");
      }
    });
  }

  private static void list(String key, boolean nonEmpty) {
    rule(key, (root, k) -> {
      ConfigList l = listOf(root, k, "a list of text values, e.g. [\"a.csv\", \"b.csv\"]");
      if (nonEmpty && l.isEmpty()) throw bad(root, k, "must not be empty");
      for (ConfigValue e : l) {
        if (e.valueType() != ConfigValueType.STRING) throw bad(root, k, "expects a list of text values, got " + Where.quoted(e) + " in it");
      }
    });
  }

  /** A section whose keys are the user's to choose; {@code entry} checks each value (null: any). */
  private static void map(String key, Check entry) {
    rule(key, (root, k) -> {
      ConfigObject o = objectOf(root, k);
      if (entry == null) return;
      for (String name : o.keySet()) entry.check(root, k + "." + com.typesafe.config.ConfigUtil.joinPath(name));
    });
  }

  static Range above(double min) {
    return new Range(min, false, NONE, false, null);
  }

  static Range atLeast(double min) {
    return new Range(min, true, NONE, false, null);
  }

  static Range closed(double min, double max, String why) {
    return new Range(min, true, max, true, why);
  }

  static Range leftOpen(double min, double max, String why) {
    return new Range(min, false, max, true, why);
  }

  /**
   * A position or the exposure in percent of equity: at most 100, or 100 x troupe.risk.max-leverage on margin
   * instruments, which may hold more notional than equity.
   */
  private static Range equityShareWithLeverage(Config root) {
    double leverage = 0;
    if (root.hasPath("troupe.risk.max-leverage")) {
      try {
        leverage = root.getDouble("troupe.risk.max-leverage");
      } catch (ConfigException e) {
        leverage = 0; // its own rule reports it
      }
    }
    if (!(leverage > 1)) return leftOpen(0, 100, EQUITY);
    return leftOpen(0, 100 * leverage, "percent of equity, 100 x troupe.risk.max-leverage " + fmt(leverage));
  }

  // ---- value checks

  /** The number at {@code key}, as written (a number, or text that reads as one), within {@code range}. */
  static double checkNumber(Config root, String key, Range range) {
    ConfigValue v = value(root, key);
    double d = numberOf(root, key, v, "a number");
    if (!range.contains(d)) throw bad(root, key, range.describe() + ", got " + Where.typed(v));
    return d;
  }

  static long checkWhole(Config root, String key, long min) {
    ConfigValue v = value(root, key);
    double d = numberOf(root, key, v, "a whole number");
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw bad(root, key, "expects a whole number, got " + Where.typed(v));
    if (d < min) throw bad(root, key, "must be a whole number >= " + min + ", got " + Where.typed(v));
    return (long) d;
  }

  private static double numberOf(Config root, String key, ConfigValue v, String what) {
    double d;
    if (v.valueType() == ConfigValueType.NUMBER) {
      d = ((Number) v.unwrapped()).doubleValue();
    } else if (v.valueType() == ConfigValueType.STRING) {
      try {
        d = Double.parseDouble(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        throw bad(root, key, "expects " + what + ", got " + Where.quoted(v));
      }
    } else {
      throw bad(root, key, "expects " + what + ", got " + Where.quoted(v));
    }
    if (!Double.isFinite(d)) throw bad(root, key, "expects a finite number, got " + Where.quoted(v));
    return d;
  }

  private static void checkBoolean(Config root, String key) {
    ConfigValue v = value(root, key);
    try {
      root.getBoolean(key);
    } catch (ConfigException e) {
      throw bad(root, key, "expects true or false (or on, off), got " + Where.quoted(v));
    }
  }

  private static void checkDuration(Config root, String key) {
    ConfigValue v = value(root, key);
    long ms;
    try {
      ms = root.getDuration(key, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (ConfigException e) {
      throw bad(root, key, "expects a duration such as 30s, 5m, 2h or 1d, got " + Where.quoted(v));
    }
    if (ms < 0) throw bad(root, key, "must be a duration >= 0, got " + Where.typed(v));
  }

  private static void checkText(Config root, String key) {
    text(root, key);
  }

  private static String text(Config root, String key) {
    ConfigValue v = value(root, key);
    if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
      throw bad(root, key, "expects a text value, got " + Where.typed(v));
    }
    return root.getString(key);
  }

  private static void exitReasons(Config root, String key) {
    ConfigList l = listOf(root, key, "a list of exit reasons, e.g. [\"stop_loss\", \"atr_stop\"]");
    for (ConfigValue e : l) {
      String reason = e.valueType() == ConfigValueType.STRING ? (String) e.unwrapped() : Where.typed(e);
      if (e.valueType() != ConfigValueType.STRING || !ExitReasons.isKnown(reason)) {
        String near = KnownKeys.nearest(reason, ExitReasons.ALL, null);
        throw bad(root, key, "'" + reason + "' is not an exit reason" + (near == null ? "" : " (did you mean " + near + "?)")
            + "; the reasons are " + ExitReasons.describe());
      }
    }
  }

  private static void weights(Config root, String key) {
    ConfigObject o = objectOf(root, key);
    double sum = 0;
    for (String name : o.keySet()) {
      sum += checkNumber(root, key + "." + com.typesafe.config.ConfigUtil.joinPath(name), closed(0, 100, EQUITY));
    }
    if (sum > 100 + 1e-9) throw bad(root, key, "must add up to at most 100 (percent of equity), got " + fmt(sum));
  }

  /** The scale-out steps: each needs at-profit-pct and fraction-pct, within their bounds. */
  private static void partials(Config root, String key) {
    ConfigList l = listOf(root, key, "a list of steps, e.g. [{ at-profit-pct = 2, fraction-pct = 33 }]");
    for (int i = 0; i < l.size(); i++) {
      ConfigValue e = l.get(i);
      String at = key + "[" + i + "]";
      if (e.valueType() != ConfigValueType.OBJECT) {
        throw new InvalidInputException(at + " expects a step such as { at-profit-pct = 2, fraction-pct = 33 }, got " + Where.quoted(e) + Where.suffix(e));
      }
      Config step = ((ConfigObject) e).toConfig();
      Map<String, Range> fields = new LinkedHashMap<>();
      fields.put("at-profit-pct", leftOpen(0, 1000, PROFIT));
      fields.put("fraction-pct", leftOpen(0, 100, "percent of the initial size"));
      for (var f : fields.entrySet()) {
        if (!step.hasPath(f.getKey())) throw new InvalidInputException(at + " lacks " + f.getKey() + Where.suffix(e));
        try {
          checkNumber(step, f.getKey(), f.getValue());
        } catch (InvalidInputException x) {
          // The step's own message names only the field: prefix the element's path.
          throw new InvalidInputException(at + "." + x.getMessage());
        }
      }
    }
  }

  /**
   * The alert webhooks: each an object with an http(s) url, a format (json, slack, telegram) and, for telegram, a
   * chat-id; no other field. A URL is never echoed in a message: it usually holds a secret.
   */
  private static void webhooks(Config root, String key) {
    ConfigList l = listOf(root, key, "a list of webhooks, e.g. [{ url = \"https://example.com/hook\", format = json }]");
    List<String> formats = List.of("json", "slack", "telegram");
    for (int i = 0; i < l.size(); i++) {
      ConfigValue e = l.get(i);
      String at = key + "[" + i + "]";
      if (e.valueType() != ConfigValueType.OBJECT) {
        throw new InvalidInputException(at + " expects a webhook such as { url = \"https://example.com/hook\", format = json }, got a "
            + e.valueType().name().toLowerCase() + secretSuffix(key, e));
      }
      ConfigObject hook = (ConfigObject) e;
      for (String field : hook.keySet()) {
        if (!List.of("url", "format", "chat-id").contains(field)) {
          throw new InvalidInputException(at + "." + field + ": unknown field; a webhook takes url, format and chat-id" + secretSuffix(key, hook.get(field)));
        }
      }
      ConfigValue url = hook.get("url");
      if (url == null) throw new InvalidInputException(at + " lacks url" + secretSuffix(key, e));
      if (url.valueType() != ConfigValueType.STRING || !isHttpUrl((String) url.unwrapped())) {
        throw new InvalidInputException(at + ".url is not an http:// or https:// URL with a host" + secretSuffix(key, url));
      }
      ConfigValue format = hook.get("format");
      String f = format == null ? "json" : String.valueOf(format.unwrapped());
      if (format != null && (format.valueType() != ConfigValueType.STRING || !formats.contains(f))) {
        throw new InvalidInputException(at + ".format must be one of " + String.join(", ", formats) + ", got " + Where.quoted(format) + secretSuffix(key, format));
      }
      ConfigValue chat = hook.get("chat-id");
      if (f.equals("telegram") && (chat == null || String.valueOf(chat.unwrapped()).isBlank())) {
        throw new InvalidInputException(at + " has format telegram but no chat-id (the chat the bot posts to)" + secretSuffix(key, e));
      }
      if (chat != null && chat.valueType() != ConfigValueType.STRING && chat.valueType() != ConfigValueType.NUMBER) {
        throw new InvalidInputException(at + ".chat-id expects a text value or a number, got " + Where.quoted(chat) + secretSuffix(key, chat));
      }
    }
  }

  /** Where a webhook's value came from, without echoing a --set's text: it would print the URL, often a secret. */
  private static String secretSuffix(String key, ConfigValue v) {
    String source = v == null ? null : Where.source(v.origin());
    if (source == null) return "";
    return source.startsWith("--set ") ? " (from --set " + key + ")" : " (from " + source + ")";
  }

  private static boolean isHttpUrl(String text) {
    try {
      java.net.URI u = new java.net.URI(text.trim());
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null && !u.getHost().isBlank();
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static void positiveDuration(Config root, String key) {
    checkDuration(root, key);
    if (root.getDuration(key).isZero()) throw bad(root, key, "must be a duration > 0, got " + Where.typed(root.getValue(key)));
  }

  // ---- helpers

  private static ConfigValue value(Config root, String key) {
    if (!root.hasPath(key)) throw new InvalidInputException(key + " must have a value, got null");
    return root.getValue(key);
  }

  private static ConfigList listOf(Config root, String key, String example) {
    ConfigValue v = value(root, key);
    if (v.valueType() != ConfigValueType.LIST) throw bad(root, key, "expects " + example + ", got " + Where.quoted(v));
    return (ConfigList) v;
  }

  private static ConfigObject objectOf(Config root, String key) {
    ConfigValue v = value(root, key);
    if (v.valueType() != ConfigValueType.OBJECT) throw bad(root, key, "expects a section { name = value, ... }, got " + Where.quoted(v));
    return (ConfigObject) v;
  }

  /** "NAME problem (from WHERE)": NAME is the option that set the key, else the key. */
  static InvalidInputException bad(Config root, String key, String problem) {
    ConfigValue v = root.hasPath(key) ? root.getValue(key) : null;
    return new InvalidInputException(Where.name(key, v) + " " + problem + Where.suffix(v));
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
