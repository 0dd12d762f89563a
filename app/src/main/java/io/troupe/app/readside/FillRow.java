package io.troupe.app.readside;

/**
 * One row of {@code troupe_fills}: a fill a paper session applied, with the step it completed in. {@code seq} is its
 * place among the step's fills, so rows read back in the order they were applied.
 */
public record FillRow(
    String session,
    String fillId,
    long step,
    int seq,
    long time,
    String orderId,
    String symbol,
    String side,
    double quantity,
    double price,
    double fee,
    String liquidity,
    String reason,
    String specialist) {}
