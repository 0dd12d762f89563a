package io.troupe.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.model.Instrument;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Troupe's instruments from Binance's exchange information ({@code GET /api/v3/exchangeInfo}, {@code GET
 * /fapi/v1/exchangeInfo}): the quote asset, the tick ({@code PRICE_FILTER.tickSize}), the lot ({@code
 * LOT_SIZE.stepSize}) and the minimum notional (spot's {@code NOTIONAL.minNotional}, or the older {@code
 * MIN_NOTIONAL.minNotional}; futures' {@code MIN_NOTIONAL.notional}). Spot symbols are spot, paid in full; a futures
 * symbol whose {@code contractType} is {@code PERPETUAL} is a perpetual, any other a future, both margined (the margin a
 * contract needs depends on the account's leverage, which this does not read: risk's leverage limit bounds them).
 */
public final class ExchangeInfo {
  private ExchangeInfo() {}

  /** The instruments of {@code symbols} in {@code json}; a symbol the answer lacks is an error naming it. */
  public static Map<String, Instrument> instruments(JsonNode json, BinanceMarket market, Collection<String> symbols) {
    Map<String, JsonNode> bySymbol = new LinkedHashMap<>();
    for (JsonNode s : json.path("symbols")) bySymbol.put(s.path("symbol").asText(), s);
    Map<String, Instrument> out = new LinkedHashMap<>();
    for (String symbol : symbols) {
      JsonNode s = bySymbol.get(symbol);
      if (s == null) throw new IllegalArgumentException("Binance's exchange information has no symbol " + symbol);
      out.put(symbol, instrument(s, market));
    }
    return out;
  }

  static Instrument instrument(JsonNode s, BinanceMarket market) {
    double tick = 0;
    double lot = 0;
    double minNotional = 0;
    for (JsonNode f : s.path("filters")) {
      switch (f.path("filterType").asText()) {
        case "PRICE_FILTER" -> tick = BinanceRestClient.number(f, "tickSize");
        case "LOT_SIZE" -> lot = BinanceRestClient.number(f, "stepSize");
        case "NOTIONAL" -> minNotional = Math.max(minNotional, BinanceRestClient.number(f, "minNotional"));
        case "MIN_NOTIONAL" -> minNotional = Math.max(minNotional, BinanceRestClient.number(f, f.has("notional") ? "notional" : "minNotional"));
        default -> {
          // the other filters (percent price, iceberg parts, order counts) are the venue's to enforce
        }
      }
    }
    String symbol = s.path("symbol").asText();
    String quote = s.path("quoteAsset").asText("");
    if (market == BinanceMarket.SPOT) {
      return new Instrument(symbol, Instrument.Kind.SPOT, quote, clean(tick), clean(lot), clean(minNotional), 1, 0, Instrument.Settlement.CASH, 1);
    }
    Instrument.Kind kind = "PERPETUAL".equals(s.path("contractType").asText()) ? Instrument.Kind.PERPETUAL : Instrument.Kind.FUTURE;
    return new Instrument(symbol, kind, quote, clean(tick), clean(lot), clean(minNotional), 1, 0, Instrument.Settlement.MARGIN, 1);
  }

  private static double clean(double v) {
    return Double.isFinite(v) && v > 0 ? v : 0;
  }
}
