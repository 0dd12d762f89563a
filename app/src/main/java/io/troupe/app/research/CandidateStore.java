package io.troupe.app.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.model.InvalidInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluated candidates of a search on disk, {@code candidates.jsonl} in its folder: a first line naming the search
 * (what {@code --resume} checks it continues the same one), then one JSON line per evaluation, appended and flushed as
 * each comes in. An interrupted search leaves every finished candidate there; a last line cut short by the
 * interruption is dropped when read back.
 */
public final class CandidateStore implements AutoCloseable {

  public static final String FILE = "candidates.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;

  private CandidateStore(BufferedWriter out) {
    this.out = out;
  }

  /** A new store in {@code dir} for the search {@code signature}, replacing any earlier one. */
  public static CandidateStore create(Path dir, JsonNode signature) {
    try {
      BufferedWriter w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8);
      ObjectNode first = JSON.createObjectNode();
      first.set("search", signature);
      w.write(JSON.writeValueAsString(first));
      w.write('\n');
      w.flush();
      return new CandidateStore(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The candidates an interrupted search in {@code dir} kept, and the store to go on appending to; refused when there
   * is none, or when it belongs to another search.
   */
  public static Map.Entry<List<Evaluation>, CandidateStore> resume(Path dir, JsonNode signature) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) throw new InvalidInputException("--resume: no " + FILE + " in " + dir + " to resume from; run without --resume");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("--resume: " + file + ": cannot be read: " + e.getMessage(), e);
    }
    JsonNode head;
    try {
      head = lines.isEmpty() ? null : JSON.readTree(lines.get(0)).get("search");
    } catch (IOException e) {
      head = null;
    }
    if (head == null) throw new InvalidInputException("--resume: " + file + ":1: not a search's candidates file");
    if (!head.toString().equals(signature.toString())) {
      throw new InvalidInputException("--resume: " + file + " holds another search (" + differences(head, signature)
          + "); resume with the same options, or start afresh without --resume");
    }
    List<Evaluation> kept = new ArrayList<>();
    StringBuilder good = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 1; i < lines.size(); i++) {
      try {
        kept.add(fromJson(JSON.readTree(lines.get(i))));
        good.append(lines.get(i)).append('\n');
      } catch (IOException | RuntimeException e) {
        if (i < lines.size() - 1) throw new InvalidInputException("--resume: " + file + ":" + (i + 1) + ": not a candidate's line: " + e.getMessage());
        // the last line, cut short when the search was stopped: evaluated again
      }
    }
    try {
      Files.writeString(file, good.toString(), StandardCharsets.UTF_8);
      BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return Map.entry(kept, new CandidateStore(w));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String differences(JsonNode was, JsonNode now) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (was.get(f) == null || !now.get(f).toString().equals(was.get(f).toString())) out.add(f + " was " + (was.get(f) == null ? "absent" : was.get(f).toString()) + ", now " + now.get(f));
    }
    return out.isEmpty() ? "it differs" : String.join("; ", out);
  }

  public synchronized void append(Evaluation e) {
    try {
      out.write(JSON.writeValueAsString(toJson(e)));
      out.write('\n');
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode toJson(Evaluation e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("index", e.index());
    ObjectNode values = o.putObject("values");
    e.values().forEach(values::put);
    if (e.error() != null) {
      o.put("error", e.error());
      return o;
    }
    ObjectNode m = o.putObject("metrics");
    e.metrics().forEach((k, v) -> {
      if (v == null) m.putNull(k);
      else if (v instanceof Integer i) m.put(k, i);
      else if (v instanceof Long l) m.put(k, l);
      else if (v instanceof Double d) m.put(k, d);
      else m.put(k, String.valueOf(v));
    });
    Evaluation.ReturnStats r = e.returns();
    ObjectNode rs = o.putObject("returns");
    rs.put("count", r.count());
    number(rs, "sharpe", r.sharpe());
    number(rs, "skew", r.skew());
    number(rs, "kurtosis", r.kurtosis());
    ArrayNode blocks = rs.putArray("blocks");
    for (double[] b : r.blocks()) {
      ArrayNode a = blocks.addArray();
      for (double x : b) a.add(x);
    }
    return o;
  }

  private static void number(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) o.put(k, v);
    else o.putNull(k);
  }

  static Evaluation fromJson(JsonNode o) {
    int index = o.get("index").intValue();
    Map<String, String> values = new LinkedHashMap<>();
    o.get("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    if (o.has("error")) return new Evaluation(index, values, null, null, o.get("error").asText());
    Map<String, Object> metrics = new LinkedHashMap<>();
    o.get("metrics").fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      metrics.put(e.getKey(), v.isNull() ? null : v.isTextual() ? v.asText() : v.isInt() ? (Object) v.intValue() : v.isIntegralNumber() ? v.longValue()
          : v.doubleValue());
    });
    JsonNode r = o.get("returns");
    JsonNode blocks = r.get("blocks");
    double[][] b = new double[blocks.size()][];
    for (int i = 0; i < b.length; i++) {
      b[i] = new double[blocks.get(i).size()];
      for (int j = 0; j < b[i].length; j++) b[i][j] = blocks.get(i).get(j).doubleValue();
    }
    Evaluation.ReturnStats stats = new Evaluation.ReturnStats(r.get("count").longValue(), num(r, "sharpe"), num(r, "skew"), num(r, "kurtosis"), b);
    return new Evaluation(index, values, metrics, stats, null);
  }

  private static double num(JsonNode o, String k) {
    JsonNode v = o.get(k);
    return v == null || v.isNull() ? Double.NaN : v.doubleValue();
  }
}
