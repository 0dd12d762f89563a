package io.troupe.app.backtest;

import io.troupe.desk.MetaController;
import io.troupe.desk.SpecialistDefinition;
import io.troupe.desk.SpecialistLineup;
import io.troupe.desk.SpecialistSwap;
import io.troupe.desk.SwapPlan;
import io.troupe.model.InvalidInputException;
import io.troupe.node.NodeSettings;
import io.troupe.specialist.GenomeLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's hot swaps in event time ({@code troupe.backtest.swaps}, {@code --swap TIME:SYMBOL:NAME:GENOME_FILE}), and how
 * desks take swaps ({@code troupe.meta.swap}). Each genome file is read and checked when the swaps are read; which
 * swap adds and which replaces, and whether each fits the desk's specialists then, is settled once the run's symbols
 * are known ({@link #plan}), so a bad swap is refused before the first bar.
 */
public record ScheduledSwaps(List<Entry> entries, int shadowCalls, int historyBars) {

  /** One {@code --swap} as written, and what it says; {@code definition} null: remove {@code name}. */
  public record Entry(String text, long time, String symbol, String name, SpecialistDefinition definition) {}

  public static final String KEY = "troupe.backtest.swaps";

  // TIME is an instant (2022-01-10T00:00:00Z, seconds optional, Z optional), a date, or epoch milliseconds.
  private static final Pattern SPEC =
      Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?Z?)?|\\d+):([^:]+):([^:]+):(.+)$");

  public static ScheduledSwaps none() {
    return new ScheduledSwaps(List.of(), SwapPlan.defaults().shadowCalls(), SwapPlan.defaults().historyBars());
  }

  /** {@code specs} as written under {@code where} (the option or key); genome files resolve against {@code home}. */
  public static ScheduledSwaps parse(List<String> specs, String where, Path home, int shadowCalls, int historyBars) {
    List<Entry> out = new ArrayList<>();
    for (String spec : specs) {
      Matcher m = SPEC.matcher(spec.trim());
      if (!m.matches()) {
        throw new InvalidInputException(where + ": '" + spec + "' is not TIME:SYMBOL:NAME:GENOME_FILE (TIME an instant such as 2022-01-10T00:00:00Z, "
            + "a date or epoch ms; GENOME_FILE '-' to remove NAME)");
      }
      long time = time(m.group(1), where, spec);
      String file = m.group(4);
      SpecialistDefinition definition = null;
      if (!file.equals("-")) {
        Path p = Path.of(file);
        Path resolved = p.isAbsolute() || home == null ? p : home.resolve(p).normalize();
        try {
          definition = SpecialistDefinition.of(GenomeLoader.load(resolved));
        } catch (InvalidInputException e) {
          throw new InvalidInputException(where + " '" + spec + "': " + e.getMessage(), e);
        }
      }
      try {
        // The name's rules, checked now.
        new SpecialistSwap(definition == null ? SpecialistSwap.Change.REMOVE : SpecialistSwap.Change.REPLACE, m.group(2), m.group(3), definition);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + " '" + spec + "': " + e.getMessage(), e);
      }
      out.add(new Entry(spec, time, m.group(2), m.group(3), definition));
    }
    return new ScheduledSwaps(List.copyOf(out), shadowCalls, historyBars);
  }

  private static long time(String text, String where, String spec) {
    try {
      if (text.matches("\\d+") ) return Long.parseLong(text);
      if (text.length() == 10) return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      if (text.endsWith("Z")) return Instant.parse(text).toEpochMilli();
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidInputException(where + " '" + spec + "': TIME '" + text + "' is not a time (" + e.getMessage() + ")");
    }
  }

  /**
   * The swaps for {@code node}: each genome replaces the desk's specialist of that name, or is added when the desk has
   * none by then; each is checked against the desk as the earlier swaps leave it (a swap that would be refused is an
   * error now, naming it).
   */
  public SwapPlan plan(NodeSettings node) {
    Map<String, SpecialistLineup> lineups = new HashMap<>();
    Map<String, MetaController> metas = new HashMap<>();
    List<SwapPlan.Scheduled> scheduled = new ArrayList<>();
    SwapPlan base = new SwapPlan(shadowCalls, historyBars, List.of());
    // In time order, as they will apply (stable for equal times).
    List<Entry> sorted = entries.stream().sorted(java.util.Comparator.comparingLong(Entry::time)).toList();
    for (Entry e : sorted) {
      if (!node.specialistsBySymbol().containsKey(e.symbol())) {
        throw new InvalidInputException(KEY + " '" + e.text() + "': no desk for symbol " + e.symbol() + "; the desks are "
            + new java.util.TreeSet<>(node.specialistsBySymbol().keySet()));
      }
      MetaController meta = metas.computeIfAbsent(e.symbol(), node::metaController);
      SpecialistLineup lineup = lineups.computeIfAbsent(e.symbol(),
          s -> new SpecialistLineup(s, node.specialistsBySymbol().get(s).stream().map(io.troupe.desk.DeskActor.SpecialistSpec::name).toList(), base));
      boolean seated = lineup.seats().stream().anyMatch(s -> s.name().equals(e.name()));
      SpecialistSwap.Change change = e.definition() == null ? SpecialistSwap.Change.REMOVE : seated ? SpecialistSwap.Change.REPLACE : SpecialistSwap.Change.ADD;
      SpecialistSwap swap = new SpecialistSwap(change, e.symbol(), e.name(), e.definition());
      try {
        lineup.apply(swap, 0, meta);
      } catch (InvalidInputException ex) {
        throw new InvalidInputException(KEY + " '" + e.text() + "': " + ex.getMessage(), ex);
      }
      scheduled.add(new SwapPlan.Scheduled(e.time(), swap));
    }
    return base.withScheduled(scheduled);
  }
}
