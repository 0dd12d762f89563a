package io.troupe.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A control's JSON body, checked field by field: an object, a {@code reason} (required, one line of text), and only
 * the fields the endpoint takes, each of its type. A refusal names the field.
 */
final class ControlBody {

  /** A body that cannot be used: 400, naming {@code field} (null when the body as a whole is wrong). */
  static final class Refused extends Exception {
    final String field;

    Refused(String message, String field) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  static final int MAX_REASON = 500;

  private final Map<String, JsonNode> fields;

  private ControlBody(Map<String, JsonNode> fields) {
    this.fields = fields;
  }

  /** Parses {@code body}; {@code optional} are the fields besides {@code reason} this endpoint takes. */
  static ControlBody parse(String body, Set<String> optional) throws Refused {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : ApiJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refused("the body is not JSON: " + e.getOriginalMessage(), null);
    }
    if (root == null) throw new Refused("the body must be a JSON object with a reason, e.g. {\"reason\": \"...\"}", "reason");
    if (!root.isObject()) throw new Refused("the body must be a JSON object, got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT), null);
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
      var e = it.next();
      if (!e.getKey().equals("reason") && !optional.contains(e.getKey())) {
        Set<String> known = new TreeSet<>(optional);
        known.add("reason");
        throw new Refused("unknown field '" + e.getKey() + "'; this endpoint takes " + String.join(", ", known), e.getKey());
      }
      fields.put(e.getKey(), e.getValue());
    }
    ControlBody parsed = new ControlBody(fields);
    String reason = parsed.text("reason");
    if (reason == null || reason.isBlank()) throw new Refused("'reason' is required: say why, in a few words", "reason");
    if (reason.length() > MAX_REASON) throw new Refused("'reason' is longer than " + MAX_REASON + " characters", "reason");
    if (reason.chars().anyMatch(Character::isISOControl)) throw new Refused("'reason' must be one line of text (no control characters)", "reason");
    return parsed;
  }

  String reason() throws Refused {
    return text("reason").strip();
  }

  /** A text field, null when absent or null. */
  String text(String name) throws Refused {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new Refused("'" + name + "' must be a string, got " + kind(v), name);
    return v.textValue();
  }

  /** A field as given, of any type; null when absent or null. */
  JsonNode node(String name) {
    JsonNode v = fields.get(name);
    return v == null || v.isNull() ? null : v;
  }

  Boolean bool(String name) throws Refused {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw new Refused("'" + name + "' must be true or false, got " + kind(v), name);
    return v.booleanValue();
  }

  /** A finite number above 0, null when absent or null. */
  Double positive(String name) throws Refused {
    JsonNode v = fields.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isNumber()) throw new Refused("'" + name + "' must be a number, got " + kind(v), name);
    double d = v.doubleValue();
    if (!Double.isFinite(d) || d <= 0) throw new Refused("'" + name + "' must be a number above 0, got " + v.asText(), name);
    return d;
  }

  private static String kind(JsonNode v) {
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
