package io.troupe.app.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import io.troupe.app.report.AtomicFiles;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every alert a session raised and the webhooks that acknowledged it, kept in a JSON file beside the session's
 * manifest ({@code session-<id>.alerts.json}) and rewritten atomically at each change. A resume reads it back: an
 * alert it holds is never raised again, and one a webhook has not acknowledged is sent to that webhook again.
 *
 * <p>Outside the journal on purpose: a journal write failure must still be alerted, and a delivered alert stays
 * delivered whatever happens to the journal later (restored from a backup, rolled back). The file names webhooks by a
 * hash ({@link Webhook#key}), never by URL. An alert is written here before it is first sent, and marked once a
 * webhook answers 2xx; a kill between the answer and the mark sends it once more on resume, so the body carries the
 * alert's id for a receiver to deduplicate on. Not thread-safe: {@link SessionAlerts} uses it from one thread. With no
 * file it keeps the same record in memory only.
 */
final class AlertOutbox {

  /** One raised alert and the webhooks (by key) that acknowledged it. */
  record Entry(Alert alert, List<String> deliveredTo) {}

  private record Contents(String session, List<Entry> alerts) {}

  private final Path file;
  private final String session;
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, TreeSet<String>> delivered = new LinkedHashMap<>();

  private AlertOutbox(Path file, String session) {
    this.file = file;
    this.session = session;
  }

  /** The outbox of {@code session} in {@code file} (read when it exists); {@code file} null keeps it in memory. */
  static AlertOutbox open(Path file, String session) {
    AlertOutbox box = new AlertOutbox(file, session);
    if (file == null || !Files.exists(file)) return box;
    Contents c;
    try {
      c = AlertJson.MAPPER.readValue(file.toFile(), new TypeReference<Contents>() {});
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not a readable alert outbox (" + e.getMessage().lines().findFirst().orElse("") + "); move it away to start"
          + " afresh (alerts it records as delivered may then be sent again)");
    }
    for (Entry e : c.alerts() == null ? List.<Entry>of() : c.alerts()) {
      box.alerts.put(e.alert().id(), e.alert());
      box.delivered.put(e.alert().id(), new TreeSet<>(e.deliveredTo() == null ? List.of() : e.deliveredTo()));
    }
    return box;
  }

  boolean knows(String id) {
    return alerts.containsKey(id);
  }

  /** Records {@code alert} as raised, not yet delivered anywhere; durable when this returns. */
  void raise(Alert alert) throws IOException {
    alerts.put(alert.id(), alert);
    delivered.put(alert.id(), new TreeSet<>());
    save();
  }

  /** Webhook {@code key} acknowledged alert {@code id}; durable when this returns. */
  void delivered(String id, String key) throws IOException {
    if (delivered.computeIfAbsent(id, k -> new TreeSet<>()).add(key)) save();
  }

  boolean isDelivered(String id, String key) {
    TreeSet<String> to = delivered.get(id);
    return to != null && to.contains(key);
  }

  /** The alerts webhook {@code key} has not acknowledged, in the order they were raised. */
  List<Alert> undelivered(String key) {
    List<Alert> out = new ArrayList<>();
    for (Alert a : alerts.values()) if (!isDelivered(a.id(), key)) out.add(a);
    return out;
  }

  private void save() throws IOException {
    if (file == null) return;
    List<Entry> entries = new ArrayList<>();
    for (Alert a : alerts.values()) entries.add(new Entry(a, List.copyOf(delivered.get(a.id()))));
    byte[] json = AlertJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Contents(session, entries));
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.DISK.writeString(file, new String(json, java.nio.charset.StandardCharsets.UTF_8) + "\n");
  }
}
