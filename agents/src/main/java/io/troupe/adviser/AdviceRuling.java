package io.troupe.adviser;

import io.troupe.persistence.CborSerializable;
import java.util.List;

/**
 * What the adviser made of one entry: the endpoints' verdicts, and the {@code action} taken on the intent (pass,
 * veto or scale), with the wanted position before and after ({@code targetAfter} is the position held for a veto)
 * and why. {@code promptHash} names the prompt the verdicts answer; {@code keys} are each verdict's cache key (the
 * prompt put to that endpoint), so a journaled ruling seeds the cache of a resume's replay.
 */
public record AdviceRuling(
    long time, String symbol, String specialist, String promptHash, List<AdviceVerdict> verdicts, List<String> keys, Action action,
    double targetBefore, double targetAfter, String reason) implements CborSerializable {

  public enum Action {
    PASS, VETO, SCALE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public AdviceRuling {
    verdicts = List.copyOf(verdicts);
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
