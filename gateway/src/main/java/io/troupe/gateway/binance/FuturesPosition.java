package io.troupe.gateway.binance;

/** A USD-M futures position as {@code GET /fapi/v2/positionRisk} reports it; {@code quantity} signed (negative: short). */
public record FuturesPosition(String symbol, double quantity, double entryPrice, double unrealizedPnl) {}
