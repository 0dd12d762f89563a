package io.troupe.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as a user installs it: its jar in a folder, given to the runnable troupe.jar with --plugins. */
class StrategyPluginIT {

  private static final Path PLUGIN = Path.of(System.getProperty("plugin.jar"));
  private static final Path TROUPE = Path.of(System.getProperty("troupe.jar"));
  private static final Path HOME = Path.of(System.getProperty("troupe.home")).toAbsolutePath().normalize();
  private static final String BTC = HOME.resolve("data/btc-perp-20211231-20220201_1m.csv").toString();

  record Run(int exit, String out, String err) {}

  private static Run troupe(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dtroupe.home=" + HOME, "-jar",
        TROUPE.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command).directory(HOME.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "troupe " + String.join(" ", args) + " did not end");
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static Path pluginsFolder(Path dir) throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.copy(PLUGIN, plugins.resolve(PLUGIN.getFileName()));
    return plugins;
  }

  @Test
  void thePluginsStrategyIsListedAndBacktests(@TempDir Path dir) throws Exception {
    Path plugins = pluginsFolder(dir);
    Run list = troupe(dir, "list", "strategies", "--plugins", plugins.toString());
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("donchian-trend(entry=55, exit=20)"), list.out());

    Path out = dir.resolve("run");
    Run backtest = troupe(dir, "backtest", "--plugins", plugins.toString(), "--data", BTC, "--to", "2022-01-08", "--strategy", "donchian-trend", "--param",
        "entry=30", "--param", "exit=15", "--out", out.toString());
    assertEquals(0, backtest.exit(), backtest.err());
    assertTrue(backtest.out().startsWith("ran                    donchian-trend {entry=30.0, exit=15.0}"), backtest.out());
    List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
    assertTrue(trades.size() > 1, "the plugin's strategy traded: " + trades);
    assertTrue(trades.stream().skip(1).allMatch(t -> t.contains("donchian-trend")), "each trade names the plugin's strategy: " + trades);
  }

  @Test
  void aGenomeRunsThePluginsStrategyAsARegimesSpecialist(@TempDir Path dir) throws Exception {
    Path plugins = pluginsFolder(dir);
    // The packaged specialists, with the crisis regime's (the commonest on this data) handed to the plugin's strategy.
    Path genomes = Files.createDirectories(dir.resolve("genomes"));
    try (var files = Files.list(HOME.resolve("config/specialists"))) {
      for (Path f : files.toList()) if (!f.getFileName().toString().equals("crisis.json")) Files.copy(f, genomes.resolve(f.getFileName()));
    }
    Files.writeString(genomes.resolve("crisis.json"), """
        {"name": "donchian-crisis", "kind": "CRISIS", "strategy": "donchian-trend",
         "description": "the plugin's channel breakout as the crisis specialist",
         "params": {"position_pct": 2, "stop_pct": 1, "target_pct": 2, "entry": 30}}
        """);
    Run list = troupe(dir, "list", "specialists", "--plugins", plugins.toString(), "--genomes", genomes.toString());
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("donchian-crisis   specialist of the crisis regime: strategy donchian-trend"), list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.trim().startsWith("exit") && l.contains("20")), "the strategy's default exit: " + list.out());

    Path out = dir.resolve("run");
    Run backtest = troupe(dir, "backtest", "--plugins", plugins.toString(), "--data", BTC, "--to", "2022-01-08", "--set",
        "troupe.specialists.dir=" + genomes, "--out", out.toString());
    assertEquals(0, backtest.exit(), backtest.err());
    assertTrue(backtest.out().contains("donchian-crisis (crisis)"), backtest.out());
    List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
    assertTrue(trades.stream().skip(1).anyMatch(t -> t.endsWith(",donchian-crisis")), "the genome's specialist traded: " + trades);

    // Without the plugin the genome names a strategy that does not exist: refused in one line, naming the file.
    Run without = troupe(dir, "backtest", "--data", BTC, "--to", "2022-01-02", "--set", "troupe.specialists.dir=" + genomes, "--out",
        dir.resolve("without").toString());
    assertEquals(2, without.exit(), without.err());
    assertTrue(without.err().contains("crisis.json") && without.err().contains("unknown strategy 'donchian-trend'"), without.err());
  }

  @Test
  void optimizeSearchesThePluginsParameters(@TempDir Path dir) throws Exception {
    Path plugins = pluginsFolder(dir);
    Path out = dir.resolve("search");
    Run search = troupe(dir, "optimize", "--plugins", plugins.toString(), "--data", BTC, "--to", "2022-01-05", "--strategy", "donchian-trend",
        "--grid", "entry=20,40", "--grid", "exit=10..20:10", "--metric", "total_return", "--out", out.toString());
    assertEquals(0, search.exit(), search.err());
    List<String> rows = Files.readAllLines(out.resolve("optimize.csv"));
    assertEquals("rank,entry,exit,total_return", rows.get(0).substring(0, "rank,entry,exit,total_return".length()));
    assertEquals(5, rows.size(), "four combinations: " + rows);
    double previous = Double.POSITIVE_INFINITY;
    for (String row : rows.subList(1, rows.size())) {
      double r = Double.parseDouble(row.split(",")[3]);
      assertTrue(r <= previous, "best first: " + rows);
      previous = r;
    }
    // The best combination, backtested on its own, gives the same return.
    String[] best = rows.get(1).split(",");
    Path again = dir.resolve("best");
    Run backtest = troupe(dir, "backtest", "--plugins", plugins.toString(), "--data", BTC, "--to", "2022-01-05", "--strategy", "donchian-trend",
        "--param", "entry=" + best[1], "--param", "exit=" + best[2], "--out", again.toString());
    assertEquals(0, backtest.exit(), backtest.err());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total_return\" : ([-0-9.E]+),").matcher(Files.readString(again.resolve("summary.json")));
    assertTrue(m.find(), "summary.json has total_return");
    assertEquals(Double.parseDouble(m.group(1)), Double.parseDouble(best[3]), 0.0);
  }

  @Test
  void aBadParameterOrABrokenPluginIsNamedInOneLine(@TempDir Path dir) throws Exception {
    Path plugins = pluginsFolder(dir);
    Run badParam = troupe(dir, "backtest", "--plugins", plugins.toString(), "--data", BTC, "--strategy", "donchian-trend", "--param", "entry=0",
        "--out", dir.resolve("bad").toString());
    assertEquals(2, badParam.exit(), badParam.err());
    assertTrue(badParam.err().contains("strategy donchian-trend (") && badParam.err().contains("parameter 'entry' must be a whole number >= 1"), badParam.err());

    // A jar whose service file names a class it does not hold.
    Path broken = Files.createDirectories(dir.resolve("broken"));
    try (OutputStream file = Files.newOutputStream(broken.resolve("broken-plugin.jar")); JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry("META-INF/services/io.troupe.strategy.StrategyProvider"));
      jar.write("io.troupe.example.NotThere\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    Run notLoaded = troupe(dir, "list", "strategies", "--plugins", broken.toString());
    assertEquals(2, notLoaded.exit(), notLoaded.err());
    assertTrue(notLoaded.err().contains("--plugins " + broken + ": a plugin does not load") && notLoaded.err().contains("io.troupe.example.NotThere"),
        notLoaded.err());
    assertTrue(notLoaded.err().lines().count() <= 2, "one line and a hint, no stack trace: " + notLoaded.err());
  }
}
