package io.troupe.app.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook for tests, on a free localhost port: it records every POST (path, alert id header, body) and answers 503
 * to the first {@link #failFirst} of them, 200 after (or 503 to all while {@link #refuseAll} is set).
 */
final class WebhookReceiver implements AutoCloseable {

  record Request(String path, String alertId, String body, int answered) {}

  private final HttpServer server;
  final List<Request> all = new CopyOnWriteArrayList<>();
  /** Only the requests answered 200, as they come. */
  final BlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
  final AtomicInteger failFirst = new AtomicInteger();
  volatile boolean refuseAll;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = refuseAll || failFirst.getAndDecrement() > 0 ? 503 : 200;
      Request r = new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Troupe-Alert-Id"), body, status);
      all.add(r);
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      if (status == 200) delivered.add(r);
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
