package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlBodyTest {

  @Test
  void takesTheReasonAndTheEndpointsFieldsOfTheirTypes() throws Exception {
    ControlBody b = ControlBody.parse("{\"reason\":\"  drawdown review \",\"flatten\":true,\"quantity\":0.5,\"symbol\":null}", Set.of("flatten", "quantity", "symbol"));
    assertEquals("drawdown review", b.reason());
    assertEquals(Boolean.TRUE, b.bool("flatten"));
    assertEquals(0.5, b.positive("quantity"));
    assertNull(b.text("symbol"));
    assertNull(b.bool("absent"));
  }

  @Test
  void refusesEachBadBodyNamingTheField() {
    refused("", "reason", "must be a JSON object with a reason");
    refused("{\"reason\":", null, "the body is not JSON");
    refused("\"halt\"", null, "must be a JSON object, got string");
    refused("{\"reason\":\"r\",\"flaten\":true}", "flaten", "unknown field 'flaten'; this endpoint takes flatten, quantity, reason");
    refused("{\"reason\":\"\"}", "reason", "'reason' is required");
    refused("{\"reason\":3}", "reason", "'reason' must be a string, got number");
    refused("{\"reason\":\"two\\nlines\"}", "reason", "one line of text");
    refused("{\"reason\":\"" + "x".repeat(ControlBody.MAX_REASON + 1) + "\"}", "reason", "longer than 500");
    refused("{\"reason\":\"r\",\"flatten\":\"yes\"}", "flatten", "'flatten' must be true or false, got string", b -> b.bool("flatten"));
    refused("{\"reason\":\"r\",\"quantity\":-1}", "quantity", "'quantity' must be a number above 0, got -1", b -> b.positive("quantity"));
    refused("{\"reason\":\"r\",\"quantity\":\"1\"}", "quantity", "'quantity' must be a number, got string", b -> b.positive("quantity"));
  }

  interface Read {
    Object read(ControlBody b) throws ControlBody.Refused;
  }

  private static void refused(String body, String field, String message) {
    refused(body, field, message, b -> null);
  }

  private static void refused(String body, String field, String message, Read read) {
    ControlBody.Refused r = assertThrows(ControlBody.Refused.class, () -> read.read(ControlBody.parse(body, Set.of("flatten", "quantity"))));
    assertEquals(field, r.field, body);
    assertTrue(r.getMessage().contains(message), body + ": " + r.getMessage());
  }
}
