package io.troupe.market;

/** Why a data row was rejected; the keys of {@link ReadReport#skippedByReason()}. */
public enum BadRowReason {
  MISSING_FIELD("missing field"),
  NOT_A_NUMBER("not a number"),
  NOT_FINITE("not finite"),
  NOT_POSITIVE("price not positive"),
  NEGATIVE_VOLUME("negative volume"),
  BAD_TIME("unreadable time"),
  OUT_OF_ORDER("older than previous row"),
  DUPLICATE_TIME("duplicate time"),
  HIGH_BELOW_LOW("high below low"),
  HIGH_BELOW_OPEN_CLOSE("high below max(open, close)"),
  LOW_ABOVE_OPEN_CLOSE("low above min(open, close)"),
  MALFORMED_ROW("row is not an array"),
  PRICE_OUT_OF_BOUNDS("price out of bounds"),
  PRICE_JUMP("price jump"),
  VOLUME_OUT_OF_BOUNDS("volume out of bounds");

  private final String description;

  BadRowReason(String description) {
    this.description = description;
  }

  /** Short human text, used by reports. */
  public String description() {
    return description;
  }
}
