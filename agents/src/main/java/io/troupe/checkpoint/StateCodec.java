package io.troupe.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.objenesis.Objenesis;
import org.objenesis.ObjenesisStd;

/**
 * Turns an agent's in-memory state (its decision class, with indicators, books and ring buffers) into bytes and back:
 * the versioned form of checkpoints, JSON written and read with Jackson's streaming API, field by field.
 *
 * <p>Why a walker of its own rather than databind: a state is an object graph (a position seen from two maps, a
 * ring buffer shared by two indicators), of classes without no-arg constructors or getters, held in fields declared as
 * interfaces. Every object, collection and array is written once; a second sighting is {@code {"@r":n}}, n counting
 * the objects in the order they were first written, which the reader counts the same way, so sharing and cycles
 * survive. An object whose class is not the final declared type of its place names it ({@code "@c"}). Fields are
 * read by name into the reader's class: its field the data lacks keeps the class's default (the no-arg constructor's
 * value where there is one, else zero/null); a field in the data the class lacks, a class the build lacks, or a value
 * of the wrong kind fails naming the class and field. Doubles are written as Java prints them (the shortest decimal
 * that reads back to the same bits), non-finite ones as {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 *
 * <p>A document is {@code {"format":FORMAT,"state":...}}: a reader of another build reads it while the classes'
 * fields are compatible, which is what lets a new build resume a session from a checkpoint of the one before.
 */
public final class StateCodec {

  /** The version of the document's layout (not of the classes in it); another build reads a checkpoint of its own version. */
  public static final int FORMAT = 1;

  private StateCodec() {}

  /** Where classes of decoded states come from: the app's, or a loader that also sees strategy plugins' jars. */
  private static volatile ClassLoader classes = StateCodec.class.getClassLoader();

  private static final Map<String, Class<?>> CLASS_BY_NAME = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
  private static final Objenesis OBJENESIS = new ObjenesisStd(true);

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      // Both exact (the shortest decimal that reads back to the same double; a correctly rounded parse), and several
      // times quicker than the JDK 17's own: a state is mostly doubles.
      .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      // A month's checkpoint is some megabytes in one document, with long strings (model bytes); a state's graph may
      // nest deeper than Jackson's default guard of 1,000 (the stack is the limit, as it was with Kryo).
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxDocumentLength(-1)
          .maxNestingDepth(Integer.MAX_VALUE).build())
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
      .build();

  /**
   * States may hold classes of {@code loader} too (strategy plugins loaded from jars): decode with it. Set before
   * any agent runs.
   */
  public static void useClassLoader(ClassLoader loader) {
    classes = loader;
    CLASS_BY_NAME.clear();
  }

  public static byte[] encode(Object state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    Writer w = new Writer();
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      w.g = g;
      g.writeStartObject();
      g.writeNumberField("format", FORMAT);
      g.writeFieldName("state");
      w.value(state, Object.class, null);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot checkpoint " + (state == null ? "null" : state.getClass().getName()) + ": " + e.getMessage() + w.at(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads bytes written by {@link #encode}, by this build or another of the same {@link #FORMAT}; throws
   * {@link IllegalStateException} naming what failed (the class and field, and where in the state).
   */
  public static <T> T decode(byte[] bytes, Class<T> type) {
    if (bytes.length == 0 || bytes[0] != '{') {
      throw new IllegalStateException("checkpoint is not in the versioned form (format " + FORMAT + "): it was written by a build before it");
    }
    Reader r = new Reader();
    Object o;
    try (JsonParser p = JSON.createParser(bytes)) {
      r.p = p;
      expect(p.nextToken(), JsonToken.START_OBJECT, "the document");
      if (p.nextToken() != JsonToken.FIELD_NAME || !"format".equals(p.currentName())) throw new IllegalStateException("checkpoint has no format version first");
      p.nextToken();
      int format = p.getIntValue();
      if (format != FORMAT) throw new IllegalStateException("checkpoint is in format " + format + ", this build reads format " + FORMAT);
      if (p.nextToken() != JsonToken.FIELD_NAME || !"state".equals(p.currentName())) throw new IllegalStateException("checkpoint has no state after its format");
      p.nextToken();
      o = r.value(Object.class, null);
    } catch (IOException e) {
      throw new IllegalStateException("checkpoint unreadable as " + type.getSimpleName() + ": " + e.getMessage() + r.at(), e);
    } catch (CodecException e) {
      throw new IllegalStateException("checkpoint unreadable as " + type.getSimpleName() + ": " + e.getMessage() + r.at(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("checkpoint unreadable as " + type.getSimpleName() + ": " + e + r.at(), e);
    }
    if (!type.isInstance(o)) throw new IllegalStateException("checkpoint holds a " + (o == null ? "null" : o.getClass().getName()) + ", not a " + type.getName());
    return type.cast(o);
  }

  private static void expect(JsonToken got, JsonToken wanted, String what) {
    if (got != wanted) throw new CodecException("expected " + wanted + " for " + what + ", found " + got);
  }

  /** A failure of the codec itself (as opposed to one of a class's constructor): its message is the whole story. */
  private static final class CodecException extends RuntimeException {
    CodecException(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kinds of values

  /** Classes written as one scalar (no identity): by their text or number. */
  private enum Scalar {
    STRING, BOOLEAN, LONG, DOUBLE, INTEGER, SHORT, BYTE, CHARACTER, FLOAT, BIG_DECIMAL, BIG_INTEGER, INSTANT, DURATION,
    LOCAL_DATE, LOCAL_DATE_TIME, LOCAL_TIME, ZONE_OFFSET, ZONE_ID, UUID;

    private static final ClassValue<Optional<Scalar>> OF = new ClassValue<>() {
      @Override
      protected Optional<Scalar> computeValue(Class<?> c) {
        return Optional.ofNullable(find(c));
      }
    };

    static Scalar of(Class<?> c) {
      return OF.get(c).orElse(null);
    }

    private static Scalar find(Class<?> c) {
      if (c == String.class) return STRING;
      if (c == Boolean.class) return BOOLEAN;
      if (c == Long.class) return LONG;
      if (c == Double.class) return DOUBLE;
      if (c == Integer.class) return INTEGER;
      if (c == Short.class) return SHORT;
      if (c == Byte.class) return BYTE;
      if (c == Character.class) return CHARACTER;
      if (c == Float.class) return FLOAT;
      if (c == BigDecimal.class) return BIG_DECIMAL;
      if (c == BigInteger.class) return BIG_INTEGER;
      if (c == Instant.class) return INSTANT;
      if (c == Duration.class) return DURATION;
      if (c == LocalDate.class) return LOCAL_DATE;
      if (c == LocalDateTime.class) return LOCAL_DATE_TIME;
      if (c == LocalTime.class) return LOCAL_TIME;
      if (c == ZoneOffset.class) return ZONE_OFFSET;
      if (ZoneId.class.isAssignableFrom(c)) return ZONE_ID;
      if (c == UUID.class) return UUID;
      return null;
    }

    /** Written bare even where the declared type does not say which class it is: JSON's own kinds of value. */
    static boolean natural(Object v) {
      return v instanceof String || v instanceof Boolean || v instanceof Long || (v instanceof Double d && Double.isFinite(d));
    }
  }

  /** How one class is written: its kind and, for objects, its fields. */
  private static final class Shape {
    final Class<?> type;
    final Kind kind;
    /** Fields by the name they are written under (a shadowed field of a superclass as {@code Class.name}). */
    final LinkedHashMap<String, Field> fields = new LinkedHashMap<>();
    /** The same, in order, with their names ready to write. */
    Field[] fieldArray;
    com.fasterxml.jackson.core.io.SerializedString[] names;
    RecordComponent[] components;
    Constructor<?> constructor;

    Shape(Class<?> type, Kind kind) {
      this.type = type;
      this.kind = kind;
    }
  }

  private enum Kind { OBJECT, RECORD, ENUM, SCALAR, ARRAY, COLLECTION, MAP, ENTRY, OPTIONAL, ENUM_SET, ENUM_MAP, COMPARATOR, BOOSTER }

  private static final String BOOSTER = "ml.dmlc.xgboost4j.java.Booster";
  private static final Class<?> REVERSE_ORDER = Collections.reverseOrder().getClass();
  private static final Class<?> NATURAL_ORDER = Comparator.naturalOrder().getClass();

  /** The JDK's collections the codec rebuilds, by class: how to make an empty one to fill (null: built from a list). */
  private static final Map<Class<?>, Supplier<Object>> MUTABLE = new HashMap<>();
  /** The JDK's unmodifiable and immutable ones, by class: how to build one from its elements (maps: a LinkedHashMap). */
  private static final Map<Class<?>, Function<Object, Object>> BUILT = new HashMap<>();

  static {
    MUTABLE.put(ArrayList.class, ArrayList::new);
    MUTABLE.put(LinkedList.class, LinkedList::new);
    MUTABLE.put(ArrayDeque.class, ArrayDeque::new);
    MUTABLE.put(HashSet.class, HashSet::new);
    MUTABLE.put(LinkedHashSet.class, LinkedHashSet::new);
    MUTABLE.put(HashMap.class, HashMap::new);
    MUTABLE.put(LinkedHashMap.class, LinkedHashMap::new);
    MUTABLE.put(IdentityHashMap.class, IdentityHashMap::new);
    MUTABLE.put(ConcurrentHashMap.class, ConcurrentHashMap::new);
    MUTABLE.put(java.util.concurrent.CopyOnWriteArrayList.class, java.util.concurrent.CopyOnWriteArrayList::new);
    // Sorted ones are made with their comparator (below).
    MUTABLE.put(TreeMap.class, null);
    MUTABLE.put(TreeSet.class, null);
    MUTABLE.put(PriorityQueue.class, null);
    MUTABLE.put(java.util.concurrent.ConcurrentSkipListMap.class, null);
    MUTABLE.put(java.util.concurrent.ConcurrentSkipListSet.class, null);

    Function<Object, Object> list = c -> listOf((List<?>) c);
    BUILT.put(List.of().getClass(), list);
    BUILT.put(List.of(1).getClass(), list);
    BUILT.put(List.of(1, 2, 3).getClass(), list);
    BUILT.put(List.of(1, 2, 3).subList(0, 2).getClass(), list);
    BUILT.put(java.util.stream.Stream.of(1).toList().getClass(), list);
    Function<Object, Object> set = c -> Set.copyOf((Collection<?>) c);
    BUILT.put(Set.of().getClass(), set);
    BUILT.put(Set.of(1).getClass(), set);
    BUILT.put(Set.of(1, 2, 3).getClass(), set);
    Function<Object, Object> map = m -> Map.copyOf((Map<?, ?>) m);
    BUILT.put(Map.of().getClass(), map);
    BUILT.put(Map.of(1, 1).getClass(), map);
    BUILT.put(Map.of(1, 1, 2, 2, 3, 3).getClass(), map);
    BUILT.put(Collections.unmodifiableList(new ArrayList<>()).getClass(), c -> Collections.unmodifiableList(new ArrayList<>((List<?>) c)));
    BUILT.put(Collections.unmodifiableList(new LinkedList<>()).getClass(), c -> Collections.unmodifiableList(new ArrayList<>((List<?>) c)));
    BUILT.put(Collections.unmodifiableSet(new HashSet<>()).getClass(), c -> Collections.unmodifiableSet(new LinkedHashSet<>((Collection<?>) c)));
    BUILT.put(Collections.unmodifiableCollection(new ArrayList<>()).getClass(), c -> Collections.unmodifiableCollection(new ArrayList<>((Collection<?>) c)));
    BUILT.put(Collections.unmodifiableMap(new HashMap<>()).getClass(), m -> Collections.unmodifiableMap((Map<?, ?>) m));
    BUILT.put(Collections.emptyList().getClass(), c -> Collections.emptyList());
    BUILT.put(Collections.emptySet().getClass(), c -> Collections.emptySet());
    BUILT.put(Collections.emptyMap().getClass(), m -> Collections.emptyMap());
    BUILT.put(Collections.singletonList(1).getClass(), c -> Collections.singletonList(((List<?>) c).get(0)));
    BUILT.put(Collections.singleton(1).getClass(), c -> Collections.singleton(((List<?>) c).get(0)));
    BUILT.put(Collections.singletonMap(1, 1).getClass(), m -> {
      var e = ((Map<?, ?>) m).entrySet().iterator().next();
      return Collections.singletonMap(e.getKey(), e.getValue());
    });
    BUILT.put(Arrays.asList(1).getClass(), c -> Arrays.asList(((List<?>) c).toArray()));
  }

  /** The sorted unmodifiable views: rebuilt over a tree with their comparator. */
  private static final Class<?> UNMODIFIABLE_SORTED_SET = Collections.unmodifiableSortedSet(new TreeSet<>()).getClass();
  private static final Class<?> UNMODIFIABLE_NAVIGABLE_SET = Collections.unmodifiableNavigableSet(new TreeSet<>()).getClass();
  private static final Class<?> UNMODIFIABLE_SORTED_MAP = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();
  private static final Class<?> UNMODIFIABLE_NAVIGABLE_MAP = Collections.unmodifiableNavigableMap(new TreeMap<>()).getClass();

  private static List<?> listOf(List<?> items) {
    return items.contains(null) ? Collections.unmodifiableList(new ArrayList<>(items)) : List.copyOf(items);
  }

  private static boolean jdk(Class<?> c) {
    String n = c.getName();
    return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
  }

  private static Shape shape(Class<?> c) {
    Shape s = SHAPES.get(c);
    if (s == null) {
      s = shapeOf(c);
      s.fieldArray = s.fields.values().toArray(new Field[0]);
      s.names = s.fields.keySet().stream().map(com.fasterxml.jackson.core.io.SerializedString::new).toArray(com.fasterxml.jackson.core.io.SerializedString[]::new);
      SHAPES.put(c, s);
    }
    return s;
  }

  private static Shape shapeOf(Class<?> c) {
    if (Scalar.of(c) != null) return new Shape(c, Kind.SCALAR);
    if (c.isEnum()) return new Shape(c, Kind.ENUM);
    if (c.isArray()) return new Shape(c, Kind.ARRAY);
    if (c.getName().equals(BOOSTER)) return new Shape(c, Kind.BOOSTER);
    if (jdk(c)) {
      if (EnumSet.class.isAssignableFrom(c)) return new Shape(c, Kind.ENUM_SET);
      if (c == EnumMap.class) return new Shape(c, Kind.ENUM_MAP);
      if (c == Optional.class) return new Shape(c, Kind.OPTIONAL);
      if (c == AbstractMap.SimpleEntry.class || c == AbstractMap.SimpleImmutableEntry.class || c == Map.entry(1, 1).getClass()) return new Shape(c, Kind.ENTRY);
      if (c == REVERSE_ORDER || c == NATURAL_ORDER) return new Shape(c, Kind.COMPARATOR);
      boolean known = MUTABLE.containsKey(c) || BUILT.containsKey(c) || c == UNMODIFIABLE_SORTED_SET || c == UNMODIFIABLE_NAVIGABLE_SET
          || c == UNMODIFIABLE_SORTED_MAP || c == UNMODIFIABLE_NAVIGABLE_MAP;
      if (known && Map.class.isAssignableFrom(c)) return new Shape(c, Kind.MAP);
      if (known && Collection.class.isAssignableFrom(c)) return new Shape(c, Kind.COLLECTION);
      throw new CodecException("a " + c.getName() + ", a JDK class the state codec does not know");
    }
    if (c.isSynthetic() || c.isHidden() || c.getName().contains("$$Lambda")) {
      throw new CodecException("a lambda or synthetic class (" + c.getName() + "): a checkpoint holds classes, not lambdas");
    }
    if (c.isRecord()) {
      Shape s = new Shape(c, Kind.RECORD);
      s.components = c.getRecordComponents();
      // Written from its fields (one per component, of its name), read through its canonical constructor.
      for (RecordComponent rc : s.components) s.fields.put(rc.getName(), declaredField(c, rc.getName()));
      Class<?>[] types = new Class<?>[s.components.length];
      for (int i = 0; i < types.length; i++) types[i] = s.components[i].getType();
      try {
        s.constructor = c.getDeclaredConstructor(types);
        s.constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new CodecException("record " + c.getName() + " has no canonical constructor");
      }
      return s;
    }
    Shape s = new Shape(c, Kind.OBJECT);
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) chain.add(k);
    for (Class<?> k : chain) {
      for (Field f : k.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m)) continue;
        if (jdk(k)) throw new CodecException(c.getName() + " extends " + k.getName() + ", whose field '" + f.getName() + "' the codec cannot reach");
        f.setAccessible(true);
        String name = s.fields.containsKey(f.getName()) ? k.getSimpleName() + "." + f.getName() : f.getName();
        s.fields.put(name, f);
      }
    }
    try {
      Constructor<?> none = c.getDeclaredConstructor();
      none.setAccessible(true);
      s.constructor = none;
    } catch (NoSuchMethodException e) {
      s.constructor = null; // built by Objenesis, without a constructor
    }
    return s;
  }

  /** Whether a value of class {@code c} in a place declared {@code declared} needs its class written. */
  private static boolean named(Class<?> c, Class<?> declared) {
    return c != declared || !(Modifier.isFinal(c.getModifiers()) || c.isArray() || c.isEnum() || c.isRecord());
  }

  private static Class<?> enumClass(Enum<?> e) {
    return e.getDeclaringClass();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Writing

  private static final class Writer {
    JsonGenerator g;
    final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();
    final ArrayList<Object> path = new ArrayList<>();
    /** Each class's name is written once; later it is its number, counting the names in the order written. */
    final HashMap<Class<?>, Integer> classIds = new HashMap<>();

    String at() {
      return where(path);
    }

    void className(Class<?> c) throws IOException {
      g.writeFieldName("@c");
      Integer n = classIds.get(c);
      if (n != null) {
        g.writeNumber(n);
      } else {
        classIds.put(c, classIds.size());
        g.writeString(c.getName());
      }
    }

    /** {@code generic}: the place's generic type when known (an empty EnumMap's key type comes from it). */
    void value(Object v, Class<?> declared, Type generic) throws IOException {
      if (v == null) {
        g.writeNull();
        return;
      }
      Class<?> c = v instanceof Enum<?> e ? enumClass(e) : v.getClass();
      Scalar scalar = Scalar.of(c);
      if (scalar != null) {
        if (c == declared || (Scalar.natural(v) && Scalar.of(declared) == null)) {
          scalar(v, scalar);
        } else {
          g.writeStartObject();
          className(c);
          g.writeFieldName("v");
          scalar(v, scalar);
          g.writeEndObject();
        }
        return;
      }
      if (c.isEnum()) {
        if (c == declared) {
          g.writeString(((Enum<?>) v).name());
        } else {
          g.writeStartObject();
          className(c);
          g.writeStringField("@e", ((Enum<?>) v).name());
          g.writeEndObject();
        }
        return;
      }
      Integer id = ids.get(v);
      if (id != null) {
        g.writeStartObject();
        g.writeNumberField("@r", id);
        g.writeEndObject();
        return;
      }
      Shape s = shape(c);
      if (s.kind != Kind.COMPARATOR) ids.put(v, ids.size());
      g.writeStartObject();
      if (named(c, declared)) className(c);
      switch (s.kind) {
        case OBJECT, RECORD -> {
          Field[] fields = s.fieldArray;
          for (int i = 0; i < fields.length; i++) {
            g.writeFieldName(s.names[i]);
            path.add(s.names[i].getValue());
            field(fields[i], v);
            path.remove(path.size() - 1);
          }
        }
        case ARRAY -> array(v, c);
        case COLLECTION -> {
          Type element = argument(generic, 0);
          Comparator<?> cmp = v instanceof SortedSet<?> ss ? ss.comparator() : v instanceof PriorityQueue<?> pq ? pq.comparator() : null;
          if (cmp != null) comparator(cmp);
          g.writeFieldName("@v");
          g.writeStartArray();
          int i = 0;
          for (Object x : (Collection<?>) v) {
            path.add(i++);
            value(x, raw(element), element);
            path.remove(path.size() - 1);
          }
          g.writeEndArray();
        }
        case MAP -> {
          Comparator<?> cmp = v instanceof SortedMap<?, ?> sm ? sm.comparator() : null;
          if (cmp != null) comparator(cmp);
          entries((Map<?, ?>) v, generic);
        }
        case ENUM_MAP -> {
          EnumMap<?, ?> m = (EnumMap<?, ?>) v;
          g.writeStringField("@k", enumKeyType(m, generic).getName());
          entries(m, generic);
        }
        case ENUM_SET -> {
          @SuppressWarnings({"unchecked", "rawtypes"})
          EnumSet<?> all = EnumSet.complementOf((EnumSet) v);
          Enum<?> any = ((EnumSet<?>) v).isEmpty() ? (all.isEmpty() ? null : all.iterator().next()) : ((EnumSet<?>) v).iterator().next();
          if (any == null) throw new CodecException("an EnumSet of an enum without constants");
          g.writeStringField("@k", enumClass(any).getName());
          g.writeFieldName("@v");
          g.writeStartArray();
          for (Enum<?> x : (EnumSet<?>) v) g.writeString(x.name());
          g.writeEndArray();
        }
        case ENTRY -> {
          Map.Entry<?, ?> e = (Map.Entry<?, ?>) v;
          g.writeFieldName("k");
          value(e.getKey(), Object.class, null);
          g.writeFieldName("v");
          value(e.getValue(), Object.class, null);
        }
        case OPTIONAL -> {
          Optional<?> o = (Optional<?>) v;
          if (o.isPresent()) {
            g.writeFieldName("v");
            value(o.get(), Object.class, null);
          }
        }
        case COMPARATOR -> { } // its class says which
        case BOOSTER -> {
          g.writeFieldName("@v");
          g.writeBinary(boosterBytes(v));
        }
        default -> throw new CodecException("unexpected kind " + s.kind);
      }
      g.writeEndObject();
    }

    void comparator(Comparator<?> cmp) throws IOException {
      g.writeFieldName("@cmp");
      path.add("comparator");
      value(cmp, Object.class, null);
      path.remove(path.size() - 1);
    }

    void entries(Map<?, ?> m, Type generic) throws IOException {
      Type key = argument(generic, 0);
      Type value = argument(generic, 1);
      Class<?> keyClass = raw(key);
      Class<?> valueClass = raw(value);
      g.writeFieldName("@v");
      g.writeStartArray();
      for (var e : m.entrySet()) {
        path.add(new Key(e.getKey()));
        value(e.getKey(), keyClass, key);
        value(e.getValue(), valueClass, value);
        path.remove(path.size() - 1);
      }
      g.writeEndArray();
    }

    void field(Field f, Object owner) throws IOException {
      Class<?> t = f.getType();
      try {
        if (t.isPrimitive()) primitive(t, f.get(owner));
        else value(f.get(owner), t, f.getGenericType());
      } catch (IllegalAccessException e) {
        throw new CodecException("cannot read field " + f.getDeclaringClass().getName() + "." + f.getName());
      }
    }

    void primitive(Class<?> t, Object x) throws IOException {
      if (t == double.class) doubleValue((Double) x);
      else if (t == long.class) g.writeNumber((Long) x);
      else if (t == int.class) g.writeNumber((Integer) x);
      else if (t == boolean.class) g.writeBoolean((Boolean) x);
      else if (t == float.class) floatValue((Float) x);
      else if (t == short.class) g.writeNumber((Short) x);
      else if (t == byte.class) g.writeNumber((Byte) x);
      else if (t == char.class) g.writeString(String.valueOf((char) (Character) x));
    }

    void doubleValue(double d) throws IOException {
      g.writeNumber(d); // NaN and the infinities as strings (WRITE_NAN_AS_STRINGS)
    }

    void floatValue(float f) throws IOException {
      g.writeNumber(f);
    }

    void scalar(Object v, Scalar s) throws IOException {
      switch (s) {
        case STRING -> g.writeString((String) v);
        case BOOLEAN -> g.writeBoolean((Boolean) v);
        case LONG -> g.writeNumber((Long) v);
        case DOUBLE -> doubleValue((Double) v);
        case INTEGER -> g.writeNumber((Integer) v);
        case SHORT -> g.writeNumber((Short) v);
        case BYTE -> g.writeNumber((Byte) v);
        case FLOAT -> floatValue((Float) v);
        default -> g.writeString(v.toString());
      }
    }

    void array(Object v, Class<?> c) throws IOException {
      Class<?> t = c.getComponentType();
      int n = Array.getLength(v);
      if (t == byte.class) {
        g.writeFieldName("@v");
        g.writeBinary((byte[]) v);
        return;
      }
      g.writeNumberField("@n", n);
      g.writeFieldName("@v");
      g.writeStartArray();
      if (t == double.class) {
        for (double d : (double[]) v) doubleValue(d);
      } else if (t == long.class) {
        for (long x : (long[]) v) g.writeNumber(x);
      } else if (t == int.class) {
        for (int x : (int[]) v) g.writeNumber(x);
      } else if (t == float.class) {
        for (float x : (float[]) v) floatValue(x);
      } else if (t.isPrimitive()) {
        for (int i = 0; i < n; i++) primitive(t, Array.get(v, i));
      } else {
        Object[] items = (Object[]) v;
        for (int i = 0; i < n; i++) {
          path.add(i);
          value(items[i], t, null);
          path.remove(path.size() - 1);
        }
      }
      g.writeEndArray();
    }
  }

  private static Field declaredField(Class<?> c, String name) {
    try {
      Field f = c.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new CodecException("no field " + name + " in " + c.getName());
    }
  }

  /**
   * An EnumMap's key type is a field the JDK keeps closed: from a key, else the place's generic type, else from the
   * map's own serial form (which names it).
   */
  private static Class<?> enumKeyType(EnumMap<?, ?> m, Type generic) {
    if (!m.isEmpty()) return enumClass(m.keySet().iterator().next());
    if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> k && k.isEnum()) return k;
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(out)) {
        o.writeObject(m);
      }
      Class<?>[] found = new Class<?>[1];
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(out.toByteArray())) {
        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
          Class<?> c = super.resolveClass(desc);
          if (c.isEnum() && found[0] == null) found[0] = c;
          return c;
        }
      }) {
        in.readObject();
      }
      if (found[0] != null) return found[0];
    } catch (IOException | ClassNotFoundException e) {
      throw new CodecException("cannot tell the key type of an empty EnumMap: " + e.getMessage());
    }
    throw new CodecException("cannot tell the key type of an empty EnumMap");
  }

  private static byte[] boosterBytes(Object booster) {
    try {
      return (byte[]) booster.getClass().getMethod("toByteArray", String.class).invoke(booster, "json");
    } catch (ReflectiveOperationException e) {
      throw new CodecException("cannot write an XGBoost Booster's model: " + e.getMessage());
    }
  }

  private static Object booster(byte[] model) {
    try {
      Class<?> xgboost = Class.forName("ml.dmlc.xgboost4j.java.XGBoost", true, classes);
      return xgboost.getMethod("loadModel", byte[].class).invoke(null, (Object) model);
    } catch (ReflectiveOperationException e) {
      throw new CodecException("cannot read an XGBoost Booster's model of " + model.length + " bytes: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reading

  private static final Object PENDING = new Object();

  private static final class Reader {
    JsonParser p;
    final ArrayList<Object> objects = new ArrayList<>();
    final ArrayList<Object> path = new ArrayList<>();

    String at() {
      return where(path);
    }

    /** The classes named so far, by number ({@link Writer#className}). */
    final ArrayList<Class<?>> named = new ArrayList<>();

    /** At the field "@c": its class, by name (the first time) or by number. */
    Class<?> className() throws IOException {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NUMBER_INT) {
        int n = p.getIntValue();
        if (n < 0 || n >= named.size()) throw new CodecException("class number " + n + ", of " + named.size() + " named");
        return named.get(n);
      }
      Class<?> c = classNamed(p.getText());
      named.add(c);
      return c;
    }

    Class<?> classNamed(String name) {
      Class<?> c = CLASS_BY_NAME.get(name);
      if (c == null) {
        try {
          c = Class.forName(name, false, classes);
        } catch (ClassNotFoundException | LinkageError e) {
          throw new CodecException("checkpoint names class " + name + ", which this build does not have");
        }
        CLASS_BY_NAME.put(name, c);
      }
      return c;
    }

    /** The value at the current token, for a place declared {@code declared}. */
    Object value(Class<?> declared, Type generic) throws IOException {
      JsonToken t = p.currentToken();
      switch (t) {
        case VALUE_NULL:
          return null;
        case START_OBJECT:
          return object(declared, generic);
        case VALUE_STRING:
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
        case VALUE_TRUE:
        case VALUE_FALSE:
        case VALUE_EMBEDDED_OBJECT: {
          Scalar s = Scalar.of(declared);
          if (s != null) return scalar(s, declared);
          if (declared.isEnum()) return enumNamed(declared, p.getText());
          if (declared.isPrimitive()) return primitive(declared);
          if (t == JsonToken.VALUE_STRING) return p.getText();
          if (t == JsonToken.VALUE_NUMBER_INT) return p.getLongValue();
          if (t == JsonToken.VALUE_NUMBER_FLOAT) return p.getDoubleValue();
          if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) return p.getBooleanValue();
          throw new CodecException("unexpected " + t + " for a " + declared.getName());
        }
        default:
          throw new CodecException("unexpected " + t + " for a " + declared.getName());
      }
    }

    Object enumNamed(Class<?> type, String name) {
      for (Object c : type.getEnumConstants()) if (((Enum<?>) c).name().equals(name)) return c;
      throw new CodecException("checkpoint holds " + type.getName() + "." + name + ", which this build's " + type.getSimpleName() + " does not have");
    }

    Object scalar(Scalar s, Class<?> declared) throws IOException {
      JsonToken t = p.currentToken();
      try {
        return switch (s) {
          case STRING -> text(t, declared);
          case BOOLEAN -> p.getBooleanValue();
          case LONG -> p.getLongValue();
          case DOUBLE -> doubleValue();
          case INTEGER -> p.getIntValue();
          case SHORT -> p.getShortValue();
          case BYTE -> p.getByteValue();
          case FLOAT -> floatValue();
          case CHARACTER -> text(t, declared).charAt(0);
          case BIG_DECIMAL -> new BigDecimal(text(t, declared));
          case BIG_INTEGER -> new BigInteger(text(t, declared));
          case INSTANT -> Instant.parse(text(t, declared));
          case DURATION -> Duration.parse(text(t, declared));
          case LOCAL_DATE -> LocalDate.parse(text(t, declared));
          case LOCAL_DATE_TIME -> LocalDateTime.parse(text(t, declared));
          case LOCAL_TIME -> LocalTime.parse(text(t, declared));
          case ZONE_OFFSET -> ZoneOffset.of(text(t, declared));
          case ZONE_ID -> ZoneId.of(text(t, declared));
          case UUID -> java.util.UUID.fromString(text(t, declared));
        };
      } catch (com.fasterxml.jackson.core.JsonParseException | com.fasterxml.jackson.core.exc.InputCoercionException e) {
        throw new CodecException("a " + t + " where a " + declared.getSimpleName() + " belongs: " + e.getOriginalMessage());
      }
    }

    String text(JsonToken t, Class<?> declared) throws IOException {
      if (t != JsonToken.VALUE_STRING) throw new CodecException("a " + t + " where a " + declared.getSimpleName() + " belongs");
      return p.getText();
    }

    double doubleValue() throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        String s = p.getText();
        return switch (s) {
          case "NaN" -> Double.NaN;
          case "Infinity" -> Double.POSITIVE_INFINITY;
          case "-Infinity" -> Double.NEGATIVE_INFINITY;
          default -> throw new CodecException("'" + s + "' where a number belongs");
        };
      }
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) throw new CodecException("a " + t + " where a number belongs");
      return p.getDoubleValue();
    }

    float floatValue() throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) return (float) doubleValue();
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) throw new CodecException("a " + t + " where a number belongs");
      // Parsed as a float itself: through a double, a decimal may round twice.
      return Float.parseFloat(p.getText());
    }

    Object primitive(Class<?> t) throws IOException {
      JsonToken k = p.currentToken();
      if (t == double.class) return doubleValue();
      if (t == float.class) return floatValue();
      if (t == boolean.class) {
        if (k != JsonToken.VALUE_TRUE && k != JsonToken.VALUE_FALSE) throw new CodecException("a " + k + " where a boolean belongs");
        return p.getBooleanValue();
      }
      if (t == char.class) return text(k, char.class).charAt(0);
      if (k != JsonToken.VALUE_NUMBER_INT) throw new CodecException("a " + k + " where a " + t.getName() + " belongs");
      try {
        if (t == long.class) return p.getLongValue();
        if (t == int.class) return p.getIntValue();
        if (t == short.class) return p.getShortValue();
        if (t == byte.class) return p.getByteValue();
      } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
        throw new CodecException("a number out of range for a " + t.getName() + ": " + e.getOriginalMessage());
      }
      throw new CodecException("unexpected primitive " + t);
    }

    /** At START_OBJECT: a reference, a named class, or an object of the declared class. */
    Object object(Class<?> declared, Type generic) throws IOException {
      JsonToken t = p.nextToken();
      Class<?> c = declared;
      if (t == JsonToken.FIELD_NAME && "@r".equals(p.currentName())) {
        p.nextToken();
        int id = p.getIntValue();
        expect(p.nextToken(), JsonToken.END_OBJECT, "a reference");
        if (id < 0 || id >= objects.size()) throw new CodecException("a reference to object " + id + ", of " + objects.size() + " read");
        Object o = objects.get(id);
        if (o == PENDING) throw new CodecException("a reference to object " + id + " while it is being built (a cycle through a record or an immutable collection)");
        return o;
      }
      if (t == JsonToken.FIELD_NAME && "@c".equals(p.currentName())) {
        c = className();
        t = p.nextToken();
      } else if (declared.isPrimitive() || declared == Object.class || declared.isInterface() || Modifier.isAbstract(declared.getModifiers()) && !declared.isArray()) {
        throw new CodecException("an object without its class where a " + declared.getName() + " belongs");
      }
      if (!declared.isPrimitive() && !declared.isAssignableFrom(c) && !(declared.isEnum() && c.isEnum())) {
        throw new CodecException("a " + c.getName() + " where a " + declared.getName() + " belongs");
      }
      // t: the first FIELD_NAME after "@c", or END_OBJECT
      Scalar scalar = Scalar.of(c);
      if (scalar != null) {
        fieldNamed("v", c);
        p.nextToken();
        Object v = scalar(scalar, c);
        expect(p.nextToken(), JsonToken.END_OBJECT, "the end of a " + c.getSimpleName());
        return v;
      }
      if (c.isEnum()) {
        fieldNamed("@e", c);
        p.nextToken();
        Object v = enumNamed(c, p.getText());
        expect(p.nextToken(), JsonToken.END_OBJECT, "the end of a " + c.getSimpleName());
        return v;
      }
      Shape s = shape(c);
      if (s.kind == Kind.COMPARATOR) {
        expect(p.currentToken(), JsonToken.END_OBJECT, "the end of a comparator");
        return c == REVERSE_ORDER ? Collections.reverseOrder() : Comparator.naturalOrder();
      }
      int id = objects.size();
      objects.add(PENDING);
      Object v = switch (s.kind) {
        case OBJECT -> pojo(s, id);
        case RECORD -> record(s);
        case ARRAY -> array(c, id);
        case COLLECTION -> collection(c, id, generic);
        case MAP -> map(c, id, generic);
        case ENUM_MAP -> enumMap(id, generic);
        case ENUM_SET -> enumSet();
        case ENTRY -> entry(c);
        case OPTIONAL -> optional();
        case BOOSTER -> {
          fieldNamed("@v", c);
          p.nextToken();
          Object b = booster(p.getBinaryValue());
          p.nextToken();
          yield b;
        }
        default -> throw new CodecException("unexpected kind " + s.kind);
      };
      expect(p.currentToken(), JsonToken.END_OBJECT, "the end of a " + c.getSimpleName());
      objects.set(id, v);
      return v;
    }

    void fieldNamed(String name, Class<?> c) {
      try {
        if (p.currentToken() != JsonToken.FIELD_NAME || !name.equals(p.currentName())) {
          throw new CodecException("a " + c.getName() + " without its '" + name + "'");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Object pojo(Shape s, int id) throws IOException {
      Object o;
      if (s.constructor != null) {
        try {
          o = s.constructor.newInstance();
        } catch (ReflectiveOperationException e) {
          throw new CodecException("cannot build a " + s.type.getName() + " with its no-arg constructor: " + e);
        }
      } else {
        o = OBJENESIS.newInstance(s.type);
      }
      objects.set(id, o);
      for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        Field f = s.fields.get(name);
        if (f == null) {
          throw new CodecException("checkpoint holds field '" + name + "' of " + s.type.getName() + ", which this build's " + s.type.getSimpleName() + " does not have");
        }
        p.nextToken();
        path.add(name);
        Object x = f.getType().isPrimitive() ? primitive(f.getType()) : value(f.getType(), f.getGenericType());
        try {
          f.set(o, x);
        } catch (IllegalAccessException | IllegalArgumentException e) {
          throw new CodecException("cannot set field '" + name + "' of " + s.type.getName() + ": " + e.getMessage());
        }
        path.remove(path.size() - 1);
      }
      return o;
    }

    Object record(Shape s) throws IOException {
      Object[] args = new Object[s.components.length];
      for (int i = 0; i < args.length; i++) args[i] = zero(s.components[i].getType());
      for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        int i = 0;
        while (i < s.components.length && !s.components[i].getName().equals(name)) i++;
        if (i == s.components.length) {
          throw new CodecException("checkpoint holds field '" + name + "' of " + s.type.getName() + ", which this build's " + s.type.getSimpleName() + " does not have");
        }
        p.nextToken();
        path.add(name);
        RecordComponent rc = s.components[i];
        args[i] = rc.getType().isPrimitive() ? primitive(rc.getType()) : value(rc.getType(), rc.getGenericType());
        path.remove(path.size() - 1);
      }
      try {
        return s.constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new CodecException("the " + s.type.getName() + " read does not build: " + e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new CodecException("cannot build a " + s.type.getName() + ": " + e);
      }
    }

    Object array(Class<?> c, int id) throws IOException {
      Class<?> t = c.getComponentType();
      if (t == byte.class) {
        fieldNamed("@v", c);
        p.nextToken();
        byte[] b = p.getBinaryValue();
        p.nextToken();
        return b;
      }
      fieldNamed("@n", c);
      p.nextToken();
      int n = p.getIntValue();
      p.nextToken();
      fieldNamed("@v", c);
      expect(p.nextToken(), JsonToken.START_ARRAY, "a " + c.getSimpleName());
      Object a = Array.newInstance(t, n);
      objects.set(id, a);
      int i = 0;
      for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
        if (i == n) throw new CodecException("a " + c.getSimpleName() + " longer than its length " + n);
        if (t == double.class) ((double[]) a)[i] = doubleValue();
        else if (t == long.class) ((long[]) a)[i] = (Long) primitive(long.class);
        else if (t == int.class) ((int[]) a)[i] = (Integer) primitive(int.class);
        else if (t == float.class) ((float[]) a)[i] = floatValue();
        else if (t.isPrimitive()) Array.set(a, i, primitive(t));
        else {
          path.add(i);
          ((Object[]) a)[i] = value(t, null);
          path.remove(path.size() - 1);
        }
        i++;
      }
      if (i != n) throw new CodecException("a " + c.getSimpleName() + " of " + i + " items, its length " + n);
      p.nextToken();
      return a;
    }

    Comparator<?> comparatorIfAny() throws IOException {
      if (p.currentToken() == JsonToken.FIELD_NAME && "@cmp".equals(p.currentName())) {
        p.nextToken();
        path.add("comparator");
        Object c = value(Comparator.class, null);
        path.remove(path.size() - 1);
        p.nextToken();
        return (Comparator<?>) c;
      }
      return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object collection(Class<?> c, int id, Type generic) throws IOException {
      Type element = argument(generic, 0);
      Class<?> elementClass = raw(element);
      Comparator cmp = comparatorIfAny();
      Collection<Object> into;
      Function<Object, Object> build = null;
      if (MUTABLE.containsKey(c)) {
        Supplier<Object> make = MUTABLE.get(c);
        if (make != null) into = (Collection<Object>) make.get();
        else if (c == TreeSet.class) into = new TreeSet<>(cmp);
        else if (c == PriorityQueue.class) into = new PriorityQueue<>(cmp);
        else into = new java.util.concurrent.ConcurrentSkipListSet<>(cmp);
        objects.set(id, into);
      } else if (c == UNMODIFIABLE_SORTED_SET || c == UNMODIFIABLE_NAVIGABLE_SET) {
        into = new TreeSet<>(cmp);
        build = x -> c == UNMODIFIABLE_SORTED_SET ? Collections.unmodifiableSortedSet((SortedSet) x) : Collections.unmodifiableNavigableSet((NavigableSet) x);
      } else {
        into = new ArrayList<>();
        build = BUILT.get(c);
      }
      fieldNamed("@v", c);
      expect(p.nextToken(), JsonToken.START_ARRAY, "a " + c.getSimpleName());
      int i = 0;
      for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
        path.add(i++);
        into.add(value(elementClass, element));
        path.remove(path.size() - 1);
      }
      p.nextToken();
      return build == null ? into : build.apply(into);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object map(Class<?> c, int id, Type generic) throws IOException {
      Comparator cmp = comparatorIfAny();
      Map<Object, Object> into;
      Function<Object, Object> build = null;
      if (MUTABLE.containsKey(c)) {
        Supplier<Object> make = MUTABLE.get(c);
        if (make != null) into = (Map<Object, Object>) make.get();
        else if (c == TreeMap.class) into = new TreeMap<>(cmp);
        else into = new java.util.concurrent.ConcurrentSkipListMap<>(cmp);
        objects.set(id, into);
      } else if (c == UNMODIFIABLE_SORTED_MAP || c == UNMODIFIABLE_NAVIGABLE_MAP) {
        into = new TreeMap<>(cmp);
        build = x -> c == UNMODIFIABLE_SORTED_MAP ? Collections.unmodifiableSortedMap((SortedMap) x) : Collections.unmodifiableNavigableMap((NavigableMap) x);
      } else {
        into = new LinkedHashMap<>();
        build = BUILT.get(c);
      }
      entries(into, c, generic);
      return build == null ? into : build.apply(into);
    }

    void entries(Map<Object, Object> into, Class<?> c, Type generic) throws IOException {
      Type key = argument(generic, 0);
      Type value = argument(generic, 1);
      Class<?> keyClass = raw(key);
      Class<?> valueClass = raw(value);
      fieldNamed("@v", c);
      expect(p.nextToken(), JsonToken.START_ARRAY, "a " + c.getSimpleName());
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        Object k = value(keyClass, key);
        path.add(new Key(k));
        p.nextToken();
        into.put(k, value(valueClass, value));
        path.remove(path.size() - 1);
      }
      p.nextToken();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object enumMap(int id, Type generic) throws IOException {
      fieldNamed("@k", EnumMap.class);
      p.nextToken();
      Class k = classNamed(p.getText());
      if (!k.isEnum()) throw new CodecException("an EnumMap keyed by " + k.getName() + ", not an enum");
      p.nextToken();
      EnumMap m = new EnumMap(k);
      objects.set(id, m);
      entries(m, EnumMap.class, generic);
      return m;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object enumSet() throws IOException {
      fieldNamed("@k", EnumSet.class);
      p.nextToken();
      Class k = classNamed(p.getText());
      if (!k.isEnum()) throw new CodecException("an EnumSet of " + k.getName() + ", not an enum");
      p.nextToken();
      fieldNamed("@v", EnumSet.class);
      expect(p.nextToken(), JsonToken.START_ARRAY, "an EnumSet");
      EnumSet s = EnumSet.noneOf(k);
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) s.add(enumNamed(k, p.getText()));
      p.nextToken();
      return s;
    }

    Object entry(Class<?> c) throws IOException {
      Object k = null;
      Object v = null;
      for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("k")) k = value(Object.class, null);
        else if (name.equals("v")) v = value(Object.class, null);
        else throw new CodecException("checkpoint holds field '" + name + "' of a map entry");
      }
      if (c == AbstractMap.SimpleEntry.class) return new AbstractMap.SimpleEntry<>(k, v);
      if (c == AbstractMap.SimpleImmutableEntry.class) return new AbstractMap.SimpleImmutableEntry<>(k, v);
      return Map.entry(k, v);
    }

    Object optional() throws IOException {
      if (p.currentToken() == JsonToken.END_OBJECT) return Optional.empty();
      fieldNamed("v", Optional.class);
      p.nextToken();
      Object v = value(Object.class, null);
      p.nextToken();
      return Optional.ofNullable(v);
    }
  }

  /**
   * The {@code i}th type argument of a JDK collection's or map's declared type ({@code List<E>}: E; {@code Map<K, V>}:
   * K, V), or null when it is not declared: elements of the declared class are then written without theirs.
   */
  private static Type argument(Type generic, int i) {
    if (generic instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c && jdk(c)
        && (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c) || c == Iterable.class)) {
      Type[] args = pt.getActualTypeArguments();
      if (i < args.length && (args[i] instanceof Class<?> || args[i] instanceof ParameterizedType)) return args[i];
    }
    return null;
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) return c;
    return Object.class;
  }

  /** A map's key in a path (a String there is a field's name). */
  private record Key(Object key) {}

  /** Where in the state a failure was: {@code .field[3][key].field}; built only for the message. */
  private static String where(List<Object> path) {
    if (path.isEmpty()) return "";
    StringBuilder b = new StringBuilder(" (at state");
    for (Object o : path) {
      if (o instanceof String f) b.append('.').append(f);
      else if (o instanceof Key k) b.append('[').append(k.key()).append(']');
      else b.append('[').append(o).append(']');
    }
    return b.append(')').toString();
  }

  private static Object zero(Class<?> t) {
    if (!t.isPrimitive()) return null;
    if (t == boolean.class) return false;
    if (t == char.class) return '\0';
    if (t == double.class) return 0.0;
    if (t == float.class) return 0.0f;
    if (t == long.class) return 0L;
    if (t == int.class) return 0;
    if (t == short.class) return (short) 0;
    return (byte) 0;
  }
}
