package io.troupe.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terms of each symbol a run trades from files, and the account's currency: {@code troupe.instruments.SYMBOL}
 * (quote, kind, tick-size, lot-size, min-notional, multiplier, margin), else what the symbol's name says where it is
 * unambiguous ({@link #inferred}), else the run-wide {@code troupe.backtest} terms; {@code troupe.account.currency}
 * and {@code troupe.account.conversions}. One account keeps one currency: a run whose symbols are quoted in more than
 * one is refused unless each other currency has a rate ({@link #accountCurrency}).
 *
 * @param accountCurrency the configured currency, or "" for auto (the one its instruments are quoted in)
 * @param conversions fixed rates into the account currency, by quote currency
 */
public record InstrumentTerms(
    String accountCurrency, Map<String, Double> conversions, Map<String, Entry> bySymbol, double tickSize, double lotSize, double multiplier, double margin) {

  /** What {@code troupe.instruments.SYMBOL} sets; null leaves the inferred or run-wide value. */
  public record Entry(String quote, Instrument.Kind kind, Double tickSize, Double lotSize, Double minNotional, Double multiplier, Double margin) {}

  /** The fields an entry of troupe.instruments may have. */
  public static final List<String> FIELDS = List.of("quote", "kind", "tick-size", "lot-size", "min-notional", "multiplier", "margin");

  /** The quote currencies a symbol's name is read for (a name ending in one of these, longest first). */
  static final List<String> KNOWN_QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USD", "DAI", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD",
      "TRY", "BRL", "BTC", "ETH", "BNB", "XBT");

  /** Taken when neither the configuration nor the name says (and the account's currency is auto). */
  static final String DEFAULT_QUOTE = "USD";

  private static final Pattern CURRENCY = Pattern.compile("[A-Z0-9]{2,12}");
  private static final Pattern PERP = Pattern.compile("(.+?)[-_ ]?PERP(ETUAL)?");
  private static final Pattern SEPARATED = Pattern.compile("([A-Z0-9]+)[-_/]([A-Z]+)");

  public static InstrumentTerms none() {
    return new InstrumentTerms("", Map.of(), Map.of(), 0, 0, 1, 0);
  }

  /** Reads {@code troupe} ({@code c}): each entry's fields checked, naming the key as written. */
  public static InstrumentTerms fromConfig(Config c, double tickSize, double lotSize, double multiplier, double margin) {
    String currency = c.hasPath("account.currency") ? c.getString("account.currency").strip() : "auto";
    if (currency.equalsIgnoreCase("auto")) currency = "";
    else currency = currency(currency, "troupe.account.currency");
    Map<String, Double> conversions = new TreeMap<>();
    if (c.hasPath("account.conversions")) {
      for (var e : c.getObject("account.conversions").entrySet()) {
        String key = "troupe.account.conversions." + e.getKey();
        String code = currency(e.getKey(), key);
        double rate = number(e.getValue(), key);
        if (!(rate > 0)) throw new InvalidInputException(key + " must be > 0 (units of the account currency one " + code + " is worth), got " + e.getValue().unwrapped());
        conversions.put(code, rate);
      }
    }
    Map<String, Entry> bySymbol = new TreeMap<>();
    if (c.hasPath("instruments")) {
      for (var e : c.getObject("instruments").entrySet()) {
        String at = "troupe.instruments." + e.getKey();
        bySymbol.put(e.getKey().toUpperCase(Locale.ROOT), entry(e.getValue(), at));
      }
    }
    return new InstrumentTerms(currency, conversions, bySymbol, tickSize, lotSize, multiplier, margin);
  }

  /** Checks the configuration's instrument and currency keys (the schema's rule): the first problem, named. */
  public static void check(Config root) {
    if (root.hasPath("troupe")) fromConfig(root.getConfig("troupe"), 0, 0, 1, 0);
  }

  private static Entry entry(ConfigValue v, String at) {
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new InvalidInputException(at + " expects a section such as { quote = BTC, kind = spot, tick-size = 0.00000001 }, got " + v.valueType().name().toLowerCase(Locale.ROOT));
    }
    ConfigObject o = (ConfigObject) v;
    for (String field : o.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidInputException(at + "." + field + ": unknown field; an instrument takes " + String.join(", ", FIELDS));
      }
    }
    String quote = o.containsKey("quote") ? currency(String.valueOf(o.get("quote").unwrapped()), at + ".quote") : null;
    Instrument.Kind kind = null;
    if (o.containsKey("kind")) {
      String k = String.valueOf(o.get("kind").unwrapped()).strip().toLowerCase(Locale.ROOT);
      kind = switch (k) {
        case "spot" -> Instrument.Kind.SPOT;
        case "perpetual" -> Instrument.Kind.PERPETUAL;
        case "future" -> Instrument.Kind.FUTURE;
        default -> throw new InvalidInputException(at + ".kind must be one of spot, perpetual, future, got '" + o.get("kind").unwrapped() + "'");
      };
    }
    return new Entry(quote, kind, atLeastZero(o, "tick-size", at), atLeastZero(o, "lot-size", at), atLeastZero(o, "min-notional", at),
        positive(o, "multiplier", at), atLeastZero(o, "margin", at));
  }

  private static Double atLeastZero(ConfigObject o, String field, String at) {
    if (!o.containsKey(field)) return null;
    double d = number(o.get(field), at + "." + field);
    if (!(d >= 0)) throw new InvalidInputException(at + "." + field + " must be >= 0, got " + o.get(field).unwrapped());
    return d;
  }

  private static Double positive(ConfigObject o, String field, String at) {
    if (!o.containsKey(field)) return null;
    double d = number(o.get(field), at + "." + field);
    if (!(d > 0)) throw new InvalidInputException(at + "." + field + " must be > 0, got " + o.get(field).unwrapped());
    return d;
  }

  private static double number(ConfigValue v, String key) {
    Object u = v.unwrapped();
    double d;
    if (u instanceof Number n) d = n.doubleValue();
    else if (u instanceof String s) {
      try {
        d = Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(key + " expects a number, got '" + s + "'");
      }
    } else throw new InvalidInputException(key + " expects a number, got " + v.valueType().name().toLowerCase(Locale.ROOT));
    if (!Double.isFinite(d)) throw new InvalidInputException(key + " expects a finite number, got " + u);
    return d;
  }

  private static String currency(String written, String key) {
    String code = written.strip().toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(code).matches()) {
      throw new InvalidInputException(key + ": '" + written + "' is not a currency code (2 to 12 letters or digits, e.g. USD, BTC, USDT)");
    }
    return code;
  }

  /** What a symbol's name says of its terms: the quote currency (null when it does not say) and whether it is a perpetual. */
  public record Inferred(String quote, boolean perpetual) {}

  /**
   * Read from the symbol's name where it is unambiguous: {@code BASE-PERP} (or {@code _PERP}, {@code PERP}) is a
   * perpetual quoted in USD, {@code BASE-QUOTE-PERP} one quoted in QUOTE; {@code BASE_QUOTE}, {@code BASE-QUOTE} or
   * {@code BASE/QUOTE} is quoted in QUOTE, and {@code BASEQUOTE} too, each when QUOTE is one of {@link #KNOWN_QUOTES}
   * (the longest that fits, the base at least two characters). Anything else says nothing.
   */
  public static Inferred inferred(String symbol) {
    String s = symbol.toUpperCase(Locale.ROOT);
    Matcher perp = PERP.matcher(s);
    if (perp.matches()) {
      String quote = quoteOf(perp.group(1));
      return new Inferred(quote == null ? DEFAULT_QUOTE : quote, true);
    }
    return new Inferred(quoteOf(s), false);
  }

  private static String quoteOf(String s) {
    Matcher m = SEPARATED.matcher(s);
    if (m.matches()) return KNOWN_QUOTES.contains(m.group(2)) ? m.group(2) : null;
    for (String q : KNOWN_QUOTES) {
      if (s.endsWith(q) && s.length() - q.length() >= 2 && s.substring(0, s.length() - q.length()).chars().allMatch(Character::isLetterOrDigit)) return q;
    }
    return null;
  }

  /** The instrument a symbol trades as, valued in the account's currency (a rate when its quote is another). */
  public Instrument instrument(String symbol) {
    Entry e = bySymbol.getOrDefault(symbol.toUpperCase(Locale.ROOT), new Entry(null, null, null, null, null, null, null));
    Inferred guess = inferred(symbol);
    double mult = e.multiplier() != null ? e.multiplier() : multiplier;
    double marg = e.margin() != null ? e.margin() : margin;
    boolean margined = mult != 1 || marg > 0;
    Instrument.Kind kind = e.kind() != null ? e.kind() : guess.perpetual() ? Instrument.Kind.PERPETUAL : margined ? Instrument.Kind.FUTURE : Instrument.Kind.SPOT;
    String quote = e.quote() != null ? e.quote() : guess.quote() != null ? guess.quote() : accountCurrency.isEmpty() ? DEFAULT_QUOTE : accountCurrency;
    double rate = 1;
    if (!accountCurrency.isEmpty() && !quote.equals(accountCurrency)) {
      Double r = conversions.get(quote);
      if (r == null) {
        throw new InvalidInputException(symbol + " is quoted in " + quote + " and the account in " + accountCurrency + ": give a rate, troupe.account.conversions."
            + quote + " (units of " + accountCurrency + " one " + quote + " is worth)");
      }
      rate = r;
    }
    return new Instrument(symbol, kind, quote, e.tickSize() != null ? e.tickSize() : tickSize, e.lotSize() != null ? e.lotSize() : lotSize,
        e.minNotional() != null ? e.minNotional() : 0, mult, marg, margined ? Instrument.Settlement.MARGIN : Instrument.Settlement.CASH, rate);
  }

  /**
   * The currency the account of these symbols keeps: the configured one (each other quote currency needs a rate), or
   * the one currency they are all quoted in; symbols quoted in several with none configured are refused, naming them.
   */
  public String accountCurrency(Collection<String> symbols) {
    // A configured symbol the run does not trade would change nothing and say nothing: a typo, named like an unknown key.
    java.util.Set<String> traded = new java.util.TreeSet<>();
    for (String s : symbols) traded.add(s.toUpperCase(Locale.ROOT));
    for (String configured : bySymbol.keySet()) {
      if (!traded.contains(configured)) {
        String near = KnownKeys.nearest(configured, traded, null);
        throw new InvalidInputException("troupe.instruments." + configured + ": no such symbol in this run" + (near == null ? "" : "; did you mean " + near + "?")
            + " (the symbols are " + String.join(", ", traded) + ")");
      }
    }
    Map<String, List<String>> byQuote = new TreeMap<>();
    for (String s : new java.util.TreeSet<>(symbols)) byQuote.computeIfAbsent(instrument(s).quoteCurrency(), k -> new ArrayList<>()).add(s);
    if (!accountCurrency.isEmpty()) return accountCurrency;
    if (byQuote.size() <= 1) return byQuote.isEmpty() ? DEFAULT_QUOTE : byQuote.keySet().iterator().next();
    List<String> named = new ArrayList<>();
    for (var q : byQuote.entrySet()) named.add(String.join(", ", q.getValue()) + " in " + q.getKey());
    String other = byQuote.keySet().stream().skip(1).findFirst().orElseThrow();
    String first = byQuote.keySet().iterator().next();
    throw new InvalidInputException("the symbols are quoted in more than one currency (" + String.join("; ", named) + ") and one account keeps one:"
        + " trade them apart, or set troupe.account.currency and a rate for each other currency (e.g. --set troupe.account.currency=" + first
        + " --set troupe.account.conversions." + other + "=RATE)");
  }

  /** The file beside a live session's recorded bars: the terms they were traded on. */
  public static final String FILE = "instruments.conf";

  /** {@code config} with {@code terms} as its {@code troupe.instruments} entries (the venue's over any given). */
  public static Config over(Config config, Map<String, Instrument> terms) {
    Config out = config;
    for (var e : terms.entrySet()) {
      for (var field : fields(e.getValue()).entrySet()) {
        out = out.withValue("troupe.instruments.\"" + e.getKey() + "\"." + field.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef(field.getValue()));
      }
    }
    return out;
  }

  /** {@code terms} as a HOCON file's text: {@code troupe.instruments { SYMBOL { ... } }}. */
  public static String render(Map<String, Instrument> terms) {
    Config c = over(com.typesafe.config.ConfigFactory.empty(), terms);
    return "# The venue's terms of the recorded symbols, read from its exchange information when the session started.\n"
        + "# A backtest of the recording trades on them: troupe backtest --data SYMBOL-TF.csv --config " + FILE + "\n"
        + c.root().render(com.typesafe.config.ConfigRenderOptions.concise().setJson(false).setFormatted(true));
  }

  private static Map<String, Object> fields(Instrument i) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("quote", i.quoteCurrency());
    f.put("kind", i.kind().name().toLowerCase(Locale.ROOT));
    f.put("tick-size", i.tickSize());
    f.put("lot-size", i.lotSize());
    f.put("min-notional", i.minNotional());
    return f;
  }
}
