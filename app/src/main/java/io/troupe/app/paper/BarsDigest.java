package io.troupe.app.paper;

import io.troupe.market.Bar;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A short fingerprint of one step's bars (SHA-256, first 8 bytes), and of all steps up to one ({@link #chain}): a
 * resume checks the data is the journaled one.
 */
final class BarsDigest {
  private final MessageDigest sha;
  private final MessageDigest chained;
  private final ByteBuffer numbers = ByteBuffer.allocate(6 * Long.BYTES);

  BarsDigest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
      chained = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  String of(List<Bar> step) {
    sha.reset();
    for (Bar b : step) {
      sha.update(b.symbol().getBytes(StandardCharsets.UTF_8));
      numbers.clear();
      numbers.putLong(b.time());
      for (double v : new double[] {b.open(), b.high(), b.low(), b.close(), b.volume()}) numbers.putLong(Double.doubleToLongBits(v));
      sha.update(numbers.array());
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 8);
  }

  /** The first chain value: no step yet. */
  static final String NO_STEPS = "";

  /**
   * The digest of every step so far, from the digest through the step before ({@code previous}, {@link #NO_STEPS} at
   * the first) and this step's {@link #of}: one short value vouches for the data of a whole span of steps.
   */
  String chain(String previous, String stepDigest) {
    chained.reset();
    chained.update(previous.getBytes(StandardCharsets.UTF_8));
    chained.update((byte) ':');
    chained.update(stepDigest.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(chained.digest(), 0, 8);
  }
}
