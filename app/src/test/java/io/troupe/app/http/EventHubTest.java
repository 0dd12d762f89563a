package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The event streams of the API's clients: each client gets every event published while it listens, in order, in the
 * SSE wire format; an event is encoded once however many clients read it, and not at all while nobody listens.
 */
class EventHubTest {

  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  /** An event as a client parses it off the wire. */
  record Received(String type, String data) {}

  @Test
  void twoClientsGetEveryEventInOrderEachEncodedOnce() throws Exception {
    AtomicInteger encoded = new AtomicInteger();
    Function<Object, String> json = data -> {
      encoded.incrementAndGet();
      return "{\"n\":" + data + "}";
    };
    EventHub hub = new EventHub(json);
    CompletionStage<List<ByteString>> first = hub.subscribe().runWith(Sink.seq(), KIT.system());
    CompletionStage<List<ByteString>> second = hub.subscribe().runWith(Sink.seq(), KIT.system());
    KIT.createTestProbe().awaitAssert(() -> {
      assertEquals(2, hub.clients());
      return null;
    });
    int events = 1000;
    for (int i = 0; i < events; i++) hub.publish(i % 10 == 0 ? "fill" : "equity", i);
    hub.completeAll();

    String a = text(first.toCompletableFuture().get(30, TimeUnit.SECONDS));
    String b = text(second.toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(a, b, "both clients got the same bytes");
    List<Received> got = parse(a);
    assertEquals(events, got.size());
    for (int i = 0; i < events; i++) assertEquals(new Received(i % 10 == 0 ? "fill" : "equity", "{\"n\":" + i + "}"), got.get(i));
    assertEquals(events, encoded.get(), "each event encoded once, not once per client");
    assertEquals(0, hub.clients());
  }

  @Test
  void nothingIsEncodedWhileNobodyListensAndALateClientGetsOnlyWhatFollows() throws Exception {
    AtomicInteger encoded = new AtomicInteger();
    EventHub hub = new EventHub(data -> {
      encoded.incrementAndGet();
      return "\"" + data + "\"";
    });
    for (int i = 0; i < 100; i++) hub.publish("equity", "before-" + i);
    assertEquals(0, encoded.get());

    CompletionStage<List<ByteString>> late = hub.subscribe().runWith(Sink.seq(), KIT.system());
    KIT.createTestProbe().awaitAssert(() -> {
      assertEquals(1, hub.clients());
      return null;
    });
    hub.publish("state", "after");
    hub.completeAll();
    assertEquals(List.of(new Received("state", "\"after\"")), parse(text(late.toCompletableFuture().get(30, TimeUnit.SECONDS))));
    assertEquals(1, encoded.get());
  }

  @Test
  void aClientTooFarBehindLosesItsStreamAfterWhatItHolds() throws Exception {
    EventHub hub = new EventHub(String::valueOf);
    CompletionStage<List<ByteString>> slow = hub.subscribe().runWith(Sink.seq(), KIT.system());
    KIT.createTestProbe().awaitAssert(() -> {
      assertEquals(1, hub.clients());
      return null;
    });
    // Published faster than a tick drains: more than the buffer holds ends the stream (the client reconnects).
    int published = 0;
    while (hub.hasClients()) hub.publish("equity", published++);
    List<Received> got = parse(text(slow.toCompletableFuture().get(30, TimeUnit.SECONDS)));
    // What it got is a gapless run from the first event: the events buffered before it fell behind, none lost between.
    for (int i = 0; i < got.size(); i++) assertEquals(String.valueOf(i), got.get(i).data());
    assertTrue(got.size() < published, got.size() + " of " + published);
  }

  private static String text(List<ByteString> chunks) {
    StringBuilder b = new StringBuilder();
    for (ByteString c : chunks) b.append(c.utf8String());
    return b.toString();
  }

  /** The events of an SSE stream: blocks apart by a blank line, each an {@code event:} and a {@code data:} line. */
  static List<Received> parse(String stream) {
    List<Received> out = new ArrayList<>();
    for (String block : stream.split("\n\n")) {
      if (block.isBlank()) continue;
      String type = "message";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) type = line.substring("event:".length()).strip();
        else if (line.startsWith("data:")) data.append(line.substring("data:".length()).strip());
      }
      out.add(new Received(type, data.toString()));
    }
    return out;
  }
}
