package io.troupe.model;

/**
 * The account marked to market at the close of one bar (event time, epoch ms): a row of {@code equity.csv}.
 * {@code drawdown} is the fraction below the running equity peak (0 at a peak, 0.25 for 25% down).
 * {@code exposure} is the gross open notional over equity.
 */
public record EquityPoint(long time, double equity, double cash, double drawdown, double exposure) {}
