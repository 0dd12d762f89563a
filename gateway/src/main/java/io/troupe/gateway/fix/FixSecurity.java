package io.troupe.gateway.fix;

import java.nio.file.Path;

/**
 * How the FIX session proves who it is and protects the wire: the Logon's Username (553) and Password (554), and TLS.
 * Secrets come from environment variables named in configuration, never from the configuration itself, and
 * {@link #toString()} shows none of them.
 *
 * @param username empty: the Logon carries no Username
 * @param password empty: the Logon carries no Password
 * @param tls whether the connection is TLS (QuickFIX/J's SocketUseSSL)
 * @param trustStore the certificates to trust for the peer; null: the JDK's own CA certificates (never trust-all)
 * @param keyStore the client's certificate and key, for a peer that asks for one; null: none configured
 * @param verifyHost the peer's certificate must name the host connected to
 */
public record FixSecurity(
    String username, String password, boolean tls, Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword, boolean verifyHost) {

  public static final FixSecurity NONE = new FixSecurity("", "", false, null, "", null, "", true);

  public FixSecurity {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
    keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
  }

  public FixSecurity withLogon(String user, String secret) {
    return new FixSecurity(user, secret, tls, trustStore, trustStorePassword, keyStore, keyStorePassword, verifyHost);
  }

  public FixSecurity withTls(Path trust, String trustPassword, Path key, String keyPassword, boolean verify) {
    return new FixSecurity(username, password, true, trust, trustPassword, key, keyPassword, verify);
  }

  /** The JDK's CA certificates, trusted when no trust store is configured (QuickFIX/J would otherwise trust anyone). */
  static Path jdkTrustStore() {
    return Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
  }

  /** The store's type by its name: PKCS12 for .p12 and .pfx, else JKS (the JDK reads either as either). */
  static String storeType(Path store) {
    String name = store.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".p12") || name.endsWith(".pfx") ? "PKCS12" : "JKS";
  }

  @Override
  public String toString() {
    return "FixSecurity[username=" + (username.isEmpty() ? "none" : username) + ", password=" + (password.isEmpty() ? "none" : "***") + ", tls=" + tls
        + (tls ? ", trustStore=" + (trustStore == null ? "JDK" : trustStore) + ", keyStore=" + (keyStore == null ? "none" : keyStore) + ", verifyHost="
            + verifyHost : "") + "]";
  }
}
