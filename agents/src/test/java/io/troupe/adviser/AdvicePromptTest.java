package io.troupe.adviser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.model.EntryBrief;
import io.troupe.model.OrderIntent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdvicePromptTest {

  private static final OrderIntent ENTRY =
      new OrderIntent("BTCUSDT", 1_641_000_000_000L, 0.0123456789, 46_912.123456, 46_700.5, Double.NaN, "trending", "signal_long", false);
  private static final EntryBrief BRIEF = new EntryBrief("trending", "long", 0.75, 0.6, Map.of("adx", 31.23456789, "return_5_pct", -0.2));

  @Test
  void thePromptStatesTheEntryCompactlyWithSortedKeysAndSixDigits() {
    assertEquals("{\"action\":\"open\",\"indicators\":{\"adx\":31.2346,\"return_5_pct\":-0.2},\"position_quantity\":0,\"price\":46912.1,"
        + "\"regime\":\"trending\",\"side\":\"long\",\"signal\":{\"confidence\":0.6,\"direction\":\"long\",\"strength\":0.75},"
        + "\"specialist\":\"trending\",\"stop\":46700.5,\"symbol\":\"BTCUSDT\",\"target_price\":null,\"target_quantity\":0.0123457}",
        AdvicePrompt.of(ENTRY, BRIEF, 0).text());
    assertFalse(AdvicePrompt.of(ENTRY, BRIEF, 0).text().contains("1641000000000"), "no date: a model must not learn where in history a backtest is");
  }

  @Test
  void theSameEntryHashesTheSameAndAnotherModelOrPositionOtherwise() {
    AdviserSettings.Endpoint a = AdviserQuorumTest.endpoint("a");
    AdviserSettings.Endpoint b = AdviserQuorumTest.endpoint("b");
    assertEquals(AdvicePrompt.of(ENTRY, BRIEF, 0).hash(a), AdvicePrompt.of(ENTRY, new EntryBrief("trending", "long", 0.75, 0.6,
        new java.util.TreeMap<>(Map.of("return_5_pct", -0.2, "adx", 31.23456789))), 0).hash(a));
    assertNotEquals(AdvicePrompt.of(ENTRY, BRIEF, 0).hash(a), AdvicePrompt.of(ENTRY, BRIEF, 0).hash(b));
    assertNotEquals(AdvicePrompt.of(ENTRY, BRIEF, 0).hash(a), AdvicePrompt.of(ENTRY, BRIEF, 0).hash(new AdviserSettings.Endpoint("a2", a.url(), a.model(), "", 200)),
        "another endpoint of the same model");
    assertNotEquals(AdvicePrompt.of(ENTRY, BRIEF, 0).hash(a), AdvicePrompt.of(ENTRY, BRIEF, -0.01).hash(a));
    assertEquals("flip", AdvicePrompt.of(ENTRY, BRIEF, -0.01).text().replaceAll(".*\"action\":\"(\\w+)\".*", "$1"));
  }

  @Test
  void theRequestIsTheChatCompletionFormatAskingForJson() throws Exception {
    JsonNode body = new ObjectMapper().readTree(AdvicePrompt.of(ENTRY, BRIEF, 0).requestBody(AdviserQuorumTest.endpoint("a")));
    assertEquals("m-a", body.get("model").asText());
    assertEquals("system", body.at("/messages/0/role").asText());
    assertEquals(AdvicePrompt.INSTRUCTION, body.at("/messages/0/content").asText());
    assertEquals("user", body.at("/messages/1/role").asText());
    assertEquals(AdvicePrompt.of(ENTRY, BRIEF, 0).text(), body.at("/messages/1/content").asText());
    assertEquals(0, body.get("temperature").asInt());
    assertEquals(200, body.get("max_tokens").asInt());
    assertEquals("json_object", body.at("/response_format/type").asText());
  }
}
