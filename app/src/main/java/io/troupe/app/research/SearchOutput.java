package io.troupe.app.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.app.report.AtomicFiles;
import io.troupe.app.report.BacktestMetrics;
import io.troupe.app.report.Csv;
import io.troupe.specialist.Genome;
import io.troupe.specialist.GenomeRanges;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * A search's files: {@code results.csv} (every candidate, best first, its values and every metric),
 * {@code best.json} (a configuration file {@code troupe backtest --config} takes as it is; with genome fields
 * searched, the winning genomes in {@code best-genomes/} beside it), {@code search.json} (the search, the best and
 * the overfitting statistics) and {@code search.html}.
 */
public final class SearchOutput {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The metrics' columns of results.csv, in summary.json's order. */
  public static final List<String> METRICS = BacktestMetrics.keys().stream().filter(k -> !k.equals("buy_and_hold_return")).toList();

  private SearchOutput() {}

  public static void resultsCsv(Path file, List<Dimension> dims, SearchRun.Objective objective, List<Evaluation> ranked) throws IOException {
    AtomicFiles.DISK.write(file, w -> {
      List<String> header = new ArrayList<>(List.of("rank", "candidate"));
      for (Dimension d : dims) header.add(d.key());
      header.addAll(List.of("feasible", "error"));
      header.addAll(METRICS);
      CSVPrinter p = Csv.printer(w, header);
      for (int i = 0; i < ranked.size(); i++) {
        Evaluation e = ranked.get(i);
        List<Object> cells = new ArrayList<>();
        cells.add(i + 1);
        cells.add(e.index() + 1);
        for (Dimension d : dims) cells.add(e.values().get(d.key()));
        cells.add(objective.feasible(e));
        cells.add(e.error() == null ? "" : e.error());
        for (String k : METRICS) cells.add(e.metrics() == null ? "" : plain(e.metrics().get(k)));
        p.printRecord(cells);
      }
      p.flush();
    });
  }

  /**
   * best.json: the strategy, its parameters and the searched configuration keys as a configuration file; genome
   * fields through a folder of genomes beside it, named by {@code troupe.specialists.dir}.
   */
  public static void bestJson(Path dir, CandidateSettings candidates, Map<String, String> fixedParams, Evaluation best) throws IOException {
    Map<String, Object> tree = new java.util.LinkedHashMap<>(candidates.configTree(best.values(), fixedParams));
    boolean genomes = candidates.dims().stream().anyMatch(d -> d.target() == Dimension.Target.GENOME);
    if (genomes) {
      Path folder = dir.resolve("best-genomes");
      Files.createDirectories(folder);
      try (var old = Files.list(folder)) {
        for (Path p : old.filter(p -> p.toString().endsWith(".json")).toList()) Files.delete(p);
      }
      for (Genome g : candidates.genomes(best.values())) {
        AtomicFiles.DISK.writeString(folder.resolve(g.name() + ".json"), JSON.writeValueAsString(genomeJson(g, "chosen by troupe optimize")) + "\n");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> troupe = new java.util.LinkedHashMap<>((Map<String, Object>) tree.get("troupe"));
      troupe.put("specialists", Map.of("dir", folder.toAbsolutePath().normalize().toString()));
      tree.put("troupe", troupe);
    }
    AtomicFiles.DISK.writeString(dir.resolve("best.json"), JSON.writeValueAsString(tree) + "\n");
  }

  /**
   * Writes genomes into {@code folder} (made if missing): each replaces the JSON file there that holds a genome of its
   * name, or goes to NAME.json; other files are left alone. Returns the files written, in the genomes' order.
   */
  public static List<Path> writeGenomes(Path folder, List<Genome> genomes, String description) throws IOException {
    Files.createDirectories(folder);
    Map<String, Path> byName = new java.util.HashMap<>();
    try (var files = Files.list(folder)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          com.fasterxml.jackson.databind.JsonNode name = new ObjectMapper().readTree(p.toFile()).get("name");
          if (name != null && name.isTextual()) byName.putIfAbsent(name.asText(), p);
        } catch (IOException e) {
          throw new io.troupe.model.InvalidInputException(p + ": not a genome file (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
      }
    }
    List<Path> written = new java.util.ArrayList<>();
    for (Genome g : genomes) {
      Path file = byName.getOrDefault(g.name(), folder.resolve(g.name() + ".json"));
      AtomicFiles.DISK.writeString(file, JSON.writeValueAsString(genomeJson(g, description)) + "\n");
      written.add(file);
    }
    return written;
  }

  /** A genome as {@link io.troupe.specialist.GenomeLoader} reads it: flags as true/false. */
  static ObjectNode genomeJson(Genome g, String description) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", g.name());
    o.put("kind", g.kind().name());
    if (g.strategy() != null) o.put("strategy", g.strategy());
    o.put("description", description);
    if (g.learned() != null) {
      ObjectNode learned = o.putObject("learned");
      g.learned().features().forEach(learned.putArray("features")::add);
      learned.put("label", g.learned().label().text());
      learned.put("calibration", g.learned().calibration().text());
    }
    ObjectNode params = o.putObject("params");
    for (var e : g.params().entrySet()) {
      GenomeRanges.ParamRange r = GenomeRanges.range(g, e.getKey());
      if (r != null && r.flag()) params.put(e.getKey(), e.getValue() != 0);
      else if (e.getValue() == Math.rint(e.getValue())) params.put(e.getKey(), e.getValue().longValue());
      else params.put(e.getKey(), e.getValue());
    }
    return o;
  }

  /** search.json: what was searched, how, the best, and the overfitting statistics. */
  public static ObjectNode summary(Map<String, Object> search, SearchRun.Objective objective, SearchRun.Outcome o) {
    ObjectNode root = JSON.valueToTree(search);
    root.put("candidates", o.all().size());
    root.put("feasible", o.all().stream().filter(objective::feasible).count());
    root.put("failed", o.all().stream().filter(e -> !e.ok()).count());
    root.put("resumed", o.resumed());
    root.put("workers", o.workers());
    root.put("seconds", o.seconds());
    Evaluation best = o.best();
    if (best != null && objective.feasible(best)) {
      ObjectNode b = root.putObject("best");
      b.put("candidate", best.index() + 1);
      ObjectNode values = b.putObject("values");
      best.values().forEach(values::put);
      b.set("metrics", JSON.valueToTree(best.metrics()));
    } else {
      root.putNull("best");
    }
    if (o.deflated() != null) {
      Overfitting.Deflated d = o.deflated();
      ObjectNode n = root.putObject("deflated_sharpe");
      n.put("reference", "Bailey and Lopez de Prado (2014), The Deflated Sharpe Ratio, Journal of Portfolio Management 40(5)");
      n.put("sharpe_per_step", d.sharpe());
      n.put("expected_max_sharpe_per_step", d.expectedMax());
      n.put("trials", d.trials());
      n.put("sharpe_variance", d.sharpeVariance());
      n.put("observations", d.observations());
      put(n, "skew", d.skew());
      put(n, "kurtosis", d.kurtosis());
      put(n, "dsr", d.dsr());
    } else {
      root.putNull("deflated_sharpe");
    }
    Overfitting.Pbo p = o.pbo();
    ObjectNode pb = root.putObject("pbo");
    pb.put("reference", "Bailey, Borwein, Lopez de Prado and Zhu (2015), The Probability of Backtest Overfitting, CSCV");
    put(pb, "pbo", p.pbo());
    pb.put("combinations", p.combinations());
    pb.put("blocks", p.blocks());
    pb.put("trials", p.trials());
    return root;
  }

  private static void put(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) o.put(k, v);
    else o.putNull(k);
  }

  public static void summaryJson(Path file, ObjectNode summary) throws IOException {
    AtomicFiles.DISK.writeString(file, JSON.writeValueAsString(summary) + "\n");
  }

  /** The data of search.html: the dimensions, every candidate's values and scores, and the heat map's two keys. */
  public static ObjectNode pageData(String title, List<Dimension> dims, SearchRun.Objective objective, SearchRun.Outcome o, List<String> heatmap,
      ObjectNode summary) {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", title);
    root.put("objective", objective.metric());
    ArrayNode ds = root.putArray("dims");
    for (Dimension d : dims) {
      ObjectNode n = ds.addObject();
      n.put("key", d.key());
      boolean numeric = !d.isChoices() || d.choices().stream().allMatch(SearchOutput::isNumber);
      n.put("numeric", numeric);
      if (d.isChoices()) {
        ArrayNode c = n.putArray("choices");
        d.choices().forEach(c::add);
      }
    }
    ArrayNode cols = root.putArray("metrics");
    List<String> shown = List.of("total_return", "sharpe", "sortino", "calmar", "profit_factor", "expectancy", "max_drawdown", "trade_count", "win_rate");
    shown.forEach(cols::add);
    ArrayNode rows = root.putArray("rows");
    for (int i = 0; i < o.ranked().size(); i++) {
      Evaluation e = o.ranked().get(i);
      ObjectNode r = rows.addObject();
      r.put("rank", i + 1);
      r.put("candidate", e.index() + 1);
      r.put("feasible", objective.feasible(e));
      ArrayNode v = r.putArray("values");
      for (Dimension d : dims) v.add(e.values().get(d.key()));
      ArrayNode m = r.putArray("metrics");
      for (String k : shown) {
        Double x = e.metric(k);
        if (x == null || !Double.isFinite(x)) m.addNull();
        else m.add(x);
      }
      if (e.error() != null) r.put("error", e.error());
    }
    if (heatmap != null) {
      ArrayNode h = root.putArray("heatmap");
      heatmap.forEach(h::add);
    }
    root.set("summary", summary);
    return root;
  }

  public static void page(Path file, ObjectNode data) throws IOException {
    AtomicFiles.DISK.writeString(file, SearchPage.render(data));
  }

  static boolean isNumber(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The shortest decimal that reads back as the same double, never in exponent form; empty when undefined. */
  public static String plain(Object v) {
    if (v == null) return "";
    if (v instanceof Double d) {
      if (!Double.isFinite(d)) return "";
      return d == 0 ? "0" : new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }

  /** A metric for the terminal: 4 decimals, or n/a. */
  public static String format(Double v) {
    return v == null || !Double.isFinite(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
