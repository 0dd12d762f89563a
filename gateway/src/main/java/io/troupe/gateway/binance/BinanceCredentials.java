package io.troupe.gateway.binance;

import io.troupe.model.InvalidInputException;
import java.util.Map;

/**
 * An API key and its secret, taken from the environment only (never from a file, an option or the configuration).
 * {@link #toString()} shows neither, so a credential cannot reach a log, an error or the journal by accident.
 */
public final class BinanceCredentials {
  public static final String KEY_VARIABLE = "TROUPE_BINANCE_API_KEY";
  public static final String SECRET_VARIABLE = "TROUPE_BINANCE_API_SECRET";

  private final String apiKey;
  private final String secret;

  private BinanceCredentials(String apiKey, String secret) {
    this.apiKey = apiKey;
    this.secret = secret;
  }

  /** From {@code TROUPE_BINANCE_API_KEY} and {@code TROUPE_BINANCE_API_SECRET}; a missing one is bad input, named. */
  public static BinanceCredentials fromEnvironment(Map<String, String> env) {
    String key = env.get(KEY_VARIABLE);
    String secret = env.get(SECRET_VARIABLE);
    if (key == null || key.isBlank()) throw new InvalidInputException("Binance needs an API key: set " + KEY_VARIABLE);
    if (secret == null || secret.isBlank()) throw new InvalidInputException("Binance needs an API secret: set " + SECRET_VARIABLE);
    return new BinanceCredentials(key.strip(), secret.strip());
  }

  /** For tests and the fake exchange: the same object the environment would give. */
  public static BinanceCredentials of(String apiKey, String secret) {
    return new BinanceCredentials(apiKey, secret);
  }

  String apiKey() {
    return apiKey;
  }

  RequestSigner signer() {
    return new RequestSigner(secret);
  }

  @Override
  public String toString() {
    return "BinanceCredentials[key=hidden, secret=hidden]";
  }
}
