package io.troupe.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.app.paper.OperatorControl;
import io.troupe.desk.SpecialistDefinition;
import io.troupe.desk.SpecialistSwap;
import io.troupe.model.InvalidInputException;
import io.troupe.specialist.GenomeLoader;
import io.troupe.strategy.StrategyCatalog;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The body of {@code POST /api/v1/desks/{symbol}/specialists}: {@code action} (add, replace, remove), {@code name},
 * and for add and replace either a {@code genome} (the JSON of a genome file) or a {@code strategy} with its
 * {@code params}. Checked with the command line's own checks (genome ranges, the strategy catalog), so a bad genome,
 * an unknown strategy or a bad parameter gets the same message, as a 400 naming the field, before anything is queued.
 */
final class SwapRequest {

  static final Set<String> FIELDS = Set.of("action", "name", "genome", "strategy", "params");

  private SwapRequest() {}

  static OperatorControl parse(ControlBody body, String symbol) throws ControlBody.Refused {
    String actionText = body.text("action");
    if (actionText == null) throw new ControlBody.Refused("'action' is required: add, replace or remove", "action");
    SpecialistSwap.Change change;
    try {
      change = SpecialistSwap.Change.parse(actionText, "'action'");
    } catch (InvalidInputException e) {
      throw new ControlBody.Refused(e.getMessage(), "action");
    }
    String name = body.text("name");
    if (name == null) throw new ControlBody.Refused("'name' is required: the specialist's name on the desk", "name");
    JsonNode genome = body.node("genome");
    String strategy = body.text("strategy");
    JsonNode params = body.node("params");
    SpecialistDefinition definition = null;
    if (change == SpecialistSwap.Change.REMOVE) {
      for (String f : new String[] {"genome", "strategy", "params"}) {
        if (body.node(f) != null) throw new ControlBody.Refused("remove takes no '" + f + "'", f);
      }
    } else if ((genome == null) == (strategy == null)) {
      throw new ControlBody.Refused(change.code() + " needs either a 'genome' or a 'strategy' (with 'params'), not " + (genome == null ? "neither" : "both"),
          genome == null ? "genome" : "strategy");
    } else if (genome != null) {
      if (params != null) throw new ControlBody.Refused("'params' go with a 'strategy'; a genome has its own", "params");
      if (!genome.isObject()) throw new ControlBody.Refused("'genome' must be an object: a genome file's JSON", "genome");
      try {
        definition = SpecialistDefinition.of(GenomeLoader.parse(genome.toString(), "genome"));
      } catch (InvalidInputException e) {
        throw new ControlBody.Refused(e.getMessage(), "genome");
      }
    } else {
      Map<String, String> raw = new LinkedHashMap<>();
      if (params != null) {
        if (!params.isObject()) throw new ControlBody.Refused("'params' must be an object of numbers, e.g. {\"period\": 20}", "params");
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
          var e = it.next();
          JsonNode v = e.getValue();
          if (!v.isNumber() && !v.isTextual()) throw new ControlBody.Refused("'params." + e.getKey() + "' must be a number, got " + v, "params");
          raw.put(e.getKey(), v.asText());
        }
      }
      boolean known = StrategyCatalog.available().stream().anyMatch(s -> s.startsWith(strategy + "("));
      try {
        definition = SpecialistDefinition.of(strategy, new TreeMap<>(raw));
      } catch (InvalidInputException e) {
        throw new ControlBody.Refused(e.getMessage(), known ? "params" : "strategy");
      }
    }
    try {
      return OperatorControl.swap(new SpecialistSwap(change, symbol, name, definition));
    } catch (InvalidInputException e) {
      throw new ControlBody.Refused(e.getMessage(), "name");
    }
  }
}
