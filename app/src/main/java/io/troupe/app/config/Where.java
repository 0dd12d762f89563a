package io.troupe.app.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

/**
 * Where a configuration value came from, in the user's words: the command-line option that set it, a {@code --set},
 * a line of a {@code --config} file, or the environment. The origins are stamped when the command line is merged
 * ({@link UserConfig}); packaged values have none worth naming.
 */
public final class Where {

  /** The origin description of a value a command-line option set: {@code option --cash 0}. */
  static final String OPTION = "option ";
  /** The origin description of a {@code --set key=value}. */
  static final String SET = "--set ";

  private Where() {}

  /** The origin description for a value set by {@code option}, as typed ({@code text}). */
  static String option(String option, String text) {
    return OPTION + option + " " + text;
  }

  /** The option that set the value ({@code --cash}), or null when no option did. */
  public static String option(ConfigValue v) {
    String d = description(v.origin());
    if (d == null || !d.startsWith(OPTION)) return null;
    String rest = d.substring(OPTION.length());
    int space = rest.indexOf(' ');
    return space < 0 ? rest : rest.substring(0, space);
  }

  /** What the user wrote for the value: the option's own text, a number as written (5, not 5.0), a string unquoted. */
  public static String typed(ConfigValue v) {
    String d = description(v.origin());
    if (d != null && d.startsWith(OPTION)) {
      int space = d.indexOf(' ', OPTION.length());
      if (space > 0) return d.substring(space + 1);
    }
    return switch (v.valueType()) {
      case STRING -> String.valueOf(v.unwrapped());
      case NULL -> "null";
      case LIST -> "a list " + v.render(com.typesafe.config.ConfigRenderOptions.concise());
      case OBJECT -> "a section " + v.render(com.typesafe.config.ConfigRenderOptions.concise());
      default -> v.render(com.typesafe.config.ConfigRenderOptions.concise());
    };
  }

  /** The typed value quoted as a message shows it: 'abc' for text, 5 for a number. */
  public static String quoted(ConfigValue v) {
    String t = typed(v);
    return v.valueType() == ConfigValueType.STRING ? "'" + t + "'" : t;
  }

  /** The key as the user named it: the option when one set the value, else the key. */
  public static String name(String key, ConfigValue v) {
    String o = v == null ? null : option(v);
    return o != null ? o : key;
  }

  /** " (from --set)", " (from my.conf line 3)", " (from the environment)", or "" for options and packaged values. */
  public static String suffix(ConfigValue v) {
    if (v == null) return "";
    String s = source(v.origin());
    return s == null ? "" : " (from " + s + ")";
  }

  /** The --set or file and line of an origin, or null when it is an option's or the packaged configuration's. */
  public static String source(ConfigOrigin o) {
    if (o == null) return null;
    if (o.filename() != null) return o.filename() + (o.lineNumber() > 0 ? " line " + o.lineNumber() : "");
    String d = description(o);
    if (d == null || d.startsWith(OPTION)) return null;
    if (d.startsWith(SET)) return d;
    if (d.startsWith("env var")) return "the environment";
    return null;
  }

  /** The origin's description without the ": line" the parser appends. */
  private static String description(ConfigOrigin o) {
    if (o == null) return null;
    String d = o.description();
    return d == null ? null : d.replaceFirst(": \\d+(-\\d+)?$", "");
  }
}
