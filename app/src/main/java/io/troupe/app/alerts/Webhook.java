package io.troupe.app.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One place alerts go: {@code url} takes a POST of the alert in {@code format}. The URL often is the secret (a Slack
 * webhook's path, a Telegram bot token), so it is never printed: {@link #describe} names the webhook by its place in
 * the list, its format and its host, and {@link #key} (a hash) is what the outbox records deliveries under.
 */
public record Webhook(int index, URI url, Format format, String chatId) {

  /** The body an alert is posted as. */
  public enum Format {
    /** The alert itself as a JSON object (snake_case fields). */
    JSON,
    /** Slack's incoming webhooks (and Mattermost, Rocket.Chat): {@code {"text": ...}}. */
    SLACK,
    /** Telegram's Bot API {@code sendMessage}: {@code {"chat_id": ..., "text": ...}}. */
    TELEGRAM
  }

  private static final ObjectMapper JSON = AlertJson.MAPPER;

  /** "webhook #1 (slack, hooks.slack.com)": enough to find it in the configuration, nothing of its secret. */
  public String describe() {
    return "webhook #" + (index + 1) + " (" + format.name().toLowerCase() + ", " + url.getHost() + ")";
  }

  /** A stable name for this webhook that gives nothing of its URL away. */
  public String key() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((format + " " + url + " " + (chatId == null ? "" : chatId)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request body for {@code alert}. */
  public byte[] body(Alert alert) {
    try {
      return switch (format) {
        case JSON -> JSON.writeValueAsBytes(alert);
        case SLACK -> {
          ObjectNode o = JSON.createObjectNode();
          o.put("text", text(alert));
          yield JSON.writeValueAsBytes(o);
        }
        case TELEGRAM -> {
          ObjectNode o = JSON.createObjectNode();
          o.put("chat_id", chatId);
          o.put("text", text(alert));
          o.put("disable_web_page_preview", true);
          yield JSON.writeValueAsBytes(o);
        }
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("alert " + alert.id() + ": " + e.getMessage(), e);
    }
  }

  /** The one message a chat shows: what happened, where, and the id a receiver can deduplicate on. */
  static String text(Alert alert) {
    return "troupe " + alert.session() + ": " + alert.title() + (alert.detail() == null || alert.detail().isBlank() ? "" : "\n" + alert.detail())
        + "\n(step " + alert.step() + ", alert " + alert.id() + ")";
  }
}
