package io.troupe.model;

import io.troupe.persistence.CborSerializable;

/**
 * What can be traded, in what currency it is quoted, the venue's order grid, and how it settles.
 *
 * <p>{@code kind} is what the contract is (spot, perpetual swap, dated future); {@code settlement} is how its money
 * moves: {@link Settlement#CASH} pays the full notional from cash (spot, and a perpetual or future run unlevered),
 * {@link Settlement#MARGIN} settles only P&L (the price change times the {@code multiplier}) and reserves
 * {@code marginPerContract}. They are apart because a run of the bundled perpetual with no margin configured settles
 * as it always has, paid in full, and must still say it is a perpetual.
 *
 * <p>{@code tickSize}, {@code lotSize} and {@code minNotional} (in the quote currency) come from the venue's exchange
 * info or, for files, from configuration; 0 means none. {@code conversionRate} is what one unit of the quote
 * currency is worth in the account's currency (1 when they are the same): every amount of money the account keeps
 * (notional, P&L, fees) is the quote currency's times it. An empty {@code quoteCurrency} is an instrument journaled
 * before quote currencies were recorded.
 */
public record Instrument(
    String symbol,
    Kind kind,
    String quoteCurrency,
    double tickSize,
    double lotSize,
    double minNotional,
    double multiplier,
    double marginPerContract,
    Settlement settlement,
    double conversionRate)
    implements CborSerializable {

  /** What the contract is. FUTURE also stands for every margined instrument journaled before PERPETUAL existed. */
  public enum Kind {
    SPOT,
    PERPETUAL,
    FUTURE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How money moves: the full notional through cash, or P&L through cash with margin reserved. */
  public enum Settlement {
    CASH,
    MARGIN
  }

  public Instrument {
    if (symbol == null || symbol.isEmpty()) throw new IllegalArgumentException("an instrument needs a symbol");
    if (kind == null) kind = Kind.SPOT;
    if (quoteCurrency == null) quoteCurrency = "";
    // A journal written before settlement was its own field said it with the kind.
    if (settlement == null) settlement = kind == Kind.SPOT ? Settlement.CASH : Settlement.MARGIN;
    if (!(conversionRate > 0)) conversionRate = 1;
  }

  public static Instrument spot(String symbol) {
    return new Instrument(symbol, Kind.SPOT, "", 0, 0, 0, 1, 0, Settlement.CASH, 1);
  }

  public static Instrument future(String symbol, double multiplier, double marginPerContract) {
    return new Instrument(symbol, Kind.FUTURE, "", 0, 0, 0, multiplier, marginPerContract, Settlement.MARGIN, 1);
  }

  public Instrument withTickSize(double tick) {
    return new Instrument(symbol, kind, quoteCurrency, tick, lotSize, minNotional, multiplier, marginPerContract, settlement, conversionRate);
  }

  public Instrument withLotSize(double lot) {
    return new Instrument(symbol, kind, quoteCurrency, tickSize, lot, minNotional, multiplier, marginPerContract, settlement, conversionRate);
  }

  public Instrument withMinNotional(double min) {
    return new Instrument(symbol, kind, quoteCurrency, tickSize, lotSize, min, multiplier, marginPerContract, settlement, conversionRate);
  }

  public Instrument withKind(Kind k) {
    return new Instrument(symbol, k, quoteCurrency, tickSize, lotSize, minNotional, multiplier, marginPerContract, settlement, conversionRate);
  }

  public Instrument withQuoteCurrency(String quote) {
    return new Instrument(symbol, kind, quote, tickSize, lotSize, minNotional, multiplier, marginPerContract, settlement, conversionRate);
  }

  /** The same instrument valued in an account whose currency one unit of the quote currency is worth {@code rate} of. */
  public Instrument withConversionRate(double rate) {
    return new Instrument(symbol, kind, quoteCurrency, tickSize, lotSize, minNotional, multiplier, marginPerContract, settlement, rate);
  }

  /** The full notional moves through cash (spot, or an unlevered perpetual or future). */
  public boolean paidInFull() {
    return settlement == Settlement.CASH;
  }

  /** Only P&L moves through cash; margin is reserved. */
  public boolean margined() {
    return settlement == Settlement.MARGIN;
  }

  /** What one unit of price change on one unit of quantity is worth in the account's currency. */
  public double valueMultiplier() {
    return multiplier * conversionRate;
  }

  /**
   * The instrument as a journal written before quote currency, minimum notional, settlement and the PERPETUAL kind were
   * recorded holds it: a session journaled then resumes when this equals what it journaled.
   */
  public Instrument asJournaledBefore() {
    return new Instrument(symbol, paidInFull() ? Kind.SPOT : Kind.FUTURE, "", tickSize, lotSize, 0, multiplier, marginPerContract, null, conversionRate);
  }

  /** Rounds a price to the nearest tick (on the tick's own decimals, so 0.1 ticks give 123.4, not 123.39999999999999). */
  public double roundPrice(double price) {
    if (tickSize <= 0 || Double.isNaN(price)) return price;
    return onGrid(Math.round(price / tickSize), tickSize);
  }

  /** Rounds a quantity down to a whole number of lots, so an order never exceeds what was sized. */
  public double roundQuantity(double quantity) {
    if (lotSize <= 0) return quantity;
    return onGrid(Math.floor(quantity / lotSize + 1e-9), lotSize);
  }

  /** {@code steps} x {@code step}, as the decimal a venue would write (a grid of 0.001 gives 0.123, not 0.12300000000000001). */
  private static double onGrid(double steps, double step) {
    double raw = steps * step;
    if (!Double.isFinite(raw)) return raw;
    java.math.BigDecimal s = java.math.BigDecimal.valueOf(step);
    if (s.scale() > 20 || Math.abs(steps) > 1e15) return raw;
    return java.math.BigDecimal.valueOf(steps).multiply(s).doubleValue();
  }

  /**
   * The order on this instrument's grid, as a venue takes it: its limit and stop prices to the nearest tick, its
   * quantity down to a whole lot (kept as asked when that would leave nothing, so the venue's reject says so).
   */
  public OrderRequest onGrid(OrderRequest r) {
    if (tickSize <= 0 && lotSize <= 0) return r;
    double q = roundQuantity(r.quantity());
    return new OrderRequest(r.clientOrderId(), r.symbol(), r.side(), r.type(), q > 0 ? q : r.quantity(), roundPrice(r.limitPrice()), roundPrice(r.stopPrice()),
        r.timeInForce(), r.postOnly(), r.reduceOnly(), r.decidedAt());
  }

  /** The order's notional in the quote currency (for the venue's minimum notional). */
  public double quoteNotional(double quantity, double price) {
    return Math.abs(quantity) * price * multiplier;
  }

  /** Cash a position of this size needs, in the account's currency: the notional when paid in full, else the margin. */
  public double requiredCapital(double quantity, double price) {
    double q = Math.abs(quantity);
    return paidInFull() ? q * price * valueMultiplier() : q * marginPerContract;
  }
}
