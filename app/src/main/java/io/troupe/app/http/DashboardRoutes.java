package io.troupe.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard: one page at {@code /} and its assets under {@code /assets/}, all read from the classpath once, at
 * start (a missing file fails the start, not a page load). The page holds no data and no secret, so it is served
 * without a token; everything it shows it reads from the API with the token its user signs in with. Only the files
 * listed here are served: a path names an entry of a fixed map, never a file or a resource.
 */
final class DashboardRoutes extends AllDirectives {

  /** The uPlot webjar's version, as app/pom.xml pins it (uplot.version); the jar keeps its files under it. */
  static final String UPLOT_VERSION = "1.6.30";

  private static final String OWN = "io/troupe/app/http/dashboard/";
  private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

  /**
   * The page loads scripts, styles and data from this server alone: no inline script, no other origin, no framing.
   * uPlot sets styles through the DOM (allowed), never in markup.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private record Asset(ContentType type, byte[] bytes) {}

  private final Asset page;
  private final Map<String, Asset> assets = new LinkedHashMap<>();
  private final List<HttpHeader> headers = List.of(
      RawHeader.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      // A new build's page and scripts show at the next load.
      RawHeader.create("Cache-Control", "no-cache"));

  DashboardRoutes() {
    ContentType js = MediaTypes.APPLICATION_JAVASCRIPT.toContentType(HttpCharsets.UTF_8);
    ContentType css = MediaTypes.TEXT_CSS.toContentType(HttpCharsets.UTF_8);
    page = new Asset(ContentTypes.TEXT_HTML_UTF8, read(OWN + "index.html"));
    assets.put("dashboard.js", new Asset(js, read(OWN + "dashboard.js")));
    assets.put("dashboard.css", new Asset(css, read(OWN + "dashboard.css")));
    assets.put("favicon.svg", new Asset(MediaTypes.IMAGE_SVG_XML.toContentType(), read(OWN + "favicon.svg")));
    assets.put("uplot/uPlot.iife.min.js", new Asset(js, read(UPLOT + "uPlot.iife.min.js")));
    assets.put("uplot/uPlot.min.css", new Asset(css, read(UPLOT + "uPlot.min.css")));
  }

  Route routes() {
    return get(() -> concat(
        pathSingleSlash(() -> complete(serve(page))),
        pathPrefix("assets", () -> path(PathMatchers.remaining(), name -> {
          Asset a = assets.get(name);
          return a != null ? complete(serve(a)) : complete(ApiRoutes.json(404, ApiJson.error("no asset '" + name + "'")));
        }))));
  }

  private HttpResponse serve(Asset a) {
    return HttpResponse.create().withEntity(a.type(), a.bytes()).addHeaders(headers);
  }

  private static byte[] read(String resource) {
    try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("the dashboard's " + resource + " is missing from the build");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the dashboard's " + resource + ": " + e.getMessage(), e);
    }
  }
}
