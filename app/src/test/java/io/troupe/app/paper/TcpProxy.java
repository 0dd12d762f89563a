package io.troupe.app.paper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free localhost port in front of a server, for tests that lose the connection: {@link #cut()}
 * closes every connection through it and closes each new one at once (as a server going down does), counting them;
 * {@link #restore()} forwards again.
 */
final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile boolean cut;

  private TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** A proxy to {@code host:port}, listening on 127.0.0.1 at {@link #port()}. */
  static TcpProxy to(String host, int port) throws IOException {
    return new TcpProxy(new InetSocketAddress(host, port));
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections closed at once since the last {@link #cut()}: each is a try of the client's to get back. */
  int refused() {
    return refused.get();
  }

  /** Drops every connection through the proxy, and every new one from now on. */
  synchronized void cut() {
    refused.set(0);
    cut = true;
    for (Socket s : open) closeQuietly(s);
    open.clear();
  }

  synchronized void restore() {
    cut = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      synchronized (this) { // not while cut() closes what is open
        if (cut) {
          refused.incrementAndGet();
          closeQuietly(client);
          continue;
        }
        try {
          Socket upstream = new Socket();
          upstream.connect(target, 5000);
          open.add(client);
          open.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          closeQuietly(client);
        }
      }
    }
  }

  /** Copies {@code from} to {@code to} until either ends, then closes both. */
  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // one side closed, or the proxy cut it
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }
}
