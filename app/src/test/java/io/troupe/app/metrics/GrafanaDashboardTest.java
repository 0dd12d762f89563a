package io.troupe.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/grafana-dashboard.json reads back as JSON, each panel queries the Prometheus data source, and every metric its
 * expressions name is one a session's registry exposes (PrometheusScrapeTest has a real Prometheus parse them all).
 */
class GrafanaDashboardTest {

  static final Path DASHBOARD = Path.of("..", "docs", "grafana-dashboard.json").toAbsolutePath().normalize();
  static final Pattern METRIC = Pattern.compile("\\b((?:troupe|jvm|process|system)_[a-z0-9_]+)\\b");

  /** Every PromQL expression of the dashboard: its panels' targets and its template variables' queries. */
  static List<String> expressions() throws Exception {
    JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode p : d.get("panels")) for (JsonNode t : p.get("targets")) out.add(t.get("expr").asText());
    for (JsonNode v : d.get("templating").get("list")) out.add(v.get("query").get("query").asText());
    return out;
  }

  static Set<String> metricsNamed(List<String> expressions) {
    Set<String> names = new TreeSet<>();
    for (String e : expressions) {
      Matcher m = METRIC.matcher(e);
      while (m.find()) names.add(m.group(1));
    }
    return names;
  }

  @Test
  void everyPanelQueriesPrometheusAndHasAPlace() throws Exception {
    JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertEquals("troupe-paper-session", d.get("uid").asText());
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode p : d.get("panels")) {
      String title = p.get("title").asText();
      assertTrue(ids.add(p.get("id").asInt()), "panel ids are unique: " + title);
      assertEquals("prometheus", p.get("datasource").get("type").asText(), title);
      assertTrue(p.get("gridPos").get("w").asInt() > 0 && p.get("gridPos").get("h").asInt() > 0, title);
      assertFalse(p.get("targets").isEmpty(), title);
      for (JsonNode t : p.get("targets")) assertTrue(t.get("expr").asText().contains("session=~\"$session\""), title + ": filtered by session");
    }
  }

  @Test
  void everyMetricTheDashboardNamesIsOneTheRegistryExposes(@TempDir Path dir) throws Exception {
    // A session that trades into vetoes, so the registry has them too (they appear with their first reason).
    SessionMetricsTest.Run run = SessionMetricsTest.run(dir, Map.of("troupe.risk.max-position-pct", 1));
    Set<String> exposed = new TreeSet<>();
    for (String line : run.lastScrape().split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      int end = line.indexOf('{') > 0 ? line.indexOf('{') : line.indexOf(' ');
      exposed.add(line.substring(0, end));
    }
    Set<String> named = metricsNamed(expressions());
    assertTrue(named.size() >= 18, named.toString());
    Set<String> missing = new TreeSet<>(named);
    missing.removeAll(exposed);
    assertEquals(Set.of(), missing, "named by the dashboard but not exposed; exposed: " + exposed);
  }
}
