package io.troupe.desk;

import io.troupe.indicator.AverageTrueRange;
import io.troupe.market.Bar;
import io.troupe.performance.SpecialistStats;
import io.troupe.portfolio.CapitalAllocator;
import io.troupe.sizing.SizingInput;
import io.troupe.model.RoundTrip;
import io.troupe.regime.Regime;
import io.troupe.regime.RegimeChange;
import io.troupe.regime.RegimeSource;
import io.troupe.regime.RegimeTracker;
import io.troupe.model.OrderIntent;
import io.troupe.strategy.Direction;
import io.troupe.strategy.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, for one symbol, what the desk asks for after its specialists have spoken: which specialist's signal counts
 * (by the confirmed regime, or by a weighted vote), and how large the wanted position is. It learns from every bar
 * (calls judged a few bars later), from shadow trades of every specialist, and from the account's real trades.
 * Pure and deterministic; the desk actor owns it.
 */
public final class MetaController {

  /** How many closes the brief's returns reach back (its longest horizon plus one). */
  private static final int BRIEF_CLOSES = 61;

  /** One bar's outcome: the intent (or null), the confirmed regime, who is in charge, and a regime change if any. */
  public record Decision(OrderIntent intent, Regime regime, String active, RegimeChange change) {}

  private final String symbol;
  private final MetaSettings settings;
  private final double multiplier;
  private final List<String> specialists;
  /** Hot-swapped newcomers warming up: their signals are scored under these labels, but they have no say. */
  private final List<String> shadows = new ArrayList<>(0);
  /** Each specialist's genome position fraction; a swapped-in genome brings its own. */
  private final Map<String, Double> fractions;
  private final RegimeSource regime;
  private final SpecialistScorecard scorecard;
  private final ShadowTrades shadow;
  private final SpecialistSelector selector;
  private final EnsembleVote vote;
  private double equity;
  private double exposure;
  /** The specialist whose entry the desk last asked for; its FLAT still counts after it stops being in charge. */
  private String owner;
  private Direction ensembleStance = Direction.FLAT;
  private final AverageTrueRange atr = new AverageTrueRange(14);
  /** The last closes (a ring), for the returns an entry's brief reports. */
  private final double[] closes = new double[BRIEF_CLOSES];
  private long barsSeen;
  /** The signal of the last intent made, for that intent's brief. */
  private Signal lastIntentSignal;
  /** Real trades per specialist on this desk, for Kelly sizing. */
  private final Map<String, SpecialistStats> stats = new java.util.TreeMap<>();
  /** Capital allocated per specialist, when allocation is on (target weights configured). */
  private final Map<String, Double> capital = new java.util.TreeMap<>();
  private final CapitalAllocator allocator;
  private SpecialistSelector.Selection selection;
  private Regime selectionRegime;
  private long selectionTrades = -1;
  private Decision idle;
  // Between learn and finish: the bar, its confirmed regime and change, and the signal chosen with its fraction.
  private Bar pendingBar;
  private Regime pendingConfirmed;
  private RegimeChange pendingChange;
  private Signal pendingSignal;
  private double pendingFraction;
  private String pendingActive;

  public MetaController(String symbol, List<String> specialists, MetaSettings settings, double multiplier, double initialEquity) {
    this(symbol, specialists, settings, multiplier, initialEquity, new RegimeTracker(settings.regime()));
  }

  /** With another regime source (tests script regimes with it). */
  public MetaController(
      String symbol, List<String> specialists, MetaSettings settings, double multiplier, double initialEquity, RegimeSource regime) {
    this.symbol = symbol;
    this.settings = settings;
    this.multiplier = multiplier;
    this.specialists = new ArrayList<>(specialists);
    this.fractions = new java.util.TreeMap<>(settings.positionFractions());
    this.equity = initialEquity;
    this.regime = regime;
    this.scorecard = new SpecialistScorecard(settings.selector().trades(), settings.ensemble().minRecentCalls() * 4, settings.callHorizonBars());
    this.shadow = new ShadowTrades(scorecard, settings.roundTripFeePct());
    this.selector = new SpecialistSelector(settings.byRegime(), settings.alternatives(), scorecard, settings.selector());
    this.vote = new EnsembleVote(specialists, scorecard, settings.ensemble());
    this.allocator = settings.allocation().targetWeights().isEmpty() ? null : new CapitalAllocator(settings.allocation());
  }

  /** The account at the end of the previous step. */
  public void onAccount(double newEquity, double newExposure) {
    this.equity = newEquity;
    this.exposure = newExposure;
    if (allocator != null) {
      // Each specialist's capital moves with its own trades; back to target once any drifted beyond the threshold.
      CapitalAllocator.Rebalance r = allocator.rebalance(capital, equity, stats);
      if (r.rebalanced()) {
        capital.clear();
        capital.putAll(r.capital());
      }
    }
  }

  /**
   * The account's real trades that closed in the previous step, all symbols: each specialist's record (for Kelly sizing
   * and its allocated capital) is account-wide; the selector's scorecard counts this desk's symbol only.
   */
  public void onTrades(List<RoundTrip> closed) {
    if (closed.isEmpty()) return; // most steps
    for (RoundTrip t : closed) {
      SpecialistStats before = stats.get(t.specialist());
      stats.put(t.specialist(), before == null ? SpecialistStats.empty().add(t) : before.add(t));
      capital.computeIfPresent(t.specialist(), (k, c) -> c + t.pnl());
      if (t.symbol().equals(symbol)) scorecard.recordTrade(t);
    }
  }

  /**
   * One bar and every specialist's answer to it ({@code signals} keyed by specialist, in the desk's fixed order;
   * values may be null).
   */
  public Decision decide(Bar bar, Map<String, Signal> signals) {
    return decide(bar, signals, false);
  }

  /** {@code correlationSpike}: returns across the node's symbols just spiked in correlation (pushes toward stress). */
  public Decision decide(Bar bar, Map<String, Signal> signals, boolean correlationSpike) {
    learn(bar, signals, correlationSpike);
    return finish();
  }

  /**
   * The first half of {@link #decide}: learns from the bar and the signals (regime, scorecard, shadow trades, vote) and
   * chooses the signal that counts, without reading the account. Returns whether {@link #finish} will read it: only a
   * chosen signal is sized, against the equity, exposure and trade record of the last {@link #onAccount} and
   * {@link #onTrades}. Without allocation (which moves capital at every {@link #onAccount}), a bar for which this
   * returns false decides the same whatever the account is.
   */
  public boolean learn(Bar bar, Map<String, Signal> signals, boolean correlationSpike) {
    atr.update(bar);
    closes[(int) (barsSeen++ % BRIEF_CLOSES)] = bar.close();
    RegimeChange change = regime.update(bar, correlationSpike);
    Regime confirmed = regime.confirmed();
    scorecard.onBar(bar);
    shadow.onBar(bar);
    for (int i = 0; i < specialists.size(); i++) {
      String name = specialists.get(i);
      Signal s = signals.get(name);
      if (s == null) continue;
      scorecard.recordCall(name, s, bar.close());
      shadow.onSignal(name, s, bar.close());
      vote.onSignal(name, s);
    }
    for (int i = 0; i < shadows.size(); i++) {
      String label = shadows.get(i);
      Signal s = signals.get(label);
      if (s == null) continue;
      scorecard.recordCall(label, s, bar.close());
      shadow.onSignal(label, s, bar.close());
    }
    pendingBar = bar;
    pendingConfirmed = confirmed;
    pendingChange = change;
    switch (settings.mode()) {
      case SINGLE -> {
        String only = specialists.get(0);
        choose(signals.get(only), settings.baseSizing().equityFraction(), only);
      }
      case SELECT -> select(signals, confirmed);
      case ENSEMBLE -> ensemble(bar, confirmed);
    }
    return pendingSignal != null;
  }

  /** The second half of {@link #decide}: sizes the chosen signal, if any, against the account as last told. */
  public Decision finish() {
    Bar bar = pendingBar;
    if (bar == null) throw new IllegalStateException("finish without learn");
    Decision d = decision(intent(pendingSignal, bar, pendingFraction, pendingConfirmed), pendingConfirmed, pendingActive, pendingChange);
    pendingBar = null;
    pendingSignal = null;
    pendingChange = null;
    return d;
  }

  /**
   * Whether a bar's outcome can depend on the account beyond the bars that choose a signal: with allocation on, every
   * {@link #onAccount} moves capital.
   */
  public boolean readsAccountEveryBar() {
    return allocator != null;
  }

  /**
   * Whether this symbol's real trades ({@link #onTrades}) change what later bars choose: in select mode they move the
   * selector; in single and ensemble modes they only size the next intent (the vote weighs calls, not trades).
   */
  public boolean ownTradesSteerChoice() {
    return settings.mode() == MetaSettings.Mode.SELECT;
  }

  private void choose(Signal signal, double fraction, String active) {
    pendingSignal = signal;
    pendingFraction = fraction;
    pendingActive = active;
  }

  /** Most bars ask for nothing and change nothing: their decision is the same value, made once while it holds. */
  private Decision decision(OrderIntent intent, Regime confirmed, String active, RegimeChange change) {
    if (intent != null || change != null) return new Decision(intent, confirmed, active, change);
    Decision d = idle;
    if (d == null || d.regime() != confirmed || !java.util.Objects.equals(d.active(), active)) {
      d = new Decision(null, confirmed, active, null);
      idle = d;
    }
    return d;
  }

  private void select(Map<String, Signal> signals, Regime confirmed) {
    // The choice depends only on the regime and the trade record: recompute it when either changed.
    if (selection == null || selectionRegime != confirmed || selectionTrades != scorecard.tradesRecorded()) {
      selection = selector.select(confirmed);
      selectionRegime = confirmed;
      selectionTrades = scorecard.tradesRecorded();
    }
    SpecialistSelector.Selection sel = selection;
    String active = sel.chosen();
    Signal s = active == null ? null : signals.get(active);
    if (owner != null && !owner.equals(active)) {
      // A position opened by a specialist no longer in charge: its own exit still counts.
      Signal ownerSignal = signals.get(owner);
      if (ownerSignal != null && ownerSignal.direction() == Direction.FLAT) s = ownerSignal;
    }
    double fraction = active == null ? 0 : fractions.getOrDefault(active, settings.baseSizing().equityFraction());
    choose(s, fraction, active);
  }

  private void ensemble(Bar bar, Regime confirmed) {
    EnsembleVote.Outcome o = vote.tally(symbol, bar.time());
    Direction d = o.consensus() ? o.direction() : Direction.FLAT;
    if (d == ensembleStance) {
      choose(null, settings.baseSizing().equityFraction(), EnsembleVote.SOURCE);
      return;
    }
    ensembleStance = d;
    Signal s = o.consensus() ? o.signal() : Signal.of(symbol, bar.time(), Direction.FLAT, EnsembleVote.SOURCE);
    choose(s, settings.baseSizing().equityFraction(), EnsembleVote.SOURCE);
  }

  private OrderIntent intent(Signal signal, Bar bar, double baseFraction, Regime confirmed) {
    if (signal == null) return null;
    double price = bar.close();
    PositionSizing base = settings.baseSizing();
    double qty;
    if (base.stakeUnits() > 0) {
      qty = base.stakeUnits();
    } else {
      double capitalBase = allocator == null ? equity : capital.getOrDefault(signal.source(), 0.0);
      SizingInput in = new SizingInput(capitalBase, price, signal.stop(), atr.value(), multiplier);
      qty = settings.sizingRule().quantity(in, baseFraction, stats.get(signal.source()));
      if (settings.mode() != MetaSettings.Mode.SINGLE) qty *= settings.regimeSizing().multiplier(confirmed, exposure);
    }
    double target =
        switch (signal.direction()) {
          case LONG -> qty;
          case SHORT -> base.allowShort() ? -qty : 0;
          case FLAT -> 0;
        };
    owner = target == 0 ? null : signal.source();
    lastIntentSignal = signal;
    String reason = signal.direction() == Direction.FLAT ? "signal_exit" : "signal_" + signal.direction().name().toLowerCase();
    return new OrderIntent(symbol, signal.time(), target, price, signal.stop(), signal.target(), signal.source(), reason, false);
  }

  /**
   * What the desk knew when it made its last intent: the confirmed regime, the signal, and recent readings (the regime
   * detector's ADX, ATR ratio and volatility index, ATR(14) in percent of the close, returns over 5, 15 and 60 bars
   * in percent). Only what is known has a reading. Called right after the decision that made the intent.
   */
  public io.troupe.model.EntryBrief brief() {
    Signal s = lastIntentSignal;
    Map<String, Double> readings = new java.util.TreeMap<>();
    double last = barsSeen == 0 ? Double.NaN : closes[(int) ((barsSeen - 1) % BRIEF_CLOSES)];
    if (regime instanceof RegimeTracker tracker && tracker.lastReading() != null) {
      io.troupe.regime.RegimeReading r = tracker.lastReading();
      put(readings, "adx", r.adx());
      put(readings, "atr_ratio", r.atrRatio());
      put(readings, "volatility_index", r.volatilityIndex());
    }
    if (last > 0) put(readings, "atr_pct", atr.value() / last * 100);
    for (int n : new int[] {5, 15, 60}) {
      if (barsSeen > n) put(readings, "return_" + n + "_pct", (last / closes[(int) ((barsSeen - 1 - n) % BRIEF_CLOSES)] - 1) * 100);
    }
    Regime confirmed = regime.confirmed();
    return new io.troupe.model.EntryBrief(confirmed == null ? null : confirmed.name().toLowerCase(java.util.Locale.ROOT),
        s == null ? null : s.direction().name().toLowerCase(java.util.Locale.ROOT), s == null ? Double.NaN : s.strength(),
        s == null ? Double.NaN : s.confidence(), readings);
  }

  private static void put(Map<String, Double> readings, String name, double value) {
    if (Double.isFinite(value)) readings.put(name, value);
  }

  // ---- hot swap (SpecialistLineup drives these) ----

  public MetaSettings.Mode mode() {
    return settings.mode();
  }

  /** A newcomer's signals are scored under {@code label} from now on; it has no say yet. */
  void addShadow(String label) {
    shadows.add(label);
  }

  /** A newcomer left before it took over: its signals are no longer read (its record stays in the scorecard). */
  void dropShadow(String label) {
    shadows.remove(label);
  }

  /**
   * The newcomer scored under {@code label} takes its seat as {@code name}: a replacement keeps the name's place,
   * scorecard and vote; an add joins the vote, and in select mode takes the regime of its genome's {@code kind} (null:
   * none). {@code positionFraction} is its genome's (null: the base sizing).
   */
  void takeOver(String name, String label, Regime kind, Double positionFraction) {
    shadows.remove(label);
    if (!specialists.contains(name)) {
      specialists.add(name);
      vote.addVoter(name);
    }
    if (positionFraction != null) fractions.put(name, positionFraction);
    else fractions.remove(name);
    if (kind != null && settings.mode() == MetaSettings.Mode.SELECT) selector.assign(kind, name);
    selection = null; // chosen again on the next bar
  }

  /**
   * {@code name} leaves the desk: out of the vote and its regimes (a regime left without a specialist stands aside).
   * A position it opened stays with the account's exits and brackets; its record stays in the scorecard.
   */
  void remove(String name) {
    specialists.remove(name);
    vote.removeVoter(name);
    selector.unassign(name);
    selection = null;
  }

  public Regime regime() {
    return regime.confirmed();
  }

  /** What the meta-controller currently thinks, for monitoring. */
  public DeskCommand.MetaState state() {
    java.util.Map<String, Double> weights = new java.util.LinkedHashMap<>();
    for (String s : specialists) weights.put(s, vote.weight(s));
    SpecialistSelector.Selection sel = selector.select(regime.confirmed());
    return new DeskCommand.MetaState(symbol, regime.confirmed(), settings.mode() == MetaSettings.Mode.SELECT ? sel.chosen() : null, weights);
  }

  public SpecialistScorecard scorecard() {
    return scorecard;
  }

  public double weight(String specialist) {
    return vote.weight(specialist);
  }

  public List<String> specialists() {
    return new ArrayList<>(specialists);
  }
}
