package io.troupe.gateway.binance;

/** The best bid and ask of a symbol, as {@code <symbol>@bookTicker} pushes them; {@code updateId} orders them. */
public record BookTicker(String symbol, long updateId, double bid, double bidQuantity, double ask, double askQuantity) {}
