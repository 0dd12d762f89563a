package io.troupe.position;

import io.troupe.model.Position;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The positions of an account at one instant, as an immutable map in symbol order: what every step's
 * {@code AccountSnapshot} carries. Two arrays instead of a copied hash map, because a snapshot is taken at every step;
 * symbol order, because risk walks these positions (a flatten orders them in this order), so it must not depend on
 * hashing.
 */
final class PositionsBySymbol extends AbstractMap<String, Position> {

  /** Above this many symbols a lookup bisects instead of scanning. */
  private static final int SCAN_LIMIT = 16;

  private final String[] symbols; // sorted, shared by every snapshot of one portfolio
  private final Position[] positions;

  PositionsBySymbol(String[] symbols, Position[] positions) {
    this.symbols = symbols;
    this.positions = positions;
  }

  @Override
  public int size() {
    return symbols.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Position get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : positions[i];
  }

  private int indexOf(Object key) {
    if (symbols.length > SCAN_LIMIT) {
      if (!(key instanceof String s)) return -1;
      int i = Arrays.binarySearch(symbols, s);
      return i < 0 ? -1 : i;
    }
    for (int i = 0; i < symbols.length; i++) if (symbols[i].equals(key)) return i;
    return -1;
  }

  @Override
  public Set<Entry<String, Position>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return symbols.length;
      }

      @Override
      public Iterator<Entry<String, Position>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < symbols.length;
          }

          @Override
          public Entry<String, Position> next() {
            if (next >= symbols.length) throw new NoSuchElementException();
            int i = next++;
            return new SimpleImmutableEntry<>(symbols[i], positions[i]);
          }
        };
      }
    };
  }
}
