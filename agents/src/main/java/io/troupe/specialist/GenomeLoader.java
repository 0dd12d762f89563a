package io.troupe.specialist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.model.InvalidInputException;
import io.troupe.regime.Regime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads specialist genomes from JSON files ({@code config/specialists/*.json}), one genome per file:
 * <pre>{"name": "trending-default", "kind": "TRENDING", "description": "...", "params": {"min_adx": 25, ...}}</pre>
 * or, to run a strategy by name (built in or from a plugin) as the regime's specialist:
 * <pre>{"name": "donchian-crisis", "kind": "CRISIS", "strategy": "donchian-trend", "params": {"position_pct": 2, "entry": 30}}</pre>
 * {@code description} is optional; a flag parameter is {@code true}/{@code false}. An unknown, missing, mistyped or
 * out-of-range field is an {@link InvalidInputException} naming the file, the genome and the field.
 */
public final class GenomeLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP_LEVEL = Set.of("name", "kind", "strategy", "learned", "description", "params");

  private GenomeLoader() {}

  /**
   * Every {@code *.json} file of the folder, in file-name order; two genomes with one name are an error, and so are a
   * missing folder and a folder without genomes (a desk without specialists would never decide).
   */
  public static List<Genome> loadAll(Path dir) {
    if (!Files.exists(dir)) throw new InvalidInputException(dir + ": no such folder of specialist genomes");
    if (!Files.isDirectory(dir)) throw new InvalidInputException(dir + ": is not a folder of specialist genomes");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(dir + ": cannot list genomes: " + e.getMessage(), e);
    }
    if (files.isEmpty()) throw new InvalidInputException(dir + ": no specialist genomes (*.json files) in the folder");
    List<Genome> out = new ArrayList<>();
    Map<String, Path> seen = new LinkedHashMap<>();
    for (Path f : files) {
      Genome g = load(f);
      Path before = seen.put(g.name(), f);
      if (before != null) throw new InvalidInputException(f + ": genome '" + g.name() + "' is already defined in " + before);
      out.add(g);
    }
    return out;
  }

  private static final Set<String> LEARNED_FIELDS = Set.of("features", "label", "calibration");

  /** {@code "learned": {"features": ["rsi(14)", "return(5)", ...], "label": "triple-barrier", "calibration": "isotonic"}}. */
  private static io.troupe.learned.LearnedSpec learnedSpec(JsonNode node) {
    if (!node.isObject()) throw new InvalidInputException("field 'learned' must be an object with " + LEARNED_FIELDS.stream().sorted().toList());
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!LEARNED_FIELDS.contains(f)) throw new InvalidInputException("unknown field 'learned." + f + "'; it has " + LEARNED_FIELDS.stream().sorted().toList());
    }
    JsonNode fs = node.get("features");
    if (fs == null || !fs.isArray()) throw new InvalidInputException("field 'learned.features' must be a list of feature names");
    List<String> features = new ArrayList<>();
    for (JsonNode f : fs) {
      if (!f.isTextual()) throw new InvalidInputException("field 'learned.features' must hold names (strings), got " + f);
      features.add(f.asText());
    }
    String label = node.path("label").isTextual() ? node.get("label").asText() : "forward-return";
    String calibration = node.path("calibration").isTextual() ? node.get("calibration").asText() : "isotonic";
    if (node.has("label") && !node.get("label").isTextual()) throw new InvalidInputException("field 'learned.label' must be forward-return or triple-barrier");
    if (node.has("calibration") && !node.get("calibration").isTextual()) throw new InvalidInputException("field 'learned.calibration' must be isotonic or platt");
    return new io.troupe.learned.LearnedSpec(features, io.troupe.learned.LearnedSpec.label(label), io.troupe.learned.LearnedSpec.calibration(calibration));
  }

  public static Genome load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read genome: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses one genome; {@code label} (the file name) prefixes every error message. */
  public static Genome parse(String json, String label) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(label + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) throw new InvalidInputException(label + ": a genome must be a JSON object");
    String name = root.path("name").isTextual() ? root.get("name").asText() : null;
    String who = label + ": genome '" + (name == null ? "?" : name) + "'";
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP_LEVEL.contains(f)) throw new InvalidInputException(who + ": unknown field '" + f + "'; a genome has " + TOP_LEVEL.stream().sorted().toList());
    }
    if (name == null || name.isBlank()) throw new InvalidInputException(who + ": missing field 'name' (a non-empty string)");
    if (!root.path("kind").isTextual()) throw new InvalidInputException(who + ": missing field 'kind' (one of " + List.of(Regime.values()) + ")");
    Regime kind;
    try {
      kind = Regime.valueOf(root.get("kind").asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(who + ": field 'kind' must be one of " + List.of(Regime.values()) + ", got " + root.get("kind").asText());
    }
    String strategy = null;
    if (root.has("strategy")) {
      if (!root.get("strategy").isTextual() || root.get("strategy").asText().isBlank()) {
        throw new InvalidInputException(who + ": field 'strategy' must be a strategy's name (troupe list strategies), got " + root.get("strategy"));
      }
      strategy = root.get("strategy").asText();
    }
    io.troupe.learned.LearnedSpec learned = null;
    if (root.has("learned")) {
      try {
        learned = learnedSpec(root.get("learned"));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(who + ": " + e.getMessage(), e);
      }
    }
    JsonNode params = root.get("params");
    if (params == null || !params.isObject()) throw new InvalidInputException(who + ": missing field 'params' (an object)");
    Map<String, Double> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      GenomeRanges.ParamRange range = strategy != null ? null
          : learned != null ? GenomeRanges.LEARNED_GENOME.stream().filter(r -> r.key().equals(e.getKey())).findFirst().orElse(null)
          : GenomeRanges.range(kind, e.getKey());
      JsonNode v = e.getValue();
      if (range != null && range.flag()) {
        if (!v.isBoolean()) throw new InvalidInputException(who + ": field 'params." + e.getKey() + "' must be true or false, got " + v);
        values.put(e.getKey(), v.asBoolean() ? 1.0 : 0.0);
      } else if (v.isNumber()) {
        values.put(e.getKey(), v.asDouble());
      } else if (range != null || strategy != null || learned != null) {
        throw new InvalidInputException(who + ": field 'params." + e.getKey() + "' must be a number, got " + v);
      } else {
        values.put(e.getKey(), Double.NaN); // unknown: reported by the range check with the list of known fields
      }
    }
    try {
      return new Genome(name, kind, values, strategy, learned);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(label + ": " + e.getMessage(), e);
    }
  }
}
