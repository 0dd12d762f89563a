package io.troupe.gateway.binance;

import com.typesafe.config.Config;
import io.troupe.model.InvalidInputException;
import java.time.Duration;

/**
 * Where Binance is and how to talk to it, from {@code troupe.venue.binance} (config/binance.conf): the preset's base
 * URLs unless {@code rest-url} or {@code stream-url} override them (a local server in tests, {@code --base-url}).
 */
public record BinanceSettings(
    String restUrl,
    String streamUrl,
    Duration recvWindow,
    Duration requestTimeout,
    int maxRetries,
    Duration reconnectMinBackoff,
    Duration reconnectMaxBackoff,
    Duration listenKeyKeepAlive) {

  public static final String PATH = "troupe.venue.binance";

  public BinanceSettings {
    if (recvWindow.toMillis() <= 0 || recvWindow.toMillis() > 60_000) {
      throw new InvalidInputException(PATH + ".recv-window must be in (0, 60s] (Binance's limit), got " + recvWindow.toMillis() + " ms");
    }
  }

  public static BinanceSettings fromConfig(Config root) {
    return fromConfig(root, BinanceMarket.SPOT);
  }

  /** The base URLs of {@code market}: the preset's {@code rest-url}, {@code stream-url} or {@code futures-...}. */
  public static BinanceSettings fromConfig(Config root, BinanceMarket market) {
    Config c = root.getConfig(PATH);
    String preset = c.getString("preset");
    if (!c.hasPath("presets." + preset)) {
      throw new InvalidInputException(PATH + ".preset '" + preset + "' is not a preset; the presets are " + String.join(", ", c.getConfig("presets").root().keySet()));
    }
    Config p = c.getConfig("presets." + preset);
    String rk = market.restKey();
    String sk = market.streamKey();
    String rest = c.hasPath(rk) && !c.getString(rk).isBlank() ? c.getString(rk) : p.getString(rk);
    String stream = c.hasPath(sk) && !c.getString(sk).isBlank() ? c.getString(sk) : p.getString(sk);
    return new BinanceSettings(
        trimSlash(rest),
        trimSlash(stream),
        c.getDuration("recv-window"),
        c.getDuration("request-timeout"),
        c.getInt("max-retries"),
        c.getDuration("reconnect.min-backoff"),
        c.getDuration("reconnect.max-backoff"),
        c.getDuration("listen-key-keep-alive"));
  }

  /** The same settings against another server (a local one: {@code http://127.0.0.1:PORT}, {@code ws://...}). */
  public BinanceSettings withUrls(String rest, String stream) {
    return new BinanceSettings(trimSlash(rest), trimSlash(stream), recvWindow, requestTimeout, maxRetries, reconnectMinBackoff, reconnectMaxBackoff, listenKeyKeepAlive);
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
