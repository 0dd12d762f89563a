package io.troupe.regime;

/**
 * The confirmed regime changed at {@code time} from {@code from} (null for the first confirmation) to {@code to};
 * {@code reading} is the reading that completed the confirmation, so the event carries the indicator values.
 */
public record RegimeChange(long time, Regime from, Regime to, RegimeReading reading) {}
