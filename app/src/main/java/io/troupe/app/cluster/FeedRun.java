package io.troupe.app.cluster;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One trading node's run on the feed: its id (each node's own, so a desk never takes a bar of an earlier run still on
 * its way), the feed that publishes its bars, and each step's sequence by the step's time. The feed's front writes a
 * step's sequence before it hands the step to the node; the coordinator (through {@link ShardedDesks}) reads it when it
 * names the step's bars to a desk: the node's message from the front orders the two.
 */
final class FeedRun {

  private final String id;
  private final ActorRef<MarketFeed.Command> feed;
  private final ConcurrentHashMap<Long, Long> seqByTime = new ConcurrentHashMap<>();

  FeedRun(String id, ActorRef<MarketFeed.Command> feed) {
    this.id = id;
    this.feed = feed;
  }

  String id() {
    return id;
  }

  ActorRef<MarketFeed.Command> feed() {
    return feed;
  }

  void numbered(long time, long seq) {
    seqByTime.put(time, seq);
  }

  /** The sequence of the step at {@code time}, or null when the front has not handed it over (or forgot it). */
  Long seqOf(long time) {
    return seqByTime.get(time);
  }

  void forget(List<Long> times) {
    for (Long t : times) seqByTime.remove(t);
  }
}
