package io.troupe.app.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema and the known keys held to the packaged configuration, so a key added to config/ cannot go unchecked. */
class ConfigSchemaTest {

  static final Path CONFIG = Path.of("..", "config").toAbsolutePath().normalize();
  final KnownKeys known = KnownKeys.packaged();

  @Test
  void everyPackagedKeyHasARuleAndEveryRuleAPackagedKey() {
    List<String> rules = ConfigSchema.keys();
    Set<String> missing = new TreeSet<>();
    for (String leaf : known.leaves()) {
      if (!rules.contains(leaf) && (KnownKeys.openMap(leaf) == null || !rules.contains(KnownKeys.openMap(leaf)))) missing.add(leaf);
    }
    assertEquals(Set.of(), missing, "packaged keys without a rule in ConfigSchema");
    List<String> stray = new ArrayList<>();
    for (String key : rules) if (!known.isLeaf(key) && !known.isSection(key)) stray.add(key);
    assertEquals(List.of(), stray, "rules for keys the packaged configuration does not define");
  }

  @Test
  void theOpenMapsAreSectionsOfThePackagedConfiguration() {
    for (String m : KnownKeys.OPEN_MAPS) assertTrue(known.isSection(m), m);
  }

  @Test
  void everyConfigFileIsKnown() throws Exception {
    String application = Files.readString(CONFIG.resolve("application.conf"));
    try (Stream<Path> files = Files.list(CONFIG)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
        String name = f.getFileName().toString();
        assertTrue(KnownKeys.PACKAGED.contains(name) || application.contains("include \"" + name + "\""),
            name + " is neither included from application.conf nor listed in KnownKeys.PACKAGED");
      }
    }
  }

  @Test
  void thePackagedDefaultsPass() {
    assertDoesNotThrow(() -> ConfigSchema.validate(ConfigFactory.load()));
  }

  @Test
  void pekkoKeysLibraryNamespacesAndOpenMapsAreAccepted() {
    UserConfig user = UserConfig.packaged();
    Config base = ConfigFactory.load();
    assertDoesNotThrow(() -> user.withSet(base, "pekko.loglevel", "ERROR"));
    assertDoesNotThrow(() -> user.withSet(base, "pekko.some-future-key", "1"));
    assertDoesNotThrow(() -> user.withSet(base, "jdbc-journal.tables.event_journal.tableName", "x"));
    assertDoesNotThrow(() -> user.withSet(base, "troupe.risk.allocation.weights-pct.trending-default", "40"));
    assertDoesNotThrow(() -> user.withSet(base, "troupe.meta.alternatives.my-specialist", "crisis-default"));
    assertDoesNotThrow(() -> user.withSet(base, "troupe.backtest.params.period", "30"));
    assertDoesNotThrow(() -> user.withSet(base, "troupe.persistence.snapshot-every", "100"));
    assertDoesNotThrow(() -> user.withSet(base, "troupe.risk.trades-per-strategy", "{per-minute = 2}"));
  }

  @Test
  void aValueSetThroughASubstitutionIsChecked() {
    UserConfig user = UserConfig.packaged();
    Config c = user.withSet(ConfigFactory.load(), "troupe.risk.max-position-pct", "${troupe.risk.concentration-pct}");
    assertEquals(30, c.getDouble("troupe.risk.max-position-pct"));
    var e = assertThrows(InvalidInputException.class, () -> user.withSet(ConfigFactory.load(), "troupe.risk.max-position-pct", "${troupe.risk.nope}"));
    assertTrue(e.getMessage().startsWith("--set troupe.risk.max-position-pct=${troupe.risk.nope}: "), e.getMessage());
  }

  @Test
  void theNearestKeyIsOfferedOnlyWhenItIsNear() {
    assertEquals("troupe.exits.stop-pct", known.nearest("troupe.exits.stop-pc"));
    assertEquals("troupe.risk.breakers.drawdown-pct", known.nearest("troupe.risk.breaker.drawdown-pct"));
    assertNull(known.nearest("foo"));
    assertNull(known.nearest("troupe.something.else.entirely"));
  }

  @Test
  void theFixVenuesKeysAreCheckedAsWritten() {
    UserConfig user = UserConfig.packaged();
    Config base = ConfigFactory.load();
    var typo = assertThrows(InvalidInputException.class, () -> user.withSet(base, "troupe.venue.fix.hearbeat", "5s"));
    assertTrue(typo.getMessage().contains("did you mean troupe.venue.fix.heartbeat?"), typo.getMessage());
    Config mode = user.withSet(base, "troupe.venue.fix.reconcile", "all");
    var bad = assertThrows(InvalidInputException.class, () -> ConfigSchema.validate(mode));
    assertTrue(bad.getMessage().contains("must be one of per-order, mass-status, got 'all'"), bad.getMessage());
    Config port = user.withSet(base, "troupe.venue.fix.port", "70000");
    assertTrue(assertThrows(InvalidInputException.class, () -> ConfigSchema.validate(port)).getMessage().contains("must be in [1, 65535]"));
    assertDoesNotThrow(() -> ConfigSchema.validate(user.withSet(base, "troupe.venue.fix.reconcile", "mass-status")));
  }
}
