package io.troupe.app.backtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;

/**
 * Stands in for the Jackson serializers in an actor system that never serializes a message: a backtest's, whose
 * messages stay in one JVM and are journaled nowhere. Pekko builds every configured serializer when the system starts,
 * and the Jackson ones cost about a second of CPU (object mappers, their modules and classes) that such a run never
 * uses. Keeps each binding's identifier; fails loudly if anything ever asks it to serialize.
 */
public final class NoMessageSerialization extends JSerializer {

  private static final String[] JACKSON_BINDINGS = {"jackson-json", "jackson-cbor", "jackson-cbor-264"};

  private final int identifier;
  private final String binding;

  public NoMessageSerialization(ExtendedActorSystem system, String binding) {
    this.identifier = system.settings().config().getInt("pekko.actor.serialization-identifiers." + binding);
    this.binding = binding;
  }

  /**
   * {@code config} with the Jackson serializers replaced, unless it asks for messages to be serialized (as the tests'
   * configuration does to check that every message would survive the wire).
   */
  public static Config apply(Config config) {
    if (config.getBoolean("pekko.actor.serialize-messages") || config.getBoolean("pekko.actor.serialize-creators")) return config;
    Config c = config;
    for (String binding : JACKSON_BINDINGS) {
      if (c.hasPath("pekko.actor.serializers." + binding)) {
        c = c.withValue("pekko.actor.serializers." + binding, ConfigValueFactory.fromAnyRef(NoMessageSerialization.class.getName()));
      }
    }
    return c;
  }

  @Override
  public int identifier() {
    return identifier;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    throw new IllegalStateException("this actor system serializes no messages (" + binding + "), asked for a " + o.getClass().getName());
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    throw new IllegalStateException("this actor system deserializes no messages (" + binding + ")");
  }
}
