package io.troupe.adviser;

import io.troupe.persistence.CborSerializable;
import java.util.List;

/**
 * What the adviser made of one entry: the endpoints' verdicts, and the {@code action} taken on the intent (pass,
 * veto or scale), with the wanted position before and after ({@code targetAfter} is the position held for a veto)
 * and why. {@code promptHash} names the prompt the verdicts answer (the cache's key, with each endpoint's name).
 */
public record AdviceRuling(
    long time, String symbol, String specialist, String promptHash, List<AdviceVerdict> verdicts, Action action, double targetBefore,
    double targetAfter, String reason) implements CborSerializable {

  public enum Action {
    PASS, VETO, SCALE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public AdviceRuling {
    verdicts = List.copyOf(verdicts);
  }
}
