package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FixSettingsTest {

  private static final Config PACKAGED = ConfigFactory.parseResources("application.conf").resolve();

  @Test
  void thePackagedSessionAndItsFolderUnderTheState() {
    FixSettings s = FixSettings.fromConfig(PACKAGED, Path.of("state"));
    assertEquals("127.0.0.1", s.host());
    assertEquals(9878, s.port());
    assertEquals(Duration.ofSeconds(30), s.heartbeat());
    assertEquals(FixSettings.Reconcile.PER_ORDER, s.reconcile());
    assertEquals(Path.of("state", "fix", "TROUPE-EXCHANGE"), s.sessionDir());
  }

  @Test
  void anUnknownKeyOrABadValueIsAnErrorNamingIt() {
    Config typo = ConfigFactory.parseString("troupe.venue.fix.hearbeat = 5s").withFallback(PACKAGED);
    assertEquals("troupe.venue.fix.hearbeat: unknown key; the keys are host, port, sender-comp-id, target-comp-id, heartbeat, reconnect-interval, account, "
        + "reconcile, reconcile-timeout, username-env, password-env, tls.enabled, tls.trust-store, tls.trust-store-password-env, tls.key-store, "
        + "tls.key-store-password-env, tls.verify-host", assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(typo, Path.of("s"))).getMessage());
    Config mode = ConfigFactory.parseString("troupe.venue.fix.reconcile = all").withFallback(PACKAGED);
    assertEquals("troupe.venue.fix.reconcile must be per-order or mass-status, got 'all'",
        assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(mode, Path.of("s"))).getMessage());
    Config comp = ConfigFactory.parseString("troupe.venue.fix.sender-comp-id = \"A|B\"").withFallback(PACKAGED);
    assertEquals("troupe.venue.fix.sender-comp-id must be 1 to 64 letters, digits, '_', '.' or '-', got 'A|B'",
        assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(comp, Path.of("s"))).getMessage());
  }

  @Test
  void credentialsComeFromTheEnvironmentVariablesTheConfigurationNamesAndAreNeverShown() {
    Config named = ConfigFactory.parseString("troupe.venue.fix { username-env = FIX_USER, password-env = FIX_PASSWORD }").withFallback(PACKAGED);
    java.util.Map<String, String> env = java.util.Map.of("FIX_USER", "acme", "FIX_PASSWORD", "s3cr3t-pw");
    FixSettings s = FixSettings.fromConfig(named, Path.of("s"), env::get);
    assertEquals("acme", s.security().username());
    assertEquals("s3cr3t-pw", s.security().password());
    org.junit.jupiter.api.Assertions.assertFalse(s.toString().contains("s3cr3t-pw"), s.toString());
    InvalidInputException unset = assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(named, Path.of("s"), name -> null));
    assertEquals("troupe.venue.fix.username-env names the environment variable FIX_USER, which is not set", unset.getMessage());
    // None named: no credentials, no TLS.
    assertEquals(FixSecurity.NONE, FixSettings.fromConfig(PACKAGED, Path.of("s"), name -> "x").security());
  }

  @Test
  void tlsNeedsAReadableStoreWhenOneIsNamed() {
    Config tls = ConfigFactory.parseString("troupe.venue.fix.tls { enabled = true, trust-store = \"/no/such/store.p12\" }").withFallback(PACKAGED);
    assertEquals("troupe.venue.fix.tls.trust-store: /no/such/store.p12: no such readable file",
        assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(tls, Path.of("s"), name -> null)).getMessage());
    Config jdk = ConfigFactory.parseString("troupe.venue.fix.tls.enabled = true").withFallback(PACKAGED);
    FixSecurity s = FixSettings.fromConfig(jdk, Path.of("s"), name -> null).security();
    assertTrue(s.tls());
    assertEquals(null, s.trustStore());
  }

  @Test
  void theMessageLogMasksThePassword() {
    String logon = "8=FIX.4.4\u00019=80\u000135=A\u0001553=acme\u0001554=s3cr3t-pw\u0001925=n3w\u000110=123\u0001";
    assertEquals("8=FIX.4.4\u00019=80\u000135=A\u0001553=acme\u0001554=***\u0001925=***\u000110=123\u0001", MaskingLogFactory.mask(logon));
  }
}
