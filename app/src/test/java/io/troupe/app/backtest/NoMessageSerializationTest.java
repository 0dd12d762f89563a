package io.troupe.app.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.market.Bar;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;

/** A backtest's actor system starts without the Jackson serializers and would refuse to serialize, not fake it. */
class NoMessageSerializationTest {

  @Test
  void replacesTheJacksonSerializersKeepingTheirIdentifiers() throws Exception {
    Config c = NoMessageSerialization.apply(ConfigFactory.load());
    for (String binding : new String[] {"jackson-json", "jackson-cbor", "jackson-cbor-264"}) {
      assertEquals(NoMessageSerialization.class.getName(), c.getString("pekko.actor.serializers." + binding));
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "no-serialization", c);
    try {
      Serialization serialization = SerializationExtension.get(system);
      var serializer = serialization.serializerFor(Bar.class);
      assertEquals(NoMessageSerialization.class, serializer.getClass());
      assertEquals(c.getInt("pekko.actor.serialization-identifiers.jackson-cbor"), serializer.identifier());
      assertThrows(IllegalStateException.class, () -> serializer.toBinary(new Bar("X", 0, 1, 1, 1, 1, 1)));
    } finally {
      system.terminate();
    }
  }

  @Test
  void leavesAConfigurationThatSerializesMessagesAlone() {
    Config on = ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load());
    assertSame(on, NoMessageSerialization.apply(on));
  }
}
