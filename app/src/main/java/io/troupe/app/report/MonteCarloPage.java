package io.troupe.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * monte-carlo.html: per method, the 5/50/95% table, a histogram of each figure's distribution and a fan chart of the
 * equity paths (their 5%, 50% and 95% at each kept point). One file that opens offline: uPlot and the page's chart code
 * inlined, the data as JSON in the page.
 */
public final class MonteCarloPage {

  /** A fan chart's data: the kept points' times and the 5/50/95% equity at each, {@code bands[q][point]}. */
  public record Fan(long[] times, double[][] bands) {}

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#fafafa;color:#222}
      main{max-width:1180px;margin:0 auto;padding:18px}
      h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 8px}
      section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:12px 16px;margin:12px 0}
      table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}
      th:first-child,td:first-child{text-align:left}.muted{color:#666}
      .charts{display:flex;flex-wrap:wrap;gap:10px}.chart{flex:1 1 45%;min-width:340px}.chart h3{font-size:13px;margin:4px 0}
      """;

  private MonteCarloPage() {}

  public static void write(Path file, JsonNode summary, Map<String, Fan> fans) throws IOException {
    AtomicFiles.DISK.writeString(file, render(summary, fans));
  }

  public static String render(JsonNode summary, Map<String, Fan> fans) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode data = mapper.createObjectNode();
    data.set("summary", summary);
    ObjectNode fanNode = data.putObject("fans");
    for (var e : fans.entrySet()) {
      ObjectNode f = fanNode.putObject(e.getKey());
      ArrayNode t = f.putArray("times");
      for (long x : e.getValue().times()) t.add(x / 1000.0);
      ArrayNode b = f.putArray("bands");
      for (double[] band : e.getValue().bands()) {
        ArrayNode a = b.addArray();
        for (double v : band) a.add(v);
      }
    }
    StringBuilder h = new StringBuilder(128 * 1024);
    String title = "Monte Carlo: " + summary.path("title").asText(summary.path("run").asText());
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(HtmlReportWriter.esc(title)).append("</title>\n<style>").append(ReportAssets.UPLOT_CSS).append("</style>\n<style>")
        .append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<h1>").append(HtmlReportWriter.esc(title)).append("</h1>\n<p class=\"muted\">")
        .append(HtmlReportWriter.esc(String.format(Locale.ROOT, "%s · %d trades, %d steps · %d paths per method, seed %d · %s blocks of %s %d",
            summary.path("run").asText(), summary.path("trades").asInt(), summary.path("steps").asInt(), summary.path("iterations").asInt(),
            summary.path("seed").asLong(), summary.path("block").asText(), summary.path("block").asText().equals("fixed") ? "exactly" : "mean",
            summary.path("block_size").asInt())))
        .append("</p>\n");
    h.append("<section><h2>Intervals</h2>\n<table><tr><th>method</th><th>paths</th><th>final return 5% / 50% / 95%</th>")
        .append("<th>max drawdown 5% / 50% / 95%</th><th>longest drawdown 5% / 50% / 95%</th>");
    JsonNode methods = summary.path("methods");
    JsonNode anyLoss = methods.elements().hasNext() ? methods.elements().next().path("probability_of_losing_pct") : null;
    if (anyLoss != null) for (Iterator<String> it = anyLoss.fieldNames(); it.hasNext(); ) h.append("<th>P(lose ").append(HtmlReportWriter.esc(it.next())).append("%)</th>");
    h.append("</tr>\n");
    JsonNode obs = summary.path("observed").path("equity");
    h.append("<tr><td>the run</td><td>1</td><td>").append(pct(obs.path("final_return"))).append("</td><td>").append(pct(obs.path("max_drawdown")))
        .append("</td><td>").append(days(obs.path("longest_drawdown_seconds"))).append("</td></tr>\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = methods.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode m = e.getValue();
      h.append("<tr><td>").append(HtmlReportWriter.esc(e.getKey().replace('_', ' '))).append("</td><td>").append(m.path("paths").asInt()).append("</td><td>")
          .append(three(m.path("final_return"), false)).append("</td><td>").append(three(m.path("max_drawdown"), false)).append("</td><td>")
          .append(three(m.path("longest_drawdown_seconds"), true)).append("</td>");
      for (JsonNode p : m.path("probability_of_losing_pct")) h.append("<td>").append(pct(p)).append("</td>");
      h.append("</tr>\n");
    }
    h.append("</table>\n<p class=\"muted\">Trade shuffle: the run's trades (P&amp;L after fees) in random orders at the run's exit times; the final return")
        .append(" is the same for every order. Return bootstrap: the run's per-bar equity returns resampled in blocks and compounded.")
        .append(" Fill jitter: the run done again through the simulated exchange with more slippage and another latency.</p></section>\n");
    for (Iterator<String> it = methods.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      h.append("<section><h2>").append(HtmlReportWriter.esc(key.replace('_', ' '))).append("</h2>\n<div class=\"charts\">")
          .append("<div class=\"chart\"><h3>equity paths: 5%, 50%, 95%</h3><div id=\"fan-").append(key).append("\"></div></div>")
          .append("<div class=\"chart\"><h3>final return</h3><div id=\"hist-").append(key).append("-final_return\"></div></div>")
          .append("<div class=\"chart\"><h3>maximum drawdown</h3><div id=\"hist-").append(key).append("-max_drawdown\"></div></div>")
          .append("<div class=\"chart\"><h3>longest drawdown (days)</h3><div id=\"hist-").append(key).append("-longest_drawdown_seconds\"></div></div>")
          .append("</div></section>\n");
    }
    h.append("<footer class=\"muted\">Generated by troupe monte-carlo · all times UTC · charts by uPlot ").append(ReportAssets.UPLOT_VERSION)
        .append("</footer>\n</main>\n");
    h.append("<script type=\"application/json\" id=\"mc-data\">").append(mapper.writeValueAsString(data).replace("</", "<\\/")).append("</script>\n")
        .append("<script>").append(ReportAssets.UPLOT_JS).append("</script>\n")
        .append("<script>").append(ReportAssets.MONTE_CARLO_JS).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String three(JsonNode d, boolean asDays) {
    return asDays ? days(d.path("p5")) + " / " + days(d.path("p50")) + " / " + days(d.path("p95"))
        : pct(d.path("p5")) + " / " + pct(d.path("p50")) + " / " + pct(d.path("p95"));
  }

  private static String pct(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f%%", v.asDouble() * 100) : "n/a";
  }

  private static String days(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f d", v.asDouble() / 86400) : "n/a";
  }
}
