package io.troupe.gateway.binance;

import io.troupe.model.ExecutionReport;
import io.troupe.model.ExecutionReport.ChargedFee;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The prices a fee in a third asset (BNB) is converted at, as plain decisions: a price of ASSET+QUOTE from Binance's
 * {@code GET /api/v3/ticker/price}, kept for {@link #LIFE} of venue time. A fill is converted at a price read within
 * {@code LIFE} of its own event time; one older than that (found after a reconnection, or a restart) at the 1m kline of
 * its minute, so a fee is valued at the price of its time, not of the moment it was reported. When Binance gives no
 * price (no such symbol, no answer) the fill's fee is 0 and its charge says {@code none}: explicit in the journal (the
 * amount and asset as charged) and in the log, never a silent zero; the price is asked for again once that answer is
 * older than {@code LIFE}.
 */
final class FeeRates {
  static final Duration LIFE = Duration.ofSeconds(10);
  static final String NONE = "none";

  /** A price of one unit of a fee asset in the quote currency ({@code NaN}: none to be had), from {@code source}, at venue time {@code time}. */
  record Rate(double price, String source, long time) {}

  /** What to ask Binance for: {@code symbol} (ASSET+QUOTE), the ticker ({@code minute} 0) or the 1m kline opening at {@code minute}. */
  record Need(String symbol, long minute) {
    String key() {
      return minute == 0 ? symbol : symbol + "@" + minute;
    }
  }

  private final Map<String, Rate> rates = new HashMap<>();

  /** What {@code fill} needs asked before it can be converted, its batch made at venue time {@code now}; null when nothing. */
  Need need(ExecutionReport.Fill fill, long now) {
    if (!pending(fill)) return null;
    Need n = needOf(fill, now);
    Rate r = rates.get(n.key());
    // Read within LIFE before the fill's batch was made, or after it (the answer this batch waited for, however slow).
    return r != null && r.time() >= now - LIFE.toMillis() ? null : n;
  }

  private static Need needOf(ExecutionReport.Fill fill, long now) {
    String symbol = fill.charged().asset() + BinanceOrders.quoteOf(fill.symbol(), fill.charged().asset());
    boolean recent = Math.abs(now - fill.time()) <= LIFE.toMillis();
    return new Need(symbol, recent ? 0 : fill.time() - Math.floorMod(fill.time(), 60_000L));
  }

  /** Binance's answer to {@code need} ({@code price} NaN: none). */
  void answered(Need need, double price, long now) {
    String source = !(price > 0) ? NONE : need.minute() == 0 ? "ticker " + need.symbol() : "kline 1m " + need.symbol();
    rates.put(need.key(), new Rate(price > 0 ? price : Double.NaN, source, now));
  }

  /** {@code fill} with its fee in the quote currency, at the price known for it (0 and {@code none} when there is none). */
  ExecutionReport.Fill convert(ExecutionReport.Fill fill, long now) {
    if (!pending(fill)) return fill;
    Rate r = rates.get(needOf(fill, now).key());
    ChargedFee c = fill.charged();
    if (r == null || Double.isNaN(r.price())) return fill.withFee(0, new ChargedFee(c.asset(), c.amount(), Double.NaN, NONE, r == null ? now : r.time()));
    return fill.withFee(c.amount() * r.price(), new ChargedFee(c.asset(), c.amount(), r.price(), r.source(), r.time()));
  }

  static boolean pending(ExecutionReport.Fill fill) {
    return fill.charged() != null && BinanceOrders.RATE_PENDING.equals(fill.charged().source());
  }
}
