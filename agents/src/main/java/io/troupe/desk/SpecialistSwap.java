package io.troupe.desk;

import io.troupe.model.InvalidInputException;
import io.troupe.persistence.CborSerializable;

/**
 * A change to a running desk's specialists: add a new one, replace one (the newcomer takes its name, its place and its
 * scorecard), or remove one. A new or replacing specialist first warms up in shadow ({@link SpecialistLineup}).
 *
 * @param definition the newcomer's strategy, for {@link Change#ADD} and {@link Change#REPLACE}; null for a removal
 */
public record SpecialistSwap(Change change, String symbol, String name, SpecialistDefinition definition) implements CborSerializable {

  public enum Change {
    ADD, REPLACE, REMOVE;

    /** As an operator writes it. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code add}, {@code replace} or {@code remove}, else an error naming {@code field}. */
    public static Change parse(String text, String field) {
      for (Change c : values()) if (c.code().equals(text)) return c;
      throw new InvalidInputException(field + ": '" + text + "' is not one of add, replace, remove");
    }
  }

  public SpecialistSwap {
    if (change == null) throw new InvalidInputException("a swap needs a change (add, replace or remove)");
    if (symbol == null || symbol.isBlank()) throw new InvalidInputException("a swap needs the desk's symbol");
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new InvalidInputException("specialist name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (change == Change.REMOVE && definition != null) throw new InvalidInputException("remove takes no genome or strategy");
    if (change != Change.REMOVE && definition == null) throw new InvalidInputException(change.code() + " needs a genome or a strategy");
  }

  /** As a person reads it: {@code replace trending-default on BTCUSDT with genome ...}. */
  public String describe() {
    return change.code() + " " + name + " on " + symbol + (definition == null ? "" : " with " + definition.describe());
  }
}
