package io.troupe.app.cluster;

import io.troupe.model.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a member hosts: the account singleton, sharded desks, or the market feed (its run's data). */
public enum ClusterRole {
  ACCOUNT,
  DESK,
  FEED;

  /** The role as Pekko's cluster knows it (pekko.cluster.roles). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The roles given to {@code --role}, each one of account, desk, feed, at least one. */
  public static Set<ClusterRole> parse(List<String> given) {
    if (given == null || given.isEmpty()) throw new InvalidInputException("--role: give at least one of account, desk, feed");
    Set<ClusterRole> roles = EnumSet.noneOf(ClusterRole.class);
    for (String g : given) {
      String r = g.strip();
      try {
        roles.add(valueOf(r.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--role: '" + g + "' is not one of account, desk, feed");
      }
    }
    return roles;
  }
}
