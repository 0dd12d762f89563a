package io.troupe.app.cluster;

import io.troupe.model.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where a cluster member listens: {@code HOST:PORT} as given to {@code --bind} or {@code --seed}. */
public record MemberAddress(String host, int port) {

  /** The actor system's name: members of one cluster share it. */
  public static final String SYSTEM = "troupe";

  /** Parses {@code text} given to {@code option} (named in the error); {@code anyPort} allows port 0 (any free one). */
  public static MemberAddress parse(String text, String option, boolean anyPort) {
    String t = text == null ? "" : text.strip();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) throw new InvalidInputException(option + ": '" + text + "' is not HOST:PORT, e.g. 127.0.0.1:25520");
    String host = t.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(option + ": the port in '" + text + "' is not a number");
    }
    int min = anyPort ? 0 : 1;
    if (port < min || port > 65535) throw new InvalidInputException(option + ": the port in '" + text + "' must be in [" + min + ", 65535]");
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new InvalidInputException(option + ": unknown host '" + host + "' in '" + text + "'");
    }
    return new MemberAddress(host, port);
  }

  /** The member's address as Pekko writes it, e.g. {@code pekko://troupe@127.0.0.1:25520}. */
  public String pekko() {
    return "pekko://" + SYSTEM + "@" + this;
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
