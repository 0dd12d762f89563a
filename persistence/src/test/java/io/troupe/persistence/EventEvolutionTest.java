package io.troupe.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-evolution convention documented on {@link CborSerializable}, exercised through the H2 journal. */
class EventEvolutionTest {

  /** Version 1 of an event, as old journals hold it. */
  record ItemAddedV1(String item) implements CborSerializable {}

  /**
   * Version 2: the class is renamed, {@code item} became {@code name}, and {@code quantity} was added with a
   * default for events that predate it.
   */
  record ItemAdded(String name, Integer quantity) implements CborSerializable {
    ItemAdded {
      quantity = quantity == null ? 1 : quantity;
    }
  }

  /** What an older build knows of {@link ItemAdded}: no quantity. */
  record ItemName(String name) implements CborSerializable {}

  /** Maps journaled {@link ItemAddedV1} onto {@link ItemAdded}: new class name, renamed field. */
  public static final class ItemAddedMigration extends JacksonMigration {
    @Override
    public int currentVersion() {
      return 2;
    }

    @Override
    public String transformClassName(int fromVersion, String className) {
      return ItemAdded.class.getName();
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
      ObjectNode event = (ObjectNode) json;
      if (fromVersion < 2) {
        event.set("name", event.remove("item"));
      }
      return event;
    }
  }

  @TempDir
  Path stateDir;

  @Test
  void eventsWrittenAsVersionOneAreRecoveredAsVersionTwoWithTheAddedFieldDefaulted() throws Exception {
    String id = "evolving-" + UUID.randomUUID();
    // Local messages carry untyped events (see EventLog); the journal serializes every event regardless.
    Config v1 = ConfigFactory.parseString("pekko.actor.serialize-messages = off")
        .withFallback(TestJournals.h2(stateDir));
    JournalSchema.createIfMissing(v1);

    ActorTestKit oldBuild = ActorTestKit.create("v1", v1);
    try {
      ActorRef<EventLog.Command> log = oldBuild.spawn(EventLog.create(id));
      TestProbe<Long> appended = oldBuild.createTestProbe();
      log.tell(new EventLog.Append(new ItemAddedV1("apple"), appended.ref()));
      appended.expectMessage(1L);
      log.tell(new EventLog.Append(new ItemAddedV1("pear"), appended.ref()));
      appended.expectMessage(2L);
    } finally {
      oldBuild.shutdownTestKit();
    }

    Config v2 = ConfigFactory.parseString("pekko.serialization.jackson.migrations {\n"
        + "  \"" + ItemAddedV1.class.getName() + "\" = \"" + ItemAddedMigration.class.getName() + "\"\n"
        + "}").withFallback(v1);
    ActorTestKit newBuild = ActorTestKit.create("v2", v2);
    try {
      ActorRef<EventLog.Command> log = newBuild.spawn(EventLog.create(id));
      TestProbe<List<Object>> events = newBuild.createTestProbe();
      log.tell(new EventLog.Read(events.ref()));
      assertEquals(List.of(new ItemAdded("apple", 1), new ItemAdded("pear", 1)), events.receiveMessage());
    } finally {
      newBuild.shutdownTestKit();
    }
  }

  @Test
  void anOlderBuildReadsANewerEventIgnoringTheFieldItDoesNotKnow() {
    ActorTestKit kit = ActorTestKit.create("unknown-fields", TestJournals.h2(stateDir));
    try {
      Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
      ItemAdded newer = new ItemAdded("apple", 3);
      byte[] bytes = serialization.serialize(newer).get();
      int serializerId = serialization.findSerializerFor(newer).identifier();
      assertEquals(33, serializerId, "events go through jackson-cbor");
      // The same bytes under the manifest of a class without "quantity", as an older build would read them.
      Object older = serialization.deserialize(bytes, serializerId, ItemName.class.getName()).get();
      assertEquals(new ItemName("apple"), older);
      assertEquals(ItemAdded.class.getName(), Serializers.manifestFor(serialization.findSerializerFor(newer), newer));
    } finally {
      kit.shutdownTestKit();
    }
  }
}
