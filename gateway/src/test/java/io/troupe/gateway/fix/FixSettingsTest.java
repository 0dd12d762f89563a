package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        + "reconcile, reconcile-timeout", assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(typo, Path.of("s"))).getMessage());
    Config mode = ConfigFactory.parseString("troupe.venue.fix.reconcile = all").withFallback(PACKAGED);
    assertEquals("troupe.venue.fix.reconcile must be per-order or mass-status, got 'all'",
        assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(mode, Path.of("s"))).getMessage());
    Config comp = ConfigFactory.parseString("troupe.venue.fix.sender-comp-id = \"A|B\"").withFallback(PACKAGED);
    assertEquals("troupe.venue.fix.sender-comp-id must be 1 to 64 letters, digits, '_', '.' or '-', got 'A|B'",
        assertThrows(InvalidInputException.class, () -> FixSettings.fromConfig(comp, Path.of("s"))).getMessage());
  }
}
