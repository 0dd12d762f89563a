package io.troupe.adviser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.model.EntryBrief;
import io.troupe.model.OrderIntent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The prompt for one entry, compact and structured: a fixed instruction asking for a JSON verdict, and the entry as
 * one JSON object (symbol, side, what it does to the position, regime, signal, recent indicators, the open position,
 * price, stop and target). Numbers carry 6 significant digits and keys are sorted, so the same entry gives the same
 * text, and the same hash, on every run. No date is sent: a model trained on the market's history must not be told
 * where in it a backtest is.
 */
public final class AdvicePrompt {

  static final String INSTRUCTION = "You review one proposed trade entry for a trading desk's risk team. "
      + "Judge only from the data given. Reply with one JSON object and nothing else: "
      + "{\"verdict\": \"approve\" or \"veto\", \"confidence\": a number from 0 to 1, \"reason\": a short reason, at most 200 characters}.";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MathContext DIGITS = new MathContext(6);

  private final String text;

  private AdvicePrompt(String text) {
    this.text = text;
  }

  /** The prompt for {@code intent}, with what its desk knew ({@code brief}, may be null) and the position {@code held}. */
  public static AdvicePrompt of(OrderIntent intent, EntryBrief brief, double held) {
    ObjectNode o = JSON.createObjectNode();
    o.put("symbol", intent.symbol());
    double target = intent.targetQuantity();
    o.put("side", target > 0 ? "long" : "short");
    o.put("action", held == 0 ? "open" : Math.signum(held) != Math.signum(target) ? "flip" : "add");
    o.set("position_quantity", number(held));
    o.set("target_quantity", number(target));
    o.set("price", number(intent.referencePrice()));
    o.set("stop", number(intent.stopLoss()));
    o.set("target_price", number(intent.takeProfit()));
    o.put("specialist", intent.specialist());
    ObjectNode signal = o.putObject("signal");
    if (brief != null) {
      o.put("regime", brief.regime());
      signal.put("direction", brief.direction());
      signal.set("strength", number(brief.strength()));
      signal.set("confidence", number(brief.confidence()));
      ObjectNode indicators = o.putObject("indicators");
      for (Map.Entry<String, Double> e : brief.indicators().entrySet()) indicators.set(e.getKey(), number(e.getValue()));
    }
    return new AdvicePrompt(sorted(o).toString());
  }

  /** The entry as the prompt states it (the user message). */
  public String text() {
    return text;
  }

  /**
   * The cache key of this prompt put to {@code endpoint}: SHA-256 over the endpoint's name and model, the instruction
   * and the text (two endpoints serving one model are two opinions).
   */
  public String hash(AdviserSettings.Endpoint endpoint) {
    return sha256(endpoint.name() + "\n" + endpoint.model() + "\n" + INSTRUCTION + "\n" + text);
  }

  /** The prompt's own hash (no endpoint): the ruling's name for it. */
  public String hash() {
    return sha256(INSTRUCTION + "\n" + text);
  }

  /** The chat-completion request for {@code endpoint}: deterministic sampling, a JSON object asked for. */
  public String requestBody(AdviserSettings.Endpoint endpoint) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", endpoint.model());
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", INSTRUCTION);
    messages.addObject().put("role", "user").put("content", text);
    body.put("temperature", 0);
    body.put("max_tokens", endpoint.maxTokens());
    body.putObject("response_format").put("type", "json_object");
    return body.toString();
  }

  private static com.fasterxml.jackson.databind.JsonNode number(double v) {
    if (!Double.isFinite(v)) return JSON.getNodeFactory().nullNode();
    return JSON.getNodeFactory().numberNode(new BigDecimal(v).round(DIGITS).stripTrailingZeros());
  }

  private static ObjectNode sorted(ObjectNode o) {
    ObjectNode out = JSON.createObjectNode();
    java.util.List<String> names = new java.util.ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    java.util.Collections.sort(names);
    for (String n : names) {
      var v = o.get(n);
      out.set(n, v instanceof ObjectNode child ? sorted(child) : v);
    }
    return out;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
