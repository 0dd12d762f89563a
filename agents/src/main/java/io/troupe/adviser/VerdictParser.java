package io.troupe.adviser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a verdict back from a chat-completion answer, strictly: the body must be the format's JSON with
 * {@code choices[0].message.content} a JSON object of exactly {@code verdict} ("approve" or "veto"), {@code confidence}
 * (a number in [0, 1]) and {@code reason} (text of at most 300 characters). Anything else, prose around the object
 * included, is malformed: no opinion. Pure.
 */
public final class VerdictParser {

  static final int MAX_REASON = 300;
  private static final Set<String> FIELDS = Set.of("verdict", "confidence", "reason");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private VerdictParser() {}

  /** The verdict in a response body; a malformed one is no opinion saying what was wrong. */
  public static AdviceVerdict fromResponse(String endpoint, String body) {
    JsonNode content;
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode c = root == null ? null : root.path("choices").path(0).path("message").path("content");
      if (c == null || !c.isTextual()) return malformed(endpoint, "no choices[0].message.content text in the answer");
      return fromContent(endpoint, c.asText());
    } catch (JsonProcessingException e) {
      return malformed(endpoint, "the answer is not JSON");
    }
  }

  /** The verdict in a message's content (as cached). */
  public static AdviceVerdict fromContent(String endpoint, String text) {
    JsonNode v;
    try {
      v = JSON.readTree(text.strip());
    } catch (JsonProcessingException e) {
      return malformed(endpoint, "the content is not one JSON object");
    }
    if (v == null || !v.isObject()) return malformed(endpoint, "the content is not one JSON object");
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) return malformed(endpoint, "unexpected field " + clip(f));
    }
    JsonNode verdict = v.get("verdict");
    JsonNode confidence = v.get("confidence");
    JsonNode reason = v.get("reason");
    if (verdict == null || !verdict.isTextual()) return malformed(endpoint, "no verdict text");
    AdviceVerdict.Opinion opinion = switch (verdict.asText()) {
      case "approve" -> AdviceVerdict.Opinion.APPROVE;
      case "veto" -> AdviceVerdict.Opinion.VETO;
      default -> null;
    };
    if (opinion == null) return malformed(endpoint, "verdict is neither approve nor veto");
    if (confidence == null || !confidence.isNumber()) return malformed(endpoint, "no confidence number");
    double c = confidence.asDouble();
    if (!(c >= 0 && c <= 1)) return malformed(endpoint, "confidence outside 0..1");
    if (reason == null || !reason.isTextual() || reason.asText().isBlank()) return malformed(endpoint, "no reason text");
    if (reason.asText().length() > MAX_REASON) return malformed(endpoint, "reason longer than " + MAX_REASON + " characters");
    return new AdviceVerdict(endpoint, opinion, c, reason.asText().strip().replaceAll("\\s+", " "), AdviceVerdict.Outcome.ANSWERED);
  }

  private static AdviceVerdict malformed(String endpoint, String why) {
    return AdviceVerdict.none(endpoint, AdviceVerdict.Outcome.MALFORMED, "malformed: " + why);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
