package io.troupe.strategy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.troupe.model.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Order-flow imbalance from a list of trades, when trades are available (the exact counterpart of the bar proxy in
 * {@link FlowImbalance}): buy volume is the amount of trades whose aggressor bought, sell volume the rest. Reads
 * freqtrade's trade files: a JSON array of rows {@code [timestamp_ms, id, type, side, price, amount, cost]} (optionally
 * gzipped), or a CSV with a header naming {@code timestamp, side, price, amount} (extra columns are ignored).
 */
public final class TradeFlow {

  /** One public trade: {@code buy} is true when the aggressor (taker) bought. */
  public record Trade(long time, String id, boolean buy, double price, double amount) {}

  /** Buy and sell volume of a set of trades; {@link #imbalance()} is (buy - sell) / (buy + sell). */
  public record Flow(double buyVolume, double sellVolume, int trades) {
    public double imbalance() {
      double total = buyVolume + sellVolume;
      return total > 0 ? (buyVolume - sellVolume) / total : Double.NaN;
    }

    Flow plus(Trade t) {
      return new Flow(buyVolume + (t.buy() ? t.amount() : 0), sellVolume + (t.buy() ? 0 : t.amount()), trades + 1);
    }
  }

  private TradeFlow() {}

  public static Flow of(List<Trade> trades) {
    Flow f = new Flow(0, 0, 0);
    for (Trade t : trades) f = f.plus(t);
    return f;
  }

  /** The flow per interval (keyed by the interval's start, epoch ms, a multiple of {@code intervalMillis}). */
  public static SortedMap<Long, Flow> byInterval(List<Trade> trades, long intervalMillis) {
    SortedMap<Long, Flow> out = new TreeMap<>();
    for (Trade t : trades) {
      long start = Math.floorDiv(t.time(), intervalMillis) * intervalMillis;
      out.merge(start, new Flow(0, 0, 0).plus(t), (a, b) -> a.plus(t));
    }
    return out;
  }

  /** Reads a freqtrade trades file: JSON (by name or content, {@code .gz} allowed) or CSV with a header. */
  public static List<Trade> read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gz = name.endsWith(".gz");
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
      return name.replace(".gz", "").endsWith(".csv") ? readCsv(file, in) : readJson(file, in);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read trades: " + e.getMessage(), e);
    }
  }

  private static List<Trade> readJson(Path file, InputStream in) throws IOException {
    List<Trade> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) throw new InvalidInputException(file + ": expected a JSON array of trade rows");
      int row = 0;
      while (p.nextToken() == JsonToken.START_ARRAY) {
        row++;
        String where = file + ": row " + row;
        long time = p.nextToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : fail(where, "timestamp");
        p.nextToken();
        String id = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsString();
        p.nextToken(); // type, unused
        p.nextToken();
        String side = p.getValueAsString();
        p.nextToken();
        double price = number(p, where, "price");
        p.nextToken();
        double amount = number(p, where, "amount");
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) throw new InvalidInputException(where + ": truncated");
          p.skipChildren();
        }
        out.add(new Trade(time, id, side(side, where), price, amount));
      }
    }
    return out;
  }

  private static List<Trade> readCsv(Path file, InputStream in) throws IOException {
    List<Trade> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = r.readLine();
    if (header == null) throw new InvalidInputException(file + ": empty trades file");
    List<String> cols = Arrays.stream(header.split(",", -1)).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    int ts = column(cols, "timestamp", file), id = cols.indexOf("id"), side = column(cols, "side", file);
    int price = column(cols, "price", file), amount = column(cols, "amount", file);
    String line;
    int lineNo = 1;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) continue;
      String[] f = line.split(",", -1);
      String where = file + ": line " + lineNo;
      try {
        out.add(new Trade(Long.parseLong(f[ts].trim()), id >= 0 ? f[id] : null, side(f[side].trim(), where),
            Double.parseDouble(f[price]), Double.parseDouble(f[amount])));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new InvalidInputException(where + ": bad trade row: " + line);
      }
    }
    return out;
  }

  private static int column(List<String> cols, String name, Path file) {
    int i = cols.indexOf(name);
    if (i < 0) throw new InvalidInputException(file + ": header has no '" + name + "' column: " + cols);
    return i;
  }

  private static boolean side(String side, String where) {
    if ("buy".equalsIgnoreCase(side)) return true;
    if ("sell".equalsIgnoreCase(side)) return false;
    throw new InvalidInputException(where + ": side must be buy or sell, got " + side);
  }

  private static double number(JsonParser p, String where, String field) throws IOException {
    if (!p.currentToken().isNumeric()) fail(where, field);
    return p.getDoubleValue();
  }

  private static long fail(String where, String field) {
    throw new InvalidInputException(where + ": " + field + " is not a number");
  }
}
