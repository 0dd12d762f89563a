package io.troupe.app.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The script and stylesheet report.html inlines, read once from the classpath: uPlot (npm's {@code uplot}, packaged
 * as a webjar) and the page's own chart code. Inlined, so the page is one file that opens offline.
 */
public final class ReportAssets {

  public static final String UPLOT_VERSION = "1.6.30";
  private static final String UPLOT_DIR = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

  public static final String UPLOT_JS = read(UPLOT_DIR + "uPlot.iife.min.js");
  public static final String UPLOT_CSS = read(UPLOT_DIR + "uPlot.min.css");
  static final String REPORT_JS = read("io/troupe/app/report/report.js");
  static final String MONTE_CARLO_JS = read("io/troupe/app/report/monte-carlo.js");

  private ReportAssets() {}

  /** A text resource of the classpath, checked to be safe to inline in a script or style element. */
  public static String read(String resource) {
    try (InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing from the classpath: " + resource + " (the report's charting library)");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Inside a <script> element only "</script" could end it early; neither file holds it, and this keeps it so.
      if (text.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
        throw new IllegalStateException(resource + " holds '</script' and cannot be inlined");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
