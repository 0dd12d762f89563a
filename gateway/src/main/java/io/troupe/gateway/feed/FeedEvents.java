package io.troupe.gateway.feed;

/**
 * What a live feed tells its owner besides bars: a connection (re)opened, a gap in a symbol's bars (and whether it was
 * filled from the venue's history), a trade too late for its bar. Called on the stream's thread; keep it quick.
 */
public interface FeedEvents {
  FeedEvents NONE = new FeedEvents() {};

  /** Connection {@code number} (from 1) is up; anything sent while the previous one was down may be missing. */
  default void connected(long number) {}

  /**
   * Bars of {@code symbol} from {@code from} up to (not including) {@code to} did not arrive; {@code filled} of them
   * were fetched from the venue's history and put in the stream in their place.
   */
  default void gap(String symbol, long from, long to, int filled) {}

  /** A trade of {@code symbol} at event time {@code time} came after its bar was closed; it is left out. */
  default void lateTrade(String symbol, long time) {}

  /**
   * The bar of {@code symbol} at {@code time}, built from trades, began before the connection that built it: the
   * venue's own bar could not be fetched in its place, so it holds only the trades seen since the connection opened.
   */
  default void partialBar(String symbol, long time) {}
}
