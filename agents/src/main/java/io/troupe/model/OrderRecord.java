package io.troupe.model;

/**
 * An order's final (or current) state as reported at the end of a run: a row of {@code orders.csv}.
 * Times are epoch ms (event time); prices that do not apply are {@code NaN} and print as empty cells.
 */
public record OrderRecord(
    String orderId,
    String symbol,
    Side side,
    OrderType type,
    double quantity,
    double limitPrice,
    double stopPrice,
    String status,
    double filledQuantity,
    double avgFillPrice,
    long createdAt,
    long updatedAt,
    String reason) {}
