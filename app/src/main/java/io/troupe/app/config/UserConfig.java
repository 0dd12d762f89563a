package io.troupe.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.troupe.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The user's layers over the packaged configuration: a {@code --config} file, {@code --set key=value}s, and the
 * command's own options, each stamped with where it came from (see {@link Where}). A key the packaged configuration
 * does not define is refused, naming it as written, where it came from, and the nearest known key: a typo would
 * otherwise change nothing and say nothing.
 *
 * <p>Checked: every key under {@code troupe} (except inside {@link KnownKeys#OPEN_MAPS}), the keys of the exit
 * partials' steps, and the top-level name of any other key (it must be {@code pekko} or a name some library's
 * reference.conf defines; keys inside those are not checked).
 */
public final class UserConfig {

  private final KnownKeys known;

  public UserConfig(KnownKeys known) {
    this.known = known;
  }

  public static UserConfig packaged() {
    return new UserConfig(KnownKeys.packaged());
  }

  /** {@code file} over {@code base}, resolved; an unreadable file, bad HOCON or an unknown key is an input error. */
  public Config withFile(Config base, Path file) {
    if (Files.isDirectory(file)) throw new InvalidInputException("--config " + file + ": is a folder, not a file");
    if (!Files.isRegularFile(file)) throw new InvalidInputException("--config " + file + ": no such file");
    if (!Files.isReadable(file)) throw new InvalidInputException("--config " + file + ": cannot be read");
    Config layer;
    try {
      layer = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .resolveWith(base, ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw new InvalidInputException("--config " + file + problem(e), e);
    }
    checkKeys(layer.root(), null);
    return layer.withFallback(base);
  }

  /** {@code key=value} over {@code c}; bad HOCON or an unknown key is an input error naming the {@code --set}. */
  public Config withSet(Config c, String key, String value) {
    String written = "--set " + key + "=" + value;
    Config layer;
    try {
      layer = ConfigFactory.parseString(key + " = " + value, ConfigParseOptions.defaults().setOriginDescription(written))
          .resolveWith(c, ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw new InvalidInputException(written + ": " + (value.isBlank() ? "no value" : "not a HOCON key = value (" + stripOrigin(e) + ")"), e);
    }
    checkKeys(layer.root(), written);
    return layer.withFallback(c);
  }

  /** {@code value} at {@code key}, set by the command-line {@code option} the user typed as {@code typed}. */
  public static Config withOption(Config c, String key, String option, String typed, Object value) {
    return c.withValue(key, ConfigValueFactory.fromAnyRef(value, Where.option(option, typed)));
  }

  // ---- unknown keys

  private void checkKeys(ConfigObject root, String set) {
    for (var e : root.entrySet()) {
      String top = e.getKey();
      String path = ConfigUtil.joinPath(top);
      if (top.equals("troupe")) {
        visit(path, e.getValue(), set);
      } else if (!top.equals("pekko") && !known.isNamespace(top)) {
        ConfigValue v = e.getValue();
        String leaf = firstLeaf(path, v);
        String near = known.nearest(leaf);
        throw unknown(leaf, v, set, near != null ? "did you mean " + near + "?" : "Troupe's keys are under troupe, Pekko's under pekko");
      }
    }
  }

  private void visit(String path, ConfigValue v, String set) {
    if (KnownKeys.openMap(path) != null) return;
    if (v.valueType() == ConfigValueType.OBJECT) {
      ConfigObject o = (ConfigObject) v;
      if (o.isEmpty()) {
        if (!known.isSection(path)) throw unknownKey(path, v, set);
        return;
      }
      if (known.isLeaf(path)) throw refuse(v, set, path + " takes a value, not a section");
      for (var e : o.entrySet()) visit(path + "." + ConfigUtil.joinPath(e.getKey()), e.getValue(), set);
      return;
    }
    if (known.isLeaf(path)) {
      Set<String> elementKeys = known.elementKeys(path);
      if (elementKeys != null && v.valueType() == ConfigValueType.LIST) checkElements(path, (ConfigList) v, elementKeys, set);
      return;
    }
    if (known.isSection(path)) {
      throw refuse(v, set, path + " is a section, not a value; set one of its keys: " + String.join(", ", known.keysUnder(path)));
    }
    throw unknownKey(path, v, set);
  }

  private static void checkElements(String path, ConfigList list, Set<String> keys, String set) {
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      if (element.valueType() != ConfigValueType.OBJECT) continue; // the schema says what a step must be
      for (var f : ((ConfigObject) element).entrySet()) {
        if (!keys.contains(f.getKey())) {
          String near = KnownKeys.nearest(f.getKey(), keys, null);
          throw unknown(path + "[" + i + "]." + f.getKey(), f.getValue(), set,
              (near != null ? "did you mean " + near + "? " : "") + "a step takes " + String.join(", ", keys));
        }
      }
    }
  }

  private InvalidInputException unknownKey(String path, ConfigValue v, String set) {
    String near = known.nearest(path);
    return unknown(path, v, set, near == null ? "see docs/configuration.md for the keys" : "did you mean " + near + "?");
  }

  /** "WHERE: unknown key KEY; HINT", WHERE being the --set as typed or the file and line. */
  private static InvalidInputException unknown(String path, ConfigValue v, String set, String hint) {
    return refuse(v, set, "unknown key " + path + "; " + hint);
  }

  private static InvalidInputException refuse(ConfigValue v, String set, String problem) {
    String where = set != null ? set : Where.source(v.origin());
    return new InvalidInputException((where == null ? "" : where + ": ") + problem);
  }

  /** The first value's path under {@code path}, so a message names a whole key (foo.bar, not foo). */
  private static String firstLeaf(String path, ConfigValue v) {
    if (v.valueType() == ConfigValueType.OBJECT && !((ConfigObject) v).isEmpty()) {
      var first = ((ConfigObject) v).entrySet().iterator().next();
      return firstLeaf(path + "." + ConfigUtil.joinPath(first.getKey()), first.getValue());
    }
    return path;
  }

  // ---- parse errors

  /** " line N: what is wrong", from a parse or resolve error, without the library's own origin prefix. */
  private static String problem(ConfigException e) {
    int line = e.origin() == null ? -1 : e.origin().lineNumber();
    return (line > 0 ? " line " + line : "") + ": " + stripOrigin(e);
  }

  private static String stripOrigin(ConfigException e) {
    String m = e.getMessage();
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (m.startsWith(prefix)) m = m.substring(prefix.length());
    }
    return m;
  }
}
