package io.troupe.app.marketdata;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.troupe.gateway.binance.BinanceApiException;
import io.troupe.gateway.binance.BinanceMarket;
import io.troupe.gateway.binance.BinanceRestClient;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Binance's own terms for a session's symbols (quote asset, tick, lot, minimum notional), read once from its exchange
 * information before the session starts, and the same terms as {@code troupe.instruments} configuration: over the
 * session's configuration, and as the file beside a recording that a backtest of it takes with {@code --config}.
 */
public final class BinanceTerms {
  /** The file beside a live session's recorded bars. */
  public static final String FILE = "instruments.conf";
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
    // Read before the session's own actor system exists: a short-lived one for the request.
    ActorSystem<Void> asking = ActorSystem.create(Behaviors.empty(), "troupe-exchange-info",
        ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(config));
    try {
      return new BinanceRestClient(asking, settings, null, BinanceMarket.SPOT).instruments(symbols).toCompletableFuture()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while reading binance's exchange information", e);
    } catch (TimeoutException e) {
      throw new Unreachable("binance did not answer GET /api/v3/exchangeInfo within " + TIMEOUT.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      while (c instanceof CompletionException && c.getCause() != null) c = c.getCause();
      // -1121: a symbol Binance does not list is the user's input, not the venue's fault.
      if (c instanceof BinanceApiException api && api.code() == -1121) {
        throw new InvalidInputException("--feed: binance lists no symbol among " + symbols + " (" + api.getMessage() + ")");
      }
      if (c instanceof IllegalArgumentException) throw new InvalidInputException("--feed: " + c.getMessage());
      throw new Unreachable("cannot read binance's exchange information: GET /api/v3/exchangeInfo: " + c.getMessage(), c);
    } finally {
      asking.terminate();
    }
  }

  /** {@code config} with {@code terms} as its {@code troupe.instruments} entries (the venue's over any given). */
  public static Config over(Config config, Map<String, Instrument> terms) {
    Config out = config;
    for (var e : terms.entrySet()) {
      for (var field : fields(e.getValue()).entrySet()) {
        out = out.withValue("troupe.instruments.\"" + e.getKey() + "\"." + field.getKey(), ConfigValueFactory.fromAnyRef(field.getValue()));
      }
    }
    return out;
  }

  /** {@code terms} as a HOCON file's text: {@code troupe.instruments { SYMBOL { ... } }}. */
  public static String render(Map<String, Instrument> terms) {
    Config c = over(ConfigFactory.empty(), terms);
    return "# The venue's terms of the recorded symbols, read from its exchange information when the session started.\n"
        + "# A backtest of the recording trades on them: troupe backtest --data SYMBOL-TF.csv --config " + FILE + "\n"
        + c.root().render(ConfigRenderOptions.concise().setJson(false).setFormatted(true));
  }

  private static Map<String, Object> fields(Instrument i) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("quote", i.quoteCurrency());
    f.put("kind", i.kind().name().toLowerCase(Locale.ROOT));
    f.put("tick-size", i.tickSize());
    f.put("lot-size", i.lotSize());
    f.put("min-notional", i.minNotional());
    return f;
  }
}
