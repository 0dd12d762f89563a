package io.troupe.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** openapi.json describes exactly the routes the API serves (SessionApiTest calls each), each with its answers. */
class OpenApiTest {

  @Test
  void everyRouteIsDescribedAndNothingElse() throws Exception {
    JsonNode spec;
    try (InputStream in = OperatorApi.class.getResourceAsStream("openapi.json")) {
      spec = ApiSession.JSON.readTree(in);
    }
    assertEquals("3.0.3", spec.get("openapi").asText());
    TreeSet<String> described = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext();) {
      var path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
        var op = ops.next();
        described.add(op.getKey().toUpperCase() + " " + path.getKey());
        JsonNode responses = op.getValue().get("responses");
        assertTrue(responses.has("200") && responses.has("401"), path.getKey() + " lists its answers, 401 included");
        if (op.getKey().equals("post")) {
          for (String code : new String[] {"400", "403"}) assertTrue(responses.has(code), path.getKey() + " lists " + code);
          assertTrue(op.getValue().path("requestBody").path("content").path("application/json").path("schema").path("required").toString().contains("reason"),
              path.getKey() + " requires a reason");
        }
      }
    }
    assertEquals(new TreeSet<>(ApiRoutes.ROUTES), described);
  }
}
