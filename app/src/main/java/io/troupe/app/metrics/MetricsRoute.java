package io.troupe.app.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics}: a session's metrics in the Prometheus text format, for a server to mount beside its other routes. */
public final class MetricsRoute {

  /** The Prometheus text exposition format, version 0.0.4: what every Prometheus server scrapes. */
  public static final ContentType.NonBinary CONTENT_TYPE = (ContentType.NonBinary) ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private MetricsRoute() {}

  public static Route route(SessionMetrics metrics) {
    return path("metrics", () -> get(() -> completeWithFuture(
        metrics.scrape().thenApply(text -> HttpResponse.create().withEntity(HttpEntities.create(CONTENT_TYPE, text))))));
  }
}
