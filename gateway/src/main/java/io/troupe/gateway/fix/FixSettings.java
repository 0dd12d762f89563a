package io.troupe.gateway.fix;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.troupe.model.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One FIX 4.4 initiator session, from {@code troupe.venue.fix}. Its message store and log sit under
 * {@code stateDir/fix/SENDER-TARGET}, so a venue started again on the same state folder continues the sequence numbers
 * and knows the orders it had sent.
 *
 * @param account FIX Account (1) on every order; empty for none
 * @param reconcile how the venue asks for its orders' state at logon
 * @param reconcileTimeout how long it waits for the answers before asking again (no order goes out meanwhile)
 * @param security the Logon's credentials and TLS (secrets from the environment, never shown)
 */
public record FixSettings(
    String host,
    int port,
    String senderCompId,
    String targetCompId,
    Duration heartbeat,
    Duration reconnectInterval,
    String account,
    Reconcile reconcile,
    Duration reconcileTimeout,
    Path stateDir,
    FixSecurity security) {

  /** At logon: an OrderStatusRequest per known open order, or one OrderMassStatusRequest (where the peer has it). */
  public enum Reconcile {
    PER_ORDER("per-order"),
    MASS_STATUS("mass-status");

    final String key;

    Reconcile(String key) {
      this.key = key;
    }
  }

  public static final String PATH = "troupe.venue.fix";

  static final List<String> KEYS =
      List.of("host", "port", "sender-comp-id", "target-comp-id", "heartbeat", "reconnect-interval", "account", "reconcile", "reconcile-timeout",
          "username-env", "password-env", "tls.enabled", "tls.trust-store", "tls.trust-store-password-env", "tls.key-store", "tls.key-store-password-env",
          "tls.verify-host");

  /** A session with no credentials and no TLS. */
  public FixSettings(String host, int port, String senderCompId, String targetCompId, Duration heartbeat, Duration reconnectInterval, String account,
      Reconcile reconcile, Duration reconcileTimeout, Path stateDir) {
    this(host, port, senderCompId, targetCompId, heartbeat, reconnectInterval, account, reconcile, reconcileTimeout, stateDir, FixSecurity.NONE);
  }

  public FixSettings {
    if (host == null || host.isBlank()) throw new InvalidInputException(PATH + ".host must not be empty");
    if (port < 1 || port > 65_535) throw new InvalidInputException(PATH + ".port must be in [1, 65535], got " + port);
    checkCompId("sender-comp-id", senderCompId);
    checkCompId("target-comp-id", targetCompId);
    if (heartbeat.toSeconds() < 1) throw new InvalidInputException(PATH + ".heartbeat must be at least 1s, got " + heartbeat);
    if (reconnectInterval.toSeconds() < 1) throw new InvalidInputException(PATH + ".reconnect-interval must be at least 1s, got " + reconnectInterval);
    if (reconcileTimeout.toMillis() <= 0) throw new InvalidInputException(PATH + ".reconcile-timeout must be > 0, got " + reconcileTimeout);
    account = account == null ? "" : account;
    security = security == null ? FixSecurity.NONE : security;
  }

  private static void checkCompId(String key, String value) {
    // The comp ids name the store's folder, and FIX fields cannot hold the field separator.
    if (value == null || !value.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new InvalidInputException(PATH + "." + key + " must be 1 to 64 letters, digits, '_', '.' or '-', got '" + value + "'");
    }
  }

  /** {@code troupe.venue.fix} of {@code root}; an unknown key or a bad value is an input error naming the key. */
  public static FixSettings fromConfig(Config root, Path stateDir) {
    return fromConfig(root, stateDir, System::getenv);
  }

  /** As {@link #fromConfig(Config, Path)}, the credentials' environment variables read from {@code env}. */
  public static FixSettings fromConfig(Config root, Path stateDir, java.util.function.UnaryOperator<String> env) {
    Config c = root.getConfig(PATH);
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        throw new InvalidInputException(PATH + "." + e.getKey() + ": unknown key; the keys are " + String.join(", ", KEYS));
      }
    }
    try {
      return new FixSettings(
          c.getString("host"),
          c.getInt("port"),
          c.getString("sender-comp-id"),
          c.getString("target-comp-id"),
          c.getDuration("heartbeat"),
          c.getDuration("reconnect-interval"),
          c.getString("account"),
          reconcile(c.getString("reconcile")),
          c.getDuration("reconcile-timeout"),
          stateDir,
          security(c, env));
    } catch (ConfigException e) {
      throw new InvalidInputException(PATH + ": " + e.getMessage(), e);
    }
  }

  private static FixSecurity security(Config c, java.util.function.UnaryOperator<String> env) {
    String user = secret(c, "username-env", env);
    String password = secret(c, "password-env", env);
    FixSecurity s = FixSecurity.NONE.withLogon(user, password);
    if (!c.hasPath("tls.enabled") || !c.getBoolean("tls.enabled")) return s;
    Path trust = store(c, "tls.trust-store");
    Path key = store(c, "tls.key-store");
    return s.withTls(trust, trust == null ? "" : secret(c, "tls.trust-store-password-env", env), key, key == null ? "" : secret(c, "tls.key-store-password-env", env),
        !c.hasPath("tls.verify-host") || c.getBoolean("tls.verify-host"));
  }

  /** The value of the environment variable {@code key} names; "" when it names none; a named one that is unset is an error. */
  private static String secret(Config c, String key, java.util.function.UnaryOperator<String> env) {
    String name = c.hasPath(key) ? c.getString(key).strip() : "";
    if (name.isEmpty()) return "";
    String value = env.apply(name);
    // Named, never echoed: the message says which variable, not what it holds.
    if (value == null || value.isEmpty()) throw new InvalidInputException(PATH + "." + key + " names the environment variable " + name + ", which is not set");
    return value;
  }

  private static Path store(Config c, String key) {
    String file = c.hasPath(key) ? c.getString(key).strip() : "";
    if (file.isEmpty()) return null;
    Path p = Path.of(file);
    if (!java.nio.file.Files.isReadable(p)) throw new InvalidInputException(PATH + "." + key + ": " + file + ": no such readable file");
    return p;
  }

  static Reconcile reconcile(String text) {
    for (Reconcile r : Reconcile.values()) if (r.key.equals(text)) return r;
    throw new InvalidInputException(PATH + ".reconcile must be per-order or mass-status, got '" + text + "'");
  }

  /** Where this session's message store, message log and order file live. */
  public Path sessionDir() {
    return stateDir.resolve("fix").resolve(senderCompId + "-" + targetCompId);
  }

  public FixSettings withPort(int newPort) {
    return new FixSettings(host, newPort, senderCompId, targetCompId, heartbeat, reconnectInterval, account, reconcile, reconcileTimeout, stateDir, security);
  }

  public FixSettings withStateDir(Path dir) {
    return new FixSettings(host, port, senderCompId, targetCompId, heartbeat, reconnectInterval, account, reconcile, reconcileTimeout, dir, security);
  }

  public FixSettings withSecurity(FixSecurity s) {
    return new FixSettings(host, port, senderCompId, targetCompId, heartbeat, reconnectInterval, account, reconcile, reconcileTimeout, stateDir, s);
  }

  public FixSettings withReconcile(Reconcile r) {
    return new FixSettings(host, port, senderCompId, targetCompId, heartbeat, reconnectInterval, account, r, reconcileTimeout, stateDir, security);
  }
}
