package io.troupe.regime;

/**
 * The detector's view of one bar: the raw (unconfirmed) regime and the values that decided it. {@code adx} is
 * ADX(lookback); {@code atrRatio} is ATR(lookback) over its own SMA(lookback); {@code volatilityIndex} is the
 * annualised realised volatility in percent over the lookback; {@code gapPct} is |open - previous close| / previous
 * close in percent; {@code volatilitySpike} is {@code atrRatio > atrSpikeRatio}; {@code correlationSpike} is the
 * cross-symbol flag the detector was given for this bar.
 */
public record RegimeReading(
    long time,
    Regime regime,
    double adx,
    double atrRatio,
    double volatilityIndex,
    double gapPct,
    boolean volatilitySpike,
    boolean correlationSpike) {}
