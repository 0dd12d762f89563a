package io.troupe.adviser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.adviser.AdviceVerdict.Opinion;
import io.troupe.adviser.AdviceVerdict.Outcome;
import org.junit.jupiter.api.Test;

class VerdictParserTest {

  /** A chat-completion answer whose message content is {@code content} (as JSON text). */
  static String answer(String content) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(content) + "},\"finish_reason\":\"stop\"}]}";
  }

  @Test
  void aWellFormedVerdictIsRead() {
    AdviceVerdict v = VerdictParser.fromResponse("qwen", answer("{\"verdict\": \"veto\", \"confidence\": 0.8, \"reason\": \"volatility  too high\"}"));
    assertEquals(new AdviceVerdict("qwen", Opinion.VETO, 0.8, "volatility too high", Outcome.ANSWERED), v);
    assertEquals(Opinion.APPROVE, VerdictParser.fromResponse("q", answer("{\"verdict\":\"approve\",\"confidence\":1,\"reason\":\"trend\"}")).opinion());
  }

  @Test
  void anythingElseIsMalformedAndNoOpinion() {
    String[][] cases = {
        {answer("Sure! {\"verdict\": \"veto\", \"confidence\": 0.8, \"reason\": \"x\"}"), "malformed: the content is not one JSON object"},
        {answer("{\"verdict\": \"veto\", \"confidence\": 0.8, \"reason\": \"x\"} and more"), "malformed: the content is not one JSON object"},
        {answer("```json\n{\"verdict\": \"veto\", \"confidence\": 0.8, \"reason\": \"x\"}\n```"), "malformed: the content is not one JSON object"},
        {answer("{\"verdict\": \"maybe\", \"confidence\": 0.8, \"reason\": \"x\"}"), "malformed: verdict is neither approve nor veto"},
        {answer("{\"verdict\": \"veto\", \"confidence\": 1.5, \"reason\": \"x\"}"), "malformed: confidence outside 0..1"},
        {answer("{\"verdict\": \"veto\", \"confidence\": \"high\", \"reason\": \"x\"}"), "malformed: no confidence number"},
        {answer("{\"verdict\": \"veto\", \"confidence\": 0.5}"), "malformed: no reason text"},
        {answer("{\"verdict\": \"veto\", \"confidence\": 0.5, \"reason\": \"x\", \"size\": 2}"), "malformed: unexpected field size"},
        {answer("{\"verdict\": \"veto\", \"verdict\": \"approve\", \"confidence\": 0.5, \"reason\": \"x\"}"), "malformed: the content is not one JSON object"},
        {answer("{\"verdict\": \"veto\", \"confidence\": 0.5, \"reason\": \"" + "x".repeat(301) + "\"}"), "malformed: reason longer than 300 characters"},
        {"<html>502 Bad Gateway</html>", "malformed: the answer is not JSON"},
        {"{\"choices\": []}", "malformed: no choices[0].message.content text in the answer"},
    };
    for (String[] c : cases) {
      AdviceVerdict v = VerdictParser.fromResponse("e", c[0]);
      assertEquals(Opinion.NONE, v.opinion(), c[0]);
      assertEquals(Outcome.MALFORMED, v.outcome(), c[0]);
      assertEquals(c[1], v.reason(), c[0]);
    }
  }
}
