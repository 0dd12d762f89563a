package io.troupe.gateway.binance;

/**
 * Which of Binance's APIs: spot ({@code /api/v3}) or USD-M futures ({@code /fapi}). The two share signing, errors,
 * order parameters and most field names; they differ in paths, in how a new order is answered (spot can answer with its
 * fills, futures answers with the order's state) and in the user-data event ({@code executionReport} against
 * {@code ORDER_TRADE_UPDATE}, whose {@code o} object has the same fields).
 */
public enum BinanceMarket {
  SPOT("/api/v3/time", "/api/v3/order", "/api/v3/openOrders", "/api/v3/myTrades", "/api/v3/klines", "/api/v3/userDataStream", "FULL", "executionReport", "/api/v3/exchangeInfo"),
  USDM("/fapi/v1/time", "/fapi/v1/order", "/fapi/v1/openOrders", "/fapi/v1/userTrades", "/fapi/v1/klines", "/fapi/v1/listenKey", "RESULT", "ORDER_TRADE_UPDATE", "/fapi/v1/exchangeInfo");

  final String timePath;
  final String orderPath;
  final String openOrdersPath;
  final String tradesPath;
  final String klinesPath;
  final String listenKeyPath;
  final String newOrderRespType;
  final String orderEvent;
  final String exchangeInfoPath;

  BinanceMarket(String timePath, String orderPath, String openOrdersPath, String tradesPath, String klinesPath, String listenKeyPath, String newOrderRespType,
      String orderEvent, String exchangeInfoPath) {
    this.timePath = timePath;
    this.orderPath = orderPath;
    this.openOrdersPath = openOrdersPath;
    this.tradesPath = tradesPath;
    this.klinesPath = klinesPath;
    this.listenKeyPath = listenKeyPath;
    this.newOrderRespType = newOrderRespType;
    this.orderEvent = orderEvent;
    this.exchangeInfoPath = exchangeInfoPath;
  }

  /** The preset's keys for this market's base URLs. */
  String restKey() {
    return this == SPOT ? "rest-url" : "futures-rest-url";
  }

  String streamKey() {
    return this == SPOT ? "stream-url" : "futures-stream-url";
  }
}
