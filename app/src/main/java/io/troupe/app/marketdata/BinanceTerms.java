package io.troupe.app.marketdata;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.gateway.binance.BinanceApiException;
import io.troupe.gateway.binance.BinanceMarket;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Binance's own terms for a session's symbols (quote asset, tick, lot, minimum notional), read once from its exchange
 * information before the session starts; {@link io.troupe.app.config.InstrumentTerms#over} makes them the session's.
 */
public final class BinanceTerms {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private BinanceTerms() {}

  /** Binance could not be asked: no answer, or an error of its own (not the user's input). */
  public static final class Unreachable extends RuntimeException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The spot terms of {@code symbols}, from {@code GET /api/v3/exchangeInfo}; a symbol Binance does not list is bad
   * input naming the option, no answer within 30 s is {@link Unreachable}.
   */
  public static Map<String, Instrument> read(Config config, BinanceSettings settings, List<String> symbols) {
    return read(config, settings, symbols, BinanceMarket.SPOT);
  }

  /** As above, of {@code market}: USD-M futures' from {@code GET /fapi/v1/exchangeInfo} (perpetuals, margined). */
  public static Map<String, Instrument> read(Config config, BinanceSettings settings, List<String> symbols, BinanceMarket market) {
    String path = market == BinanceMarket.USDM ? "GET /fapi/v1/exchangeInfo" : "GET /api/v3/exchangeInfo";
    // Read before the session's own actor system exists: a short-lived one for the request.
    ActorSystem<Void> asking = ActorSystem.create(Behaviors.empty(), "troupe-exchange-info",
        ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(config));
    try {
      return new BinanceRestClient(asking, settings, null, market).instruments(symbols).toCompletableFuture()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while reading binance's exchange information", e);
    } catch (TimeoutException e) {
      throw new Unreachable("binance did not answer " + path + " within " + TIMEOUT.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      while (c instanceof CompletionException && c.getCause() != null) c = c.getCause();
      // -1121: a symbol Binance does not list is the user's input, not the venue's fault.
      if (c instanceof BinanceApiException api && api.code() == -1121) {
        throw new InvalidInputException("--feed: binance lists no symbol among " + symbols + " (" + api.getMessage() + ")");
      }
      if (c instanceof IllegalArgumentException) throw new InvalidInputException("--feed: " + c.getMessage());
      throw new Unreachable("cannot read binance's exchange information: " + path + ": " + c.getMessage(), c);
    } finally {
      asking.terminate();
    }
  }
}
