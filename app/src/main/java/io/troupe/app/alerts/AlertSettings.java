package io.troupe.app.alerts;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code troupe.alerts}: where alerts go and how hard to try. The values are checked by the configuration schema
 * first, so this only reads them.
 */
public record AlertSettings(List<Webhook> webhooks, int attempts, Duration initialBackoff, Duration maxBackoff, Duration timeout, Duration drainTimeout,
    double stallTimeframes) {

  public AlertSettings {
    webhooks = List.copyOf(webhooks);
  }

  public static AlertSettings fromConfig(Config root) {
    Config c = root.getConfig("troupe.alerts");
    List<Webhook> hooks = new ArrayList<>();
    List<? extends Config> list = c.getConfigList("webhooks");
    for (int i = 0; i < list.size(); i++) {
      Config h = list.get(i);
      Webhook.Format format = h.hasPath("format") ? Webhook.Format.valueOf(h.getString("format").toUpperCase(Locale.ROOT)) : Webhook.Format.JSON;
      hooks.add(new Webhook(i, URI.create(h.getString("url")), format, h.hasPath("chat-id") ? h.getString("chat-id") : null));
    }
    return new AlertSettings(hooks, c.getInt("attempts"), c.getDuration("backoff.initial"), c.getDuration("backoff.max"), c.getDuration("timeout"),
        c.getDuration("drain-timeout"), c.getDouble("data-stall-timeframes"));
  }

  /** The wait after failed attempt {@code attempt} (1 for the first): doubling from the initial backoff, capped. */
  public Duration backoff(int attempt) {
    long ms = initialBackoff.toMillis();
    for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) ms *= 2;
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }
}
