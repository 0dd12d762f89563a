package io.troupe.market;

import java.util.Objects;

/** How a bar file is read. A record so more knobs can be added without changing the readers' signatures. */
public record ReadOptions(OnBadRow onBadRow) {

  public static final ReadOptions DEFAULT = new ReadOptions(OnBadRow.FAIL);

  public ReadOptions {
    Objects.requireNonNull(onBadRow, "onBadRow");
  }

  public static ReadOptions failOnBadRow() {
    return DEFAULT;
  }

  public static ReadOptions skipBadRows() {
    return new ReadOptions(OnBadRow.SKIP);
  }
}
