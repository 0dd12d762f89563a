package io.troupe.strategy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Leans against crowded perpetual funding. A positive funding rate means longs pay shorts: the long side is crowded,
 * so new longs are the risky side and shorts the favoured one; negative funding the other way round.
 *
 * <p>{@link #bias(long)} is {@code -clamp(rate / crowdedRate, -1, 1)} for the latest rate at or before the time: +1
 * favours longs fully, -1 shorts. {@link #apply(Signal)} scales an entry's confidence by {@code 1 - crowding} where
 * crowding is how much the bias opposes the entry (0 when it agrees), and drops the entry (returns null) when the rate
 * is at or beyond {@code crowdedRate} against it. FLAT signals always pass: an exit is never blocked. Before the first
 * funding print there is no bias.
 */
public final class FundingBias {
  private final NavigableMap<Long, Double> rates;
  private final double crowdedRate;

  /** @param rates funding rate per funding interval (0.0001 = 0.01%) by time, epoch ms */
  public FundingBias(Map<Long, Double> rates, double crowdedRate) {
    if (!(crowdedRate > 0)) throw new IllegalArgumentException("crowded funding rate must be > 0, got " + crowdedRate);
    this.rates = new TreeMap<>(rates);
    this.crowdedRate = crowdedRate;
  }

  /** The latest funding rate at or before {@code time}; NaN before the first. */
  public double rateAt(long time) {
    Map.Entry<Long, Double> e = rates.floorEntry(time);
    return e == null ? Double.NaN : e.getValue();
  }

  /** In [-1, 1]: positive favours longs (shorts crowded), negative favours shorts; 0 when unknown. */
  public double bias(long time) {
    double rate = rateAt(time);
    if (Double.isNaN(rate)) return 0;
    return -Math.max(-1, Math.min(1, rate / crowdedRate));
  }

  /** The signal with its confidence reduced by the funding crowding against it; null when fully crowded against. */
  public Signal apply(Signal s) {
    if (s == null || s.direction() == Direction.FLAT) return s;
    double sign = s.direction() == Direction.LONG ? 1 : -1;
    double against = Math.max(0, -sign * bias(s.time()));
    if (against >= 1) return null;
    return new Signal(s.symbol(), s.time(), s.direction(), s.strength(), s.confidence() * (1 - against), s.stop(), s.target(), s.source());
  }

  /**
   * Reads freqtrade's funding-rate JSON: rows of {@code [timestamp_ms, rate, 0, 0, 0, 0]} (the rate in the "open"
   * column), optionally gzipped. Read here rather than by the bar reader, which rightly rejects zero prices.
   */
  public static NavigableMap<Long, Double> readFreqtradeJson(Path file) {
    NavigableMap<Long, Double> out = new TreeMap<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        JsonParser p = new JsonFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) throw new InvalidInputException(file + ": expected a JSON array of funding rows");
      int row = 0;
      while (p.nextToken() == JsonToken.START_ARRAY) {
        row++;
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT) throw new InvalidInputException(file + ": row " + row + ": timestamp is not an integer");
        long time = p.getLongValue();
        t = p.nextToken();
        if (t == null || !t.isNumeric()) throw new InvalidInputException(file + ": row " + row + ": funding rate is not a number");
        double rate = p.getDoubleValue();
        if (!Double.isFinite(rate)) throw new InvalidInputException(file + ": row " + row + ": funding rate is not finite");
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) throw new InvalidInputException(file + ": row " + row + ": truncated");
          p.skipChildren();
        }
        out.put(time, rate);
      }
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read funding rates: " + e.getMessage(), e);
    }
    return out;
  }
}
