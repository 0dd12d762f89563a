package io.troupe.app.adviser;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.troupe.adviser.AdviceCache;
import io.troupe.adviser.AdviceEndpoint;
import io.troupe.adviser.AdviserActor;
import io.troupe.adviser.AdviserCommand;
import io.troupe.adviser.AdviserSettings;
import io.troupe.app.report.AtomicFiles;
import io.troupe.gateway.adviser.ChatCompletionClient;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;

/**
 * A run's LLM adviser, from {@code troupe.adviser.*}: its settings, the cache it reads (a JSON file of verdicts by
 * prompt hash) and the endpoints' factory. Off by default; a backtest uses it only when also asked
 * ({@code in-backtest}). Built before the run, so a bad key, a missing key variable or an unreadable cache is bad
 * input before anything runs.
 */
public final class AdviserSetup {

  /** The cache a run keeps in its own folder, whatever file it read. */
  public static final String CACHE_FILE = "adviser-cache.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final AdviserSettings settings;
  private final Path cacheFile;
  private final AdviceCache cache;
  private final AdviceEndpoint.Factory endpoints;

  private AdviserSetup(AdviserSettings settings, Path cacheFile, AdviceCache cache, AdviceEndpoint.Factory endpoints) {
    this.settings = settings;
    this.cacheFile = cacheFile;
    this.cache = cache;
    this.endpoints = endpoints;
  }

  /** A backtest's adviser, or null when it is off ({@code enabled} and {@code in-backtest} both needed). */
  public static AdviserSetup forBacktest(Config root, Path runFolder, Map<String, String> env) {
    Config c = root.getConfig("troupe.adviser");
    if (!c.getBoolean("enabled") || !c.getBoolean("in-backtest")) return null;
    // A backtest records failures too: its rerun from the cache is then identical whatever the endpoints do.
    return build(c, runFolder, env, true);
  }

  /**
   * A paper session's adviser, or null when it is off. Its record is the journal: it reads a cache file only when
   * {@code troupe.adviser.cache} names one, and writes none.
   */
  public static AdviserSetup forPaper(Config root, Map<String, String> env) {
    Config c = root.getConfig("troupe.adviser");
    if (!c.getBoolean("enabled")) return null;
    return build(c, null, env, false);
  }

  /** As read by the runners, with endpoints of the caller's (tests). */
  public static AdviserSetup of(AdviserSettings settings, Path cacheFile, AdviceEndpoint.Factory endpoints) {
    return new AdviserSetup(settings, cacheFile, new AdviceCache(readCache(cacheFile)), endpoints);
  }

  private static AdviserSetup build(Config c, Path folder, Map<String, String> env, boolean recordFailures) {
    List<AdviserSettings.Endpoint> endpoints = new ArrayList<>();
    for (Config e : c.getConfigList("endpoints")) {
      endpoints.add(new AdviserSettings.Endpoint(e.getString("name"), e.getString("url"), e.getString("model"),
          e.hasPath("key-env") ? e.getString("key-env") : "", e.hasPath("max-tokens") ? e.getInt("max-tokens") : 200));
    }
    AdviserSettings settings = new AdviserSettings(endpoints, c.getInt("quorum"),
        AdviserSettings.Action.valueOf(c.getString("action").toUpperCase(java.util.Locale.ROOT)), c.getDouble("scale"), c.getDouble("min-confidence"),
        c.getDuration("timeout"), c.getBoolean("cache-only"), recordFailures);
    ChatCompletionClient.checkKeys(settings, env);
    String file = c.getString("cache").strip();
    Path cacheFile = !file.isEmpty() ? Path.of(file) : folder == null ? null : folder.resolve(CACHE_FILE);
    return new AdviserSetup(settings, cacheFile, new AdviceCache(readCache(cacheFile)), ChatCompletionClient.factory(env, clientBound(settings.timeout())));
  }

  /**
   * How long the client itself lets a request run: past the adviser's own deadline (which decides, by its timer, that
   * the endpoint has no opinion), so the two never race; then the connection is freed.
   */
  static java.time.Duration clientBound(java.time.Duration timeout) {
    return timeout.multipliedBy(2).plusSeconds(1);
  }

  public AdviserSettings settings() {
    return settings;
  }

  public Path cacheFile() {
    return cacheFile;
  }

  /** The adviser actor the node starts. */
  public Behavior<AdviserCommand> behavior() {
    return AdviserActor.create(settings, endpoints, cache);
  }

  /**
   * As above, answering first from {@code journaled}: a resumed paper session's verdicts of the steps it replays, as
   * they were given (timeouts and errors too), so the replay decides as the steps did.
   */
  public Behavior<AdviserCommand> behavior(List<AdviceCache.Entry> journaled) {
    List<AdviceCache.Entry> all = new ArrayList<>(journaled);
    all.addAll(cache.all());
    return AdviserActor.create(settings, endpoints, new AdviceCache(all));
  }

  /** Every verdict the cache holds now (as loaded, plus what the run added). */
  public List<AdviceCache.Entry> entries() {
    return cache.all();
  }

  /**
   * Writes the cache back to its file, and a copy into {@code runFolder} (when that is another file), so the run keeps
   * the answers it was given: rerun with {@code troupe.adviser.cache} set to it, and nothing is asked again.
   */
  public void writeCache(List<AdviceCache.Entry> added, Path runFolder) throws IOException {
    List<AdviceCache.Entry> all = new ArrayList<>(readCache(cacheFile));
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (AdviceCache.Entry e : all) keys.add(e.key());
    for (AdviceCache.Entry e : added) if (keys.add(e.key())) all.add(e);
    String text = JSON.writeValueAsString(all) + "\n";
    // A file the run added nothing to stays as it was (a rerun from a kept cache does not touch it).
    if (!added.isEmpty() || !Files.exists(cacheFile)) {
      if (cacheFile.toAbsolutePath().getParent() != null) Files.createDirectories(cacheFile.toAbsolutePath().getParent());
      AtomicFiles.DISK.writeString(cacheFile, text);
    }
    Path copy = runFolder == null ? null : runFolder.resolve(CACHE_FILE);
    if (copy != null && !copy.toAbsolutePath().normalize().equals(cacheFile.toAbsolutePath().normalize())) AtomicFiles.DISK.writeString(copy, text);
  }

  static List<AdviceCache.Entry> readCache(Path file) {
    if (file == null || !Files.exists(file)) return List.of();
    try {
      List<AdviceCache.Entry> entries = JSON.readValue(file.toFile(), new TypeReference<List<AdviceCache.Entry>>() {});
      for (AdviceCache.Entry e : entries) {
        if (e == null || e.key() == null || e.verdict() == null || e.verdict().opinion() == null || e.verdict().outcome() == null) {
          throw new InvalidInputException("troupe.adviser.cache: " + file + " holds an entry without key, opinion or outcome");
        }
      }
      return entries;
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidInputException("troupe.adviser.cache: " + file + " is not an adviser cache (" + why + ")");
    }
  }
}
