package io.troupe.market;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.model.InvalidInputException;

/**
 * The limits of a believable row, checked by every reader after the row's own consistency (see {@link RowValidator}):
 * a row outside them is a bad row like any other, named by file, line and field, and stopped at or skipped and counted
 * under {@link OnBadRow}. Configured under {@code troupe.data.sanity} (config/application.conf).
 *
 * <ul>
 *   <li>{@code maxJumpFactor}: no price of a row (open, high, low, close) may be more than this many times the previous
 *       accepted row's close, or less than that close divided by it; 0 turns the rule off. The first row of a file has
 *       no previous close and is checked against the bounds only. A skipped row does not move the reference, so a
 *       lone spike is skipped and the rows after it are judged against the close before it.
 *   <li>{@code minPrice}, {@code maxPrice}: every price must lie within these bounds.
 *   <li>{@code maxVolume}: the volume, when the file has one, must not exceed this.
 * </ul>
 *
 * The defaults accept every bundled and reference data file (the largest move between a close and the next row's
 * prices in them is x1.6, over a daily stock series; 5m altcoin pairs reach x1.17) and refuse a x100 spike, a wick to
 * 1e-300 and a price of 1e308.
 */
public record PriceSanity(double maxJumpFactor, double minPrice, double maxPrice, double maxVolume) {

  /** The configuration section. */
  public static final String CONFIG_PATH = "troupe.data.sanity";

  /** The same values as config/application.conf. */
  public static final PriceSanity DEFAULT = new PriceSanity(10, 1e-12, 1e12, 1e18);

  public PriceSanity {
    if (!(maxJumpFactor == 0 || (maxJumpFactor > 1 && Double.isFinite(maxJumpFactor)))) {
      throw new InvalidInputException(CONFIG_PATH + ".max-jump-factor must be 0 (off) or a finite number > 1, got " + RowValidator.num(maxJumpFactor));
    }
    if (!(minPrice > 0 && Double.isFinite(minPrice))) {
      throw new InvalidInputException(CONFIG_PATH + ".min-price must be a finite number > 0, got " + RowValidator.num(minPrice));
    }
    if (!(maxPrice > minPrice && Double.isFinite(maxPrice))) {
      throw new InvalidInputException(
          CONFIG_PATH + ".max-price must be finite and above min-price " + RowValidator.num(minPrice) + ", got " + RowValidator.num(maxPrice));
    }
    if (!(maxVolume > 0 && Double.isFinite(maxVolume))) {
      throw new InvalidInputException(CONFIG_PATH + ".max-volume must be a finite number > 0, got " + RowValidator.num(maxVolume));
    }
  }

  /** Reads {@code troupe.data.sanity} from a whole configuration; {@link #DEFAULT} when the section is absent. */
  public static PriceSanity fromConfig(Config root) {
    if (root == null || !root.hasPath(CONFIG_PATH)) return DEFAULT;
    Config c = root.getConfig(CONFIG_PATH);
    try {
      return new PriceSanity(
          c.hasPath("max-jump-factor") ? c.getDouble("max-jump-factor") : DEFAULT.maxJumpFactor,
          c.hasPath("min-price") ? c.getDouble("min-price") : DEFAULT.minPrice,
          c.hasPath("max-price") ? c.getDouble("max-price") : DEFAULT.maxPrice,
          c.hasPath("max-volume") ? c.getDouble("max-volume") : DEFAULT.maxVolume);
    } catch (ConfigException e) {
      throw new InvalidInputException(CONFIG_PATH + ": " + e.getMessage(), e);
    }
  }
}
