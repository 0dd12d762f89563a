package io.troupe.market;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * How a bar file is read: what to do with a bad row, and the limits of a believable price ({@link PriceSanity}). A
 * record so more knobs can be added without changing the readers' signatures.
 */
public record ReadOptions(OnBadRow onBadRow, PriceSanity sanity) {

  public static final ReadOptions DEFAULT = new ReadOptions(OnBadRow.FAIL, PriceSanity.DEFAULT);

  public ReadOptions {
    Objects.requireNonNull(onBadRow, "onBadRow");
    Objects.requireNonNull(sanity, "sanity");
  }

  /** The policy with the default price sanity limits. */
  public ReadOptions(OnBadRow onBadRow) {
    this(onBadRow, PriceSanity.DEFAULT);
  }

  /** The policy with the price sanity limits of {@code troupe.data.sanity} in {@code config} (the defaults when absent). */
  public static ReadOptions of(OnBadRow onBadRow, Config config) {
    return new ReadOptions(onBadRow, PriceSanity.fromConfig(config));
  }

  public static ReadOptions failOnBadRow() {
    return DEFAULT;
  }

  public static ReadOptions skipBadRows() {
    return new ReadOptions(OnBadRow.SKIP);
  }
}
