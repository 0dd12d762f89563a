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
    Config c = root.getConfig(PATH);
    String preset = c.getString("preset");
    if (!c.hasPath("presets." + preset)) {
      throw new InvalidInputException(PATH + ".preset '" + preset + "' is not a preset; the presets are " + String.join(", ", c.getConfig("presets").root().keySet()));
    }
    Config p = c.getConfig("presets." + preset);
    String rest = c.hasPath("rest-url") && !c.getString("rest-url").isBlank() ? c.getString("rest-url") : p.getString("rest-url");
    String stream = c.hasPath("stream-url") && !c.getString("stream-url").isBlank() ? c.getString("stream-url") : p.getString("stream-url");
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
