package io.troupe.app.http;

import io.troupe.model.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where the API listens: {@code HOST:PORT} (port 0: any free one), or nowhere ({@code off}). */
public record HttpAddress(String host, int port) {

  public static final String OFF = "off";

  /** Parses {@code text} as given by {@code option} (named in the error); null for {@code off}. */
  public static HttpAddress parse(String text, String option) {
    String t = text == null ? "" : text.strip();
    if (t.equalsIgnoreCase(OFF)) return null;
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) throw new InvalidInputException(option + ": '" + text + "' is not HOST:PORT or off");
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(option + ": the port in '" + text + "' is not a number");
    }
    if (port < 0 || port > 65535) throw new InvalidInputException(option + ": the port in '" + text + "' must be in [0, 65535]");
    return new HttpAddress(host, port);
  }

  /** The host is this machine's loopback interface only. */
  public boolean isLoopback() {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) if (!a.isLoopbackAddress()) return false;
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
