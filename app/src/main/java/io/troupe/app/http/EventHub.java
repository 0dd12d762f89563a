package io.troupe.app.http;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The server-sent event streams of the API's clients. The session's thread only offers each event to every client's
 * bounded queue (never waits, never encodes: the client's own stream turns it into JSON); a client too slow to keep
 * up loses its stream, which ends, and reconnects.
 */
final class EventHub {

  /** One event: its SSE type and what it carries (encoded as JSON on the client's stream). */
  record Event(String type, Object data) {}

  /** Events a client may fall behind by before its stream is ended. */
  static final int CLIENT_BUFFER = 4096;

  private final CopyOnWriteArrayList<BoundedSourceQueue<Event>> clients = new CopyOnWriteArrayList<>();
  private final Function<Object, String> json;

  EventHub(Function<Object, String> json) {
    this.json = json;
  }

  boolean hasClients() {
    return !clients.isEmpty();
  }

  int clients() {
    return clients.size();
  }

  void publish(String type, Object data) {
    if (clients.isEmpty()) return;
    Event e = new Event(type, data);
    for (BoundedSourceQueue<Event> q : clients) {
      QueueOfferResult r = q.offer(e);
      if (r != QueueOfferResult.enqueued()) {
        clients.remove(q);
        if (!q.isCompleted()) q.complete();
      }
    }
  }

  /** Ends every stream (the session is over). */
  void completeAll() {
    for (BoundedSourceQueue<Event> q : clients) {
      clients.remove(q);
      if (!q.isCompleted()) q.complete();
    }
  }

  /** A new client's stream: every event published from now on, as server-sent events. */
  Source<ServerSentEvent, NotUsed> subscribe() {
    return Source.<Event>queue(CLIENT_BUFFER)
        .mapMaterializedValue(q -> {
          clients.add(q);
          return q;
        })
        .watchTermination((q, done) -> {
          done.whenComplete((d, failure) -> clients.remove(q));
          return NotUsed.getInstance();
        })
        .map(e -> ServerSentEvent.create(json.apply(e.data()), e.type()));
  }
}
