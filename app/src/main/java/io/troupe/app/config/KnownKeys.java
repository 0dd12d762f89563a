package io.troupe.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys the packaged configuration ({@code config/*.conf}, on the classpath) defines: a {@code troupe.*} key a user
 * sets must be one of them, so a typo is an error instead of a silent no-op. Other namespaces are Pekko's and the
 * libraries' (their {@code reference.conf}); their inner keys are not checked, only that the namespace exists.
 */
public final class KnownKeys {

  /** The packaged files: application.conf (which includes risk, exits, orders and regime), the two journal layers, and a cluster member's layer. */
  static final List<String> PACKAGED = List.of("application.conf", "persistence-h2.conf", "persistence-postgres.conf", "cluster.conf");

  /**
   * Maps whose keys are the user's to choose: a strategy's parameters (checked by the strategy itself), a specialist's
   * alternative, capital weights per specialist or strategy, rates by currency and instruments by symbol (their entries'
   * fields are checked by {@code InstrumentTerms}). Any key under them is accepted here.
   */
  public static final List<String> OPEN_MAPS = List.of("troupe.backtest.params", "troupe.meta.alternatives", "troupe.risk.allocation.weights-pct",
      "troupe.account.conversions", "troupe.instruments");

  private static final KnownKeys PACKAGED_KEYS = load();

  private final Map<String, ConfigValue> leaves;
  private final Set<String> sections;
  /** Lists of objects (exit partials): path to the keys their elements may have. */
  private final Map<String, Set<String>> listElementKeys;
  private final Set<String> namespaces;

  private KnownKeys(Map<String, ConfigValue> leaves, Set<String> sections, Map<String, Set<String>> listElementKeys, Set<String> namespaces) {
    this.leaves = leaves;
    this.sections = sections;
    this.listElementKeys = listElementKeys;
    this.namespaces = namespaces;
  }

  public static KnownKeys packaged() {
    return PACKAGED_KEYS;
  }

  private static KnownKeys load() {
    ClassLoader loader = KnownKeys.class.getClassLoader();
    Config packaged = ConfigFactory.empty();
    for (String name : PACKAGED) {
      packaged = packaged.withFallback(ConfigFactory.parseResources(loader, name, ConfigParseOptions.defaults().setAllowMissing(false)));
    }
    // Without the environment, so the keys do not depend on TROUPE_CASH and the like being set.
    packaged = packaged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    Map<String, ConfigValue> leaves = new TreeMap<>();
    Set<String> sections = new TreeSet<>();
    Map<String, Set<String>> elementKeys = new TreeMap<>();
    walk(packaged.getConfig("troupe").root(), "troupe", leaves, sections, elementKeys);
    Set<String> namespaces = new TreeSet<>(packaged.root().keySet());
    namespaces.addAll(ConfigFactory.parseResources(loader, "reference.conf").root().keySet());
    return new KnownKeys(leaves, sections, elementKeys, namespaces);
  }

  private static void walk(ConfigObject object, String path, Map<String, ConfigValue> leaves, Set<String> sections, Map<String, Set<String>> elementKeys) {
    sections.add(path);
    for (var e : object.entrySet()) {
      String child = path + "." + ConfigUtil.joinPath(e.getKey());
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.OBJECT) {
        walk((ConfigObject) v, child, leaves, sections, elementKeys);
      } else {
        leaves.put(child, v);
        if (v.valueType() == ConfigValueType.LIST) {
          for (ConfigValue element : (ConfigList) v) {
            if (element.valueType() == ConfigValueType.OBJECT) {
              elementKeys.computeIfAbsent(child, k -> new TreeSet<>()).addAll(((ConfigObject) element).keySet());
            }
          }
        }
      }
    }
  }

  /** Every {@code troupe.*} value key of the packaged configuration, sorted. */
  public Set<String> leaves() {
    return leaves.keySet();
  }

  public boolean isLeaf(String path) {
    return leaves.containsKey(path);
  }

  public boolean isSection(String path) {
    return sections.contains(path);
  }

  /** Top-level names the packaged configuration or a library's reference.conf defines ({@code troupe}, {@code pekko}, ...). */
  public boolean isNamespace(String name) {
    return namespaces.contains(name);
  }

  /** The open map {@code path} lies in (or is), else null. */
  public static String openMap(String path) {
    for (String m : OPEN_MAPS) if (path.equals(m) || path.startsWith(m + ".")) return m;
    return null;
  }

  /** The keys an element of the list at {@code path} may have; null when it is not a list of objects. */
  public Set<String> elementKeys(String path) {
    return listElementKeys.get(path);
  }

  /**
   * The known key nearest to {@code written} by edit distance (also trying it under {@code troupe.}), when it is near
   * enough to be the likely intent; else null.
   */
  public String nearest(String written) {
    return nearest(written, leaves.keySet(), "troupe.");
  }

  /** The nearest of {@code candidates} to {@code written}, or null when none is within a third of its length (at least 2). */
  public static String nearest(String written, Iterable<String> candidates, String prefix) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = levenshtein(written, c);
      if (prefix != null && !written.startsWith(prefix)) d = Math.min(d, levenshtein(prefix + written, c));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, written.length() / 3) ? best : null;
  }

  /** What a section holds, one level down (a sub-section ends in ".*"), for a message that tells which keys it takes. */
  public List<String> keysUnder(String section) {
    Set<String> out = new TreeSet<>(Comparator.naturalOrder());
    for (String k : leaves.keySet()) {
      if (!k.startsWith(section + ".")) continue;
      String rest = k.substring(section.length() + 1);
      int dot = rest.indexOf('.');
      out.add(dot < 0 ? rest : rest.substring(0, dot) + ".*");
    }
    return new ArrayList<>(out);
  }

  /** Edits (insertions, deletions, substitutions) between two strings. */
  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
