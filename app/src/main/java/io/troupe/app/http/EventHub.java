package io.troupe.app.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The server-sent event streams of the API's clients. The session's thread only appends each event, as the session
 * holds it, to every client's bounded buffer (never waits, never encodes, never wakes a thread); each client's stream
 * takes what its buffer holds every {@link #TICK} and sends it as one chunk. An event is encoded (JSON, then its SSE
 * lines) once, by the first stream that sends it, and its bytes are shared by every other client's. Waking the stream
 * once per event (one equity event a step, thousands a second at full speed) cost a paper session about a tenth of
 * its speed on two cores. A client too slow to keep up loses its stream, which ends after what it already holds, and
 * reconnects.
 */
final class EventHub {

  /** One event: its SSE type, what it carries, and its encoding once a stream asked for it. */
  static final class Event {
    final String type;
    final Object data;
    private ByteString encoded;

    Event(String type, Object data) {
      this.type = type;
      this.data = data;
    }

    /** The event's SSE lines; the first caller encodes them, the others (other clients' streams) share them. */
    synchronized ByteString encoded(Function<Object, String> json) {
      if (encoded == null) encoded = encode(ServerSentEvent.create(json.apply(data), type));
      return encoded;
    }
  }

  /** Events a client may fall behind by before its stream is ended. */
  static final int CLIENT_BUFFER = 4096;

  /** How often a client's stream takes its buffered events: the stream's latency, at most. */
  static final Duration TICK = Duration.ofMillis(50);

  /** One client's buffer, filled by the session's thread and drained by the client's stream. */
  private static final class Client {
    final ConcurrentLinkedQueue<Event> buffer = new ConcurrentLinkedQueue<>();
    final AtomicInteger size = new AtomicInteger();
    /** No event follows what is buffered: the session ended, or the client fell too far behind. */
    volatile boolean ended;

    boolean offer(Event e) {
      if (size.incrementAndGet() > CLIENT_BUFFER) return false;
      buffer.add(e);
      return true;
    }

    /** What is buffered; null once the stream has nothing more to send. */
    List<Event> drain() {
      boolean last = ended; // read first: an event published before the end is in the buffer by now
      List<Event> out = new ArrayList<>();
      for (Event e = buffer.poll(); e != null; e = buffer.poll()) out.add(e);
      size.addAndGet(-out.size());
      return out.isEmpty() && last ? null : out;
    }
  }

  private final CopyOnWriteArrayList<Client> clients = new CopyOnWriteArrayList<>();
  private final Function<Object, String> json;

  /** {@code json}: an event's data as JSON, called on the server's threads, once per event. */
  EventHub(Function<Object, String> json) {
    this.json = json;
  }

  boolean hasClients() {
    return !clients.isEmpty();
  }

  int clients() {
    return clients.size();
  }

  /** Offers the event to every client; {@code data} must not change afterwards (a stream encodes it later). */
  void publish(String type, Object data) {
    if (clients.isEmpty()) return;
    Event e = new Event(type, data);
    for (Client c : clients) {
      if (!c.offer(e)) end(c);
    }
  }

  /** Ends every stream (the session is over): each sends what it holds, then completes. */
  void completeAll() {
    for (Client c : clients) end(c);
  }

  private void end(Client c) {
    clients.remove(c);
    c.ended = true;
  }

  /**
   * A new client's stream: every event published from now on, in the SSE wire format, the events of one tick in one
   * element.
   */
  Source<ByteString, NotUsed> subscribe() {
    // Registered when the stream is materialized (concat starts both of its sources at once), so no event published
    // after the route's first state event is missed.
    return Source.fromMaterializer((materializer, attributes) -> {
          Client c = new Client();
          clients.add(c);
          return Source.tick(Duration.ZERO, TICK, NotUsed.getInstance())
              .map(t -> Optional.ofNullable(c.drain()))
              .takeWhile(Optional::isPresent)
              .map(Optional::get)
              .filter(batch -> !batch.isEmpty())
              .map(this::encode)
              .watchTermination((m, done) -> {
                done.whenComplete((d, failure) -> end(c));
                return NotUsed.getInstance();
              });
        })
        .mapMaterializedValue(f -> NotUsed.getInstance());
  }

  private ByteString encode(List<Event> batch) {
    if (batch.size() == 1) return batch.get(0).encoded(json);
    org.apache.pekko.util.ByteStringBuilder b = ByteString.createBuilder();
    for (Event e : batch) b.append(e.encoded(json));
    return b.result();
  }

  /** An event's lines on the wire, as Pekko's event-stream marshaller writes them. */
  static ByteString encode(ServerSentEvent event) {
    return ((org.apache.pekko.http.scaladsl.model.sse.ServerSentEvent) event).encode();
  }
}
