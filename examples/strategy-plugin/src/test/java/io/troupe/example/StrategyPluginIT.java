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
