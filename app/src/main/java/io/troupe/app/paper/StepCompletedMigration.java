package io.troupe.app.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Version 1 journals wrote a completed step as {@code PaperEvent$FillsRecorded(step, time, fills)}; version 2 calls it
 * {@link PaperEvent.StepCompleted} and adds the account and the changed orders, which old steps do not have (no
 * account, no orders). Registered under the old class name in {@code reference.conf}.
 */
public final class StepCompletedMigration extends JacksonMigration {

  public static final String V1_CLASS = "io.troupe.gateway.paper.PaperEvent$FillsRecorded";

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    return V1_CLASS.equals(className) ? PaperEvent.StepCompleted.class.getName() : className;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return upgrade(json);
  }

  /** A version 1 step as version 2: the same step and fills, no account, no orders. */
  static JsonNode upgrade(JsonNode json) {
    ObjectNode step = (ObjectNode) json;
    if (!step.has("orders")) step.putArray("orders");
    return step;
  }
}
