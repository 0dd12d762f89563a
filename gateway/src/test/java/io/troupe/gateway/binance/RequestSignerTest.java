package io.troupe.gateway.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.model.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
  @Test
  void signsAsBinancesPublishedExample() {
    // rest-api.md, "SIGNED Endpoint Examples for POST /api/v3/order" (HMAC)
    String secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    String payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    assertEquals("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", new RequestSigner(secret).sign(payload));
  }

  @Test
  void credentialsComeFromTheEnvironmentOrAreNamedMissing() {
    var e = assertThrows(InvalidInputException.class, () -> BinanceCredentials.fromEnvironment(Map.of("TROUPE_BINANCE_API_KEY", "k")));
    assertEquals("Binance needs an API secret: set TROUPE_BINANCE_API_SECRET", e.getMessage());
    BinanceCredentials.fromEnvironment(Map.of("TROUPE_BINANCE_API_KEY", "k", "TROUPE_BINANCE_API_SECRET", "s"));
  }

  @Test
  void ordersBecomeBinanceParameters() {
    var p = BinanceOrders.newOrderParams(io.troupe.model.OrderRequest.limit("ord-0000001", "BTCUSDT", io.troupe.model.Side.SELL, 0.00012, 50000.5, 0));
    assertEquals(Map.of("symbol", "BTCUSDT", "side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "price", "50000.5", "quantity", "0.00012",
        "newClientOrderId", "ord-0000001"), p);
    var stop = BinanceOrders.newOrderParams(io.troupe.model.OrderRequest.stop("ord-2", "BTCUSDT", io.troupe.model.Side.SELL, 1, 49000, 0));
    assertEquals("STOP_LOSS", stop.get("type"));
    assertEquals("49000", stop.get("stopPrice"));
  }
}
