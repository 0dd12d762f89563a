package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe paper}'s old metrics option and alert webhooks, refused as bad input in one line, before anything is written. */
class OperatingOptionsTest {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  @BeforeAll
  static void home() {
    System.setProperty("troupe.home", HOME.toString());
  }

  static CliRun paper(Path dir, String... more) {
    String[] base = {"paper", "--data", BTC, "--to", "2022-01-01T01:00", "--speed", "max", "--state", dir.resolve("state").toString(), "--out",
        dir.resolve("out").toString()};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.run(args);
  }

  static void refusedInOneLine(CliRun run, String expected, Path dir) {
    assertEquals(2, run.exit(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertEquals("error: " + expected, run.err().strip());
    assertFalse(Files.exists(dir.resolve("state")), "nothing written");
  }

  /** The API serves /metrics: the old option of a metrics server of its own is refused, saying so. */
  @Test
  void theOldMetricsOptionIsRefusedPointingAtTheApi(@TempDir Path dir) {
    String refused = "--metrics: there is no metrics server of its own any more: the API serves GET /metrics beside /api/v1"
        + " (--http HOST:PORT, default 127.0.0.1:8686; with tokens, read with a viewer's token); drop --metrics";
    refusedInOneLine(paper(dir, "--metrics", "127.0.0.1:9464"), refused, dir);
    refusedInOneLine(paper(dir, "--metrics"), refused, dir);
    assertFalse(CliRun.run("paper", "--help").out().contains("--metrics"), "--help does not offer it");
  }

  @Test
  void aBadWebhookIsNamedByItsPlaceAndFieldWithoutEchoingItsUrl(@TempDir Path dir) {
    refusedInOneLine(paper(dir, "--set", "troupe.alerts.webhooks=[{url=\"ftp://example.com/T0KEN\"}]"),
        "troupe.alerts.webhooks[0].url is not an http:// or https:// URL with a host (from --set troupe.alerts.webhooks)", dir);
    refusedInOneLine(paper(dir, "--set", "troupe.alerts.webhooks=[{url=\"https://example.com/T0KEN\", format=teams}]"),
        "troupe.alerts.webhooks[0].format must be one of json, slack, telegram, got 'teams' (from --set troupe.alerts.webhooks)", dir);
    refusedInOneLine(paper(dir, "--set", "troupe.alerts.webhooks=[{url=\"https://api.telegram.org/botT0KEN/sendMessage\", format=telegram}]"),
        "troupe.alerts.webhooks[0] has format telegram but no chat-id (the chat the bot posts to) (from --set troupe.alerts.webhooks)", dir);
    refusedInOneLine(paper(dir, "--set", "troupe.alerts.webhooks=[{url=\"https://example.com/T0KEN\", token=x}]"),
        "troupe.alerts.webhooks[0].token: unknown field; a webhook takes url, format and chat-id (from --set troupe.alerts.webhooks)", dir);
    refusedInOneLine(paper(dir, "--set", "troupe.alerts.attempts=0"), "troupe.alerts.attempts must be a whole number >= 1, got 0 (from --set troupe.alerts.attempts=0)",
        dir);
  }
}
