package io.troupe.app.checkpoint;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.objenesis.strategy.StdInstantiatorStrategy;

/** The build-bound Kryo codec checkpoints used before the versioned form, kept to measure against ({@link CheckpointCodecBench}).
 *
 * Turns an agent's in-memory state (its decision class, with indicators, books and ring buffers) into bytes and back,
 * field by field, with Kryo. A checkpoint is a cache that shortens recovery, not a record: its bytes are only read by
 * the build that wrote them (CodeFingerprint); after an upgrade recovery replays instead. That is why a
 * generic object-graph codec fits here, where the journal's events need Jackson's versioned, readable form.
 */
public final class KryoStateCodec {

  private KryoStateCodec() {}

  /** Where classes of decoded states come from: the app's, or a loader that also sees strategy plugins' jars. */
  private static volatile ClassLoader classes = KryoStateCodec.class.getClassLoader();

  /**
   * States may hold classes of {@code loader} too (strategy plugins loaded from jars): decode with it. Set before
   * any agent runs; threads already holding an encoder keep their own.
   */
  public static void useClassLoader(ClassLoader loader) {
    classes = loader;
    KRYO.remove();
  }

  // Kryo instances are not thread-safe and cheap to keep: one per thread.
  private static final ThreadLocal<Kryo> KRYO = ThreadLocal.withInitial(KryoStateCodec::newKryo);

  public static byte[] encode(Object state) {
    Output out = new Output(4096, -1);
    KRYO.get().writeClassAndObject(out, state);
    return out.toBytes();
  }

  /** Reads bytes written by {@link #encode} in this build; throws {@link IllegalStateException} naming what failed. */
  public static <T> T decode(byte[] bytes, Class<T> type) {
    try (Input in = new Input(bytes)) {
      Object o = KRYO.get().readClassAndObject(in);
      if (!type.isInstance(o)) throw new IllegalStateException("checkpoint holds a " + (o == null ? "null" : o.getClass().getName()) + ", not a " + type.getName());
      return type.cast(o);
    } catch (KryoException e) {
      throw new IllegalStateException("checkpoint unreadable as " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setClassLoader(classes);
    // The graph holds the project's own classes and the JDK's collections; nothing from outside is ever decoded.
    kryo.setRegistrationRequired(false);
    // Shared references stay shared (a position seen from two maps is one object after decoding).
    kryo.setReferences(true);
    // Decision classes have no no-arg constructors: build them empty, then set their fields.
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
    // Unmodifiable views hide JDK fields that Java 17 keeps closed to reflection: write their contents instead.
    kryo.addDefaultSerializer(Collections.unmodifiableList(new ArrayList<>()).getClass(),
        new ContentsSerializer<List<Object>>(c -> Collections.unmodifiableList(new ArrayList<>(c))));
    kryo.addDefaultSerializer(Collections.unmodifiableList(new java.util.LinkedList<>()).getClass(),
        new ContentsSerializer<List<Object>>(c -> Collections.unmodifiableList(new ArrayList<>(c))));
    kryo.addDefaultSerializer(Collections.unmodifiableSet(new LinkedHashSet<>()).getClass(),
        new ContentsSerializer<Set<Object>>(c -> Collections.unmodifiableSet(new LinkedHashSet<>(c))));
    kryo.addDefaultSerializer(Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
        new ContentsSerializer<Collection<Object>>(c -> Collections.unmodifiableCollection(new ArrayList<>(c))));
    kryo.addDefaultSerializer(Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(), new UnmodifiableMapSerializer());
    // An EnumMap's key type is a closed JDK field, and an empty map needs it: EnumMap's own serial form carries it.
    kryo.addDefaultSerializer(java.util.EnumMap.class, new com.esotericsoftware.kryo.serializers.JavaSerializer());
    // Two maps of the pure core that Kryo's map serializer would fill with put, which they refuse: their fields instead.
    for (String map : List.of("io.troupe.position.PositionsBySymbol", "io.troupe.risk.RiskState$EntryTimes")) {
      try {
        kryo.addDefaultSerializer(Class.forName(map), new OwnFieldsSerializer(Class.forName(map)));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return kryo;
  }

  /** A class's own fields (not its JDK superclass's, which Java 17 keeps closed), each with its class. */
  private static final class OwnFieldsSerializer extends Serializer<Object> {
    private final java.lang.reflect.Field[] fields;

    OwnFieldsSerializer(Class<?> type) {
      fields = java.util.Arrays.stream(type.getDeclaredFields()).filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
          .peek(f -> f.setAccessible(true)).toArray(java.lang.reflect.Field[]::new);
    }

    @Override
    public void write(Kryo kryo, Output output, Object o) {
      try {
        for (var f : fields) kryo.writeClassAndObject(output, f.get(o));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<? extends Object> type) {
      Object o = kryo.newInstance(type);
      kryo.reference(o);
      try {
        for (var f : fields) f.set(o, kryo.readClassAndObject(input));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      return o;
    }
  }

  /** An unmodifiable collection as its elements in iteration order, wrapped again on reading. */
  private static final class ContentsSerializer<C extends Collection<Object>> extends Serializer<C> {
    private final Function<List<Object>, C> wrap;

    ContentsSerializer(Function<List<Object>, C> wrap) {
      this.wrap = wrap;
    }

    @Override
    public void write(Kryo kryo, Output output, C collection) {
      output.writeVarInt(collection.size(), true);
      for (Object o : collection) kryo.writeClassAndObject(output, o);
    }

    @Override
    public C read(Kryo kryo, Input input, Class<? extends C> type) {
      int n = input.readVarInt(true);
      List<Object> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) items.add(kryo.readClassAndObject(input));
      return wrap.apply(items);
    }
  }

  /** An unmodifiable map as its entries in iteration order (kept on reading). */
  private static final class UnmodifiableMapSerializer extends Serializer<Map<Object, Object>> {
    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
      output.writeVarInt(map.size(), true);
      for (var e : map.entrySet()) {
        kryo.writeClassAndObject(output, e.getKey());
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    @Override
    public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
      int n = input.readVarInt(true);
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
      return Collections.unmodifiableMap(map);
    }
  }
}
