package io.troupe.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The versioned form: what it keeps (sharing, cycles, exact doubles, the JDK's collections) and how it fails. */
class StateCodecTest {

  /** A decision class as the agents have them: no no-arg constructor, final and mutable fields, interfaces declared. */
  static final class Book {
    final String name;
    final Map<String, Position> bySymbol = new LinkedHashMap<>();
    final List<Position> open = new ArrayList<>();
    double last = Double.NaN;
    double[] ring = {1.0, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, 0.1 + 0.2, Double.NEGATIVE_INFINITY};
    float[] weights = {0.1f, Float.NaN, 3.4028235e38f};
    long[] times = {Long.MIN_VALUE, Long.MAX_VALUE};
    byte[] model = "model bytes".getBytes(StandardCharsets.UTF_8);
    Object anything;
    Book self;
    Side side = Side.SELL;
    Map<Side, Integer> counts = new EnumMap<>(Side.class);
    EnumMap<Side, Double> empty = new EnumMap<>(Side.class);
    Set<Side> sides = EnumSet.of(Side.BUY);
    Map<Long, List<Double>> sorted = new TreeMap<>(Collections.reverseOrder());
    List<Object> fixed = List.of("a", 1L, 2.5, 2.0, 1e20, -1e-7, Optional.of(3), Map.entry("k", 'c'));
    ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(3, 1, 2));
    Position record;
    int version = 1;

    Book(String name) {
      this.name = name;
    }
  }

  /** A mutable class the book reaches twice. */
  static final class Position {
    final String symbol;
    double quantity;
    Book owner;

    Position(String symbol, double quantity) {
      this.symbol = symbol;
      this.quantity = quantity;
    }
  }

  record Fill(String id, double price, Side side, List<Double> legs) {}

  @Test
  void sharedObjectsCyclesAndExactDoublesComeBack() {
    Book b = new Book("b");
    Position p = new Position("BTC", 0.1 + 0.7);
    p.owner = b;
    b.bySymbol.put("BTC", p);
    b.open.add(p);
    b.self = b;
    b.anything = new Fill("f-1", 1e-300, Side.BUY, List.of(Double.NaN, 2.0));
    b.counts.put(Side.BUY, 3);
    b.sorted.put(1L, new ArrayList<>(List.of(1.5)));
    b.sorted.put(2L, List.of());
    b.record = p;

    Book r = StateCodec.decode(StateCodec.encode(b), Book.class);
    assertSame(r.bySymbol.get("BTC"), r.open.get(0), "an object reachable from two places is one object");
    assertSame(r.bySymbol.get("BTC"), r.record);
    assertSame(r, r.self);
    assertSame(r, r.open.get(0).owner, "a cycle through a list and back");
    assertEquals(0.1 + 0.7, r.open.get(0).quantity);
    assertTrue(Double.isNaN(r.last));
    for (int i = 0; i < b.ring.length; i++) assertEquals(Double.doubleToRawLongBits(b.ring[i]), Double.doubleToRawLongBits(r.ring[i]), "ring[" + i + "]");
    assertArrayEquals(b.weights, r.weights);
    assertArrayEquals(b.times, r.times);
    assertArrayEquals(b.model, r.model);
    Fill f = (Fill) r.anything;
    assertEquals(1e-300, f.price());
    assertTrue(Double.isNaN(f.legs().get(0)));
    assertEquals(Side.SELL, r.side);
    assertEquals(Map.of(Side.BUY, 3), r.counts);
    assertTrue(r.counts instanceof EnumMap);
    r.empty.put(Side.SELL, 1.0); // the empty EnumMap came back with its key type
    assertEquals(EnumSet.of(Side.BUY), r.sides);
    assertEquals(List.of(2L, 1L), new ArrayList<>(r.sorted.keySet()), "the comparator of a sorted map is kept");
    assertEquals(b.fixed, r.fixed);
    assertThrows(UnsupportedOperationException.class, () -> r.fixed.add("x"), "an immutable list stays immutable");
    assertEquals(List.of(3, 1, 2), new ArrayList<>(r.deque));
  }

  @Test
  void theDocumentSaysItsFormatAndIsJson() {
    String json = new String(StateCodec.encode(new Position("ETH", 2)), StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"format\":" + StateCodec.FORMAT + ",\"state\":{\"@c\":\"" + Position.class.getName() + "\""), json);
  }

  @Test
  void aFieldMissingInTheDataKeepsTheClassDefault() {
    String json = new String(StateCodec.encode(new Position("ETH", 2)), StandardCharsets.UTF_8);
    Position p = StateCodec.decode(json.replace("\"quantity\":2.0,", "").getBytes(StandardCharsets.UTF_8), Position.class);
    assertEquals("ETH", p.symbol);
    assertEquals(0.0, p.quantity, "no constructor ran (none without arguments): the JVM's default");
    assertNull(p.owner);
  }

  @Test
  void failuresNameTheClassAndFieldAndWhere() {
    Book b = new Book("b");
    b.open.add(new Position("BTC", 1)); // written without its class: the list's declared element class
    b.anything = new Position("ETH", 2); // written with it
    String json = new String(StateCodec.encode(b), StandardCharsets.UTF_8);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> StateCodec.decode(json.replace("\"quantity\":", "\"qty\":").getBytes(StandardCharsets.UTF_8), Book.class));
    assertTrue(e.getMessage().contains("field 'qty' of " + Position.class.getName() + ", which this build's Position does not have"), e.getMessage());
    assertTrue(e.getMessage().contains("(at state.open[0])"), e.getMessage());

    e = assertThrows(IllegalStateException.class,
        () -> StateCodec.decode(json.replace(Position.class.getName(), "io.troupe.Gone").getBytes(StandardCharsets.UTF_8), Book.class));
    assertTrue(e.getMessage().contains("names class io.troupe.Gone, which this build does not have"), e.getMessage());
    assertTrue(e.getMessage().contains("(at state.anything)"), e.getMessage());

    e = assertThrows(IllegalStateException.class,
        () -> StateCodec.decode(json.replace("\"version\":1", "\"version\":\"one\"").getBytes(StandardCharsets.UTF_8), Book.class));
    assertTrue(e.getMessage().contains("where a int belongs") && e.getMessage().contains("state.version"), e.getMessage());

    e = assertThrows(IllegalStateException.class,
        () -> StateCodec.decode(json.replace("\"side\":\"SELL\"", "\"side\":\"SIDEWAYS\"").getBytes(StandardCharsets.UTF_8), Book.class));
    assertTrue(e.getMessage().contains("io.troupe.model.Side.SIDEWAYS, which this build's Side does not have"), e.getMessage());

    e = assertThrows(IllegalStateException.class,
        () -> StateCodec.decode(json.replace("{\"format\":" + StateCodec.FORMAT, "{\"format\":99").getBytes(StandardCharsets.UTF_8), Book.class));
    assertTrue(e.getMessage().contains("checkpoint is in format 99, this build reads format " + StateCodec.FORMAT), e.getMessage());

    e = assertThrows(IllegalStateException.class, () -> StateCodec.decode(new byte[] {1, 2, 3}, Book.class));
    assertTrue(e.getMessage().contains("not in the versioned form"), e.getMessage());
  }

  @Test
  void aLambdaIsRefusedWhenWritten() {
    Book b = new Book("b");
    b.anything = (Runnable) () -> { };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> StateCodec.encode(b));
    assertTrue(e.getMessage().contains("a lambda") && e.getMessage().contains("(at state.anything)"), e.getMessage());
  }

  static final class Link {
    Link next;
    int n;
  }

  /** The thread's stack is the limit of a graph's depth (as it was with Kryo), not Jackson's guard of 1,000 levels. */
  @Test
  void aGraphNestedDeeperThanJacksonsDefaultGuardComesBack() throws Exception {
    Link head = new Link();
    Link l = head;
    for (int i = 1; i < 1_500; i++) {
      l.next = new Link();
      l = l.next;
      l.n = i;
    }
    l.next = head;
    Link[] read = new Link[1];
    Throwable[] failed = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        read[0] = StateCodec.decode(StateCodec.encode(head), Link.class);
      } catch (Throwable e) {
        failed[0] = e;
      }
    }, "deep", 64L << 20);
    t.start();
    t.join();
    if (failed[0] != null) throw new AssertionError(failed[0]);
    Link at = read[0];
    for (int i = 0; i < 1_499; i++) at = at.next;
    assertEquals(1_499, at.n);
    assertSame(read[0], at.next, "the ring closes on the first link");
  }

  @Test
  void plainMapsAndSetsKeepTheirEntries() {
    Map<Object, Object> m = new HashMap<>();
    m.put(Side.BUY, Set.of("x"));
    m.put(7, null);
    m.put(new Fill("k", 1, Side.SELL, List.of()), 2.0f);
    assertEquals(m, StateCodec.decode(StateCodec.encode(m), Map.class));
  }
}
