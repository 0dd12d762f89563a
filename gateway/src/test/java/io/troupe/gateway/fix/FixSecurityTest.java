package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.OrderRequest;
import io.troupe.model.OrderStatus;
import io.troupe.model.Side;
import io.troupe.venue.VenueCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.SessionID;
import quickfix.SessionSettings;

/** Logon credentials (553/554, never in a file the venue writes) and TLS, against the test exchange. */
class FixSecurityTest {

  private static final ActorTestKit kit = ActorTestKit.create(ConfigFactory.load());
  private static final String BTC = "BTCUSDT";
  private static final String PASSWORD = "pw-9f3Kq-never-logged";

  @TempDir Path state;
  private FixExchange exchange;
  private final List<ActorRef<VenueCommand>> venues = new ArrayList<>();

  @AfterEach
  void stop() {
    venues.forEach(kit::stop);
    if (exchange != null) exchange.close();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private FixSettings settings(FixSecurity security) {
    return new FixSettings("127.0.0.1", exchange.port(), "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "", FixSettings.Reconcile.PER_ORDER,
        Duration.ofSeconds(5), state).withSecurity(security);
  }

  private FixTrader trader(FixSettings s) {
    ActorRef<VenueCommand> v = kit.spawn(FixVenueActor.create(s, "T1"));
    venues.add(v);
    return new FixTrader(kit, v);
  }

  @Test
  void theLogonCarriesTheCredentialsAndNoFileTheVenueWritesHoldsThePassword() throws Exception {
    exchange = new FixExchange().quote(BTC, 99, 101).requireLogon("acme", PASSWORD);
    FixTrader t = trader(settings(FixSecurity.NONE.withLogon("acme", PASSWORD)));
    OrderRequest buy = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 1, 1));
    assertEquals(101, t.await(buy.clientOrderId(), o -> o.status() == OrderStatus.FILLED).avgFillPrice(), 1e-9);
    assertEquals(List.of("acme"), exchange.logonUsers());
    List<Path> files;
    try (Stream<Path> all = Files.walk(state)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertFalse(files.isEmpty());
    boolean masked = false;
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(PASSWORD), f + " holds the password");
      masked |= text.contains("\u0001554=***\u0001");
    }
    assertTrue(masked, "the message log shows the Logon with its password masked: " + files);
  }

  @Test
  void wrongCredentialsAreRefusedAtEveryLogon() throws Exception {
    exchange = new FixExchange().quote(BTC, 99, 101).requireLogon("acme", PASSWORD);
    trader(settings(FixSecurity.NONE.withLogon("acme", "not-the-password")));
    // The engine tries again after each refusal (reconnect-interval 1s): two refused logons, none accepted.
    exchange.awaitLogonAttempts(2, 20);
    assertEquals(0, exchange.logonCount());
  }

  @Test
  void overTlsWithASelfSignedCertificateTheTrustStoreNames() throws Exception {
    Path dir = Files.createDirectories(state.resolve("tls"));
    Path serverStore = dir.resolve("exchange.p12");
    Path trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "exchange", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext",
        "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", "server-pass",
        "-keypass", "server-pass");
    Path cert = dir.resolve("exchange.cer");
    keytool("-exportcert", "-alias", "exchange", "-keystore", serverStore.toString(), "-storepass", "server-pass", "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "exchange", "-file", cert.toString(), "-keystore", trustStore.toString(), "-storetype", "PKCS12",
        "-storepass", "trust-pass");
    exchange = new FixExchange(serverStore, "server-pass").quote(BTC, 99, 101).requireLogon("acme", PASSWORD);
    FixTrader t = trader(settings(FixSecurity.NONE.withLogon("acme", PASSWORD).withTls(trustStore, "trust-pass", null, "", true)));
    OrderRequest buy = t.send(OrderRequest.market(t.nextId(), BTC, Side.BUY, 2, 1));
    assertEquals(2, t.await(buy.clientOrderId(), o -> o.status() == OrderStatus.FILLED).filledQuantity(), 1e-9);
    assertEquals(2, exchange.position(BTC), 1e-9);
  }

  @Test
  void tlsWithoutATrustStoreTrustsTheJdksCertificatesNeverAnyone() {
    exchange = null;
    FixSettings s = new FixSettings("fix.example", 5001, "TROUPE", "EXCHANGE", Duration.ofSeconds(30), Duration.ofSeconds(1), "", FixSettings.Reconcile.PER_ORDER,
        Duration.ofSeconds(5), state).withSecurity(FixSecurity.NONE.withTls(null, "", null, "", true));
    SessionID id = new SessionID("FIX.4.4", "TROUPE", "EXCHANGE");
    SessionSettings ss = FixVenueActor.sessionSettings(s, id);
    assertEquals(FixSecurity.jdkTrustStore().toAbsolutePath().toString(), get(ss, id, "SocketTrustStore"));
    assertEquals("HTTPS", get(ss, id, "EndpointIdentificationAlgorithm"));
    assertEquals("Y", get(ss, id, "SocketUseSSL"));
  }

  private static String get(SessionSettings ss, SessionID id, String key) {
    try {
      return ss.getString(id, key);
    } catch (quickfix.ConfigError e) {
      throw new AssertionError(key + ": " + e.getMessage());
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not end");
    assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + out);
  }
}
