package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonWriterTest {

  @TempDir Path dir;

  static BacktestReport report(Instant startedAt, double wallClock, Map<String, Object> extra) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("capital", 100.0);
    config.put("threshold", Double.NaN); // JSON has no NaN: must come out as null
    List<Map<String, Object>> spans = List.of(Map.of("symbol", "BTCUSDT"));
    return new BacktestReport("t", BacktestMetricsTest.EQUITY, BacktestMetricsTest.TRADES, List.of(), null, null,
        100, 7.5, config, spans, extra, "note", startedAt, wallClock, null, null, null);
  }

  @Test
  void keysInFixedOrderWithRunLast() throws Exception {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("vetoes_by_reason", Map.of("max_position", 3));
    extra.put("exits_by_reason", Map.of("stop", 2));
    JsonNode root = new ObjectMapper().readTree(
        SummaryJsonWriter.toJson(report(Instant.parse("2024-01-01T00:00:00Z"), 1.5, extra), metrics()));
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    List<String> expected = new ArrayList<>();
    expected.add("title");
    expected.addAll(BacktestMetrics.keys());
    expected.addAll(List.of("fill_mode_note", "config", "data", "vetoes_by_reason", "exits_by_reason", "run"));
    assertEquals(expected, keys);
    assertEquals("2024-01-01T00:00:00Z", root.get("run").get("started_at").asText());
    assertEquals(1.5, root.get("run").get("wall_clock_seconds").asDouble());
    assertTrue(root.get("config").get("threshold").isNull());
    assertEquals(0.21, root.get("total_return").asDouble(), 1e-12);
    assertEquals("PT48H", root.get("max_drawdown_duration").asText());
    assertEquals(3, root.get("vetoes_by_reason").get("max_position").asInt());
  }

  @Test
  void doublesPrintAsJavaPrintsThem() throws Exception {
    String json = SummaryJsonWriter.toJson(report(null, 0, null), metrics());
    // 50/30 prints with Double.toString's shortest round-trip digits
    assertTrue(json.contains("\"profit_factor\" : " + Double.toString(50.0 / 30.0) + ","), json);
    assertFalse(json.contains("NaN"));
    assertFalse(json.contains("Infinity"));
  }

  @Test
  void twoWritesDifferOnlyInTheRunObject() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    SummaryJsonWriter.write(a, report(Instant.parse("2024-01-01T00:00:00Z"), 1.5, null), metrics());
    SummaryJsonWriter.write(b, report(Instant.parse("2024-06-01T10:00:00Z"), 9.25, null), metrics());
    byte[] ba = Files.readAllBytes(a);
    byte[] bb = Files.readAllBytes(b);
    assertNotEquals(new String(ba), new String(bb));
    ObjectMapper json = new ObjectMapper();
    ObjectNode ra = (ObjectNode) json.readTree(ba);
    ObjectNode rb = (ObjectNode) json.readTree(bb);
    ra.remove("run");
    rb.remove("run");
    assertEquals(ra, rb);
    // byte-identical once the run object's lines are dropped
    assertEquals(withoutRun(new String(ba)), withoutRun(new String(bb)));
  }

  @Test
  void noNaNOrInfinityForEdgeCases() throws Exception {
    BacktestReport r = new BacktestReport("t", List.of(), List.of(), List.of(), null, null, 100, 0, null, null, null,
        null, null, Double.NaN, null, null, null);
    String json = SummaryJsonWriter.toJson(r, r.metrics());
    assertFalse(json.contains("NaN"), json);
    assertFalse(json.contains("Infinity"), json);
    new ObjectMapper().readTree(json); // valid JSON
  }

  @Test
  void extraSectionMayNotOverwriteASummaryKey() {
    assertThrows(IllegalArgumentException.class,
        () -> SummaryJsonWriter.toMap(report(null, 0, Map.of("sharpe", 1)), metrics()));
    assertThrows(IllegalArgumentException.class,
        () -> SummaryJsonWriter.toMap(report(null, 0, Map.of("run", 1)), metrics()));
  }

  static BacktestMetrics metrics() {
    return BacktestMetrics.compute(BacktestMetricsTest.EQUITY, BacktestMetricsTest.TRADES, 100, 7.5);
  }

  static String withoutRun(String json) {
    int i = json.indexOf("\"run\"");
    return json.substring(0, i);
  }

}
