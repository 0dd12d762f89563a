package io.troupe.app.research;

import io.troupe.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How a search picks its candidates, batch by batch: every batch is evaluated before the next is asked for, so a
 * method may learn from the scores so far. Each is deterministic under its seed: the same seed, space and scores give
 * the same candidates in the same order.
 */
public interface SearchMethod {

  /** A candidate's score, higher is better; an evaluated candidate only. Infeasible or undefined: negative infinity. */
  interface Fitness {
    double of(Map<String, String> candidate);
  }

  /** The next batch, or an empty list when the search is done. */
  List<Map<String, String>> next(Fitness fitness);

  static String key(Map<String, String> candidate) {
    StringBuilder b = new StringBuilder();
    candidate.forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
    return b.toString().trim();
  }

  /** Every combination of the dimensions' grid points, the first dimension varying slowest. */
  final class Grid implements SearchMethod {
    private final List<Dimension> dims;
    private boolean done;

    public Grid(List<Dimension> dims, int max) {
      long total = 1;
      for (Dimension d : dims) {
        if (d.levels() < 0) {
          throw new InvalidInputException(d.where() + ": " + d.key() + ": a grid needs step or count on a range (or use --method random or genetic)");
        }
        total *= d.levels();
        if (total > max) throw new InvalidInputException("--method grid: more than " + max + " combinations; take bigger steps, or --method random");
      }
      this.dims = dims;
    }

    @Override
    public List<Map<String, String>> next(Fitness fitness) {
      if (done) return List.of();
      done = true;
      List<Map<String, String>> out = new ArrayList<>();
      out.add(new LinkedHashMap<>());
      for (Dimension d : dims) {
        List<Map<String, String>> more = new ArrayList<>();
        for (Map<String, String> partial : out) {
          for (String v : d.gridValues()) {
            Map<String, String> m = new LinkedHashMap<>(partial);
            m.put(d.key(), v);
            more.add(m);
          }
        }
        out = more;
      }
      return out;
    }
  }

  /** {@code samples} candidates drawn uniformly from the space (distinct while the space has room). */
  final class RandomSearch implements SearchMethod {
    private final List<Dimension> dims;
    private final int samples;
    private final Random random;
    private boolean done;

    public RandomSearch(List<Dimension> dims, int samples, long seed) {
      this.dims = dims;
      this.samples = samples;
      this.random = new Random(seed);
    }

    @Override
    public List<Map<String, String>> next(Fitness fitness) {
      if (done) return List.of();
      done = true;
      Set<String> seen = new LinkedHashSet<>();
      List<Map<String, String>> out = new ArrayList<>();
      for (int tries = 0; out.size() < samples && tries < samples * 20; tries++) {
        Map<String, String> c = draw(dims, random);
        if (seen.add(key(c))) out.add(c);
      }
      return out;
    }
  }

  static Map<String, String> draw(List<Dimension> dims, Random random) {
    Map<String, String> c = new LinkedHashMap<>();
    for (Dimension d : dims) c.put(d.key(), d.sample(random));
    return c;
  }

  /**
   * A genetic search: a first population drawn at random, then each generation keeps the {@code elite} best as they
   * are and breeds the rest from parents chosen by tournament ({@code tournament} drawn at random, the best of them
   * wins), each child taking every value from either parent at random with probability {@code crossover} (else a copy
   * of the first), then each value mutated with probability {@code mutation} ({@link Dimension#mutate}).
   */
  final class Genetic implements SearchMethod {
    public record Settings(int population, int generations, int tournament, double crossover, double mutation, int elite) {
      public Settings {
        if (population < 2) throw new InvalidInputException("--population must be at least 2, got " + population);
        if (generations < 1) throw new InvalidInputException("--generations must be at least 1, got " + generations);
        if (tournament < 1 || tournament > population) throw new InvalidInputException("--tournament must be between 1 and --population, got " + tournament);
        if (!(crossover >= 0 && crossover <= 1)) throw new InvalidInputException("--crossover is a probability in [0, 1], got " + crossover);
        if (!(mutation >= 0 && mutation <= 1)) throw new InvalidInputException("--mutation is a probability in [0, 1], got " + mutation);
        if (elite < 0 || elite >= population) throw new InvalidInputException("--elite must be between 0 and --population - 1, got " + elite);
      }
    }

    private final List<Dimension> dims;
    private final Settings s;
    private final Random random;
    private List<Map<String, String>> population;
    private int generation;

    public Genetic(List<Dimension> dims, Settings settings, long seed) {
      this.dims = dims;
      this.s = settings;
      this.random = new Random(seed);
    }

    public int generation() {
      return generation;
    }

    @Override
    public List<Map<String, String>> next(Fitness fitness) {
      if (generation >= s.generations()) return List.of();
      generation++;
      if (population == null) {
        Set<String> seen = new LinkedHashSet<>();
        population = new ArrayList<>();
        for (int tries = 0; population.size() < s.population() && tries < s.population() * 20; tries++) {
          Map<String, String> c = draw(dims, random);
          if (seen.add(key(c))) population.add(c);
        }
        return population;
      }
      // Best first; ties keep the population's order (a stable sort), so the order is the seed's alone.
      List<Map<String, String>> ranked = new ArrayList<>(population);
      ranked.sort(Comparator.comparingDouble((Map<String, String> c) -> -fitness.of(c)));
      List<Map<String, String>> next = new ArrayList<>(ranked.subList(0, Math.min(s.elite(), ranked.size())));
      Set<String> seen = new LinkedHashSet<>();
      for (Map<String, String> c : next) seen.add(key(c));
      for (int tries = 0; next.size() < s.population() && tries < s.population() * 20; tries++) {
        Map<String, String> a = tournament(fitness);
        Map<String, String> b = tournament(fitness);
        Map<String, String> child = new LinkedHashMap<>();
        boolean cross = random.nextDouble() < s.crossover();
        for (Dimension d : dims) {
          String v = cross && random.nextBoolean() ? b.get(d.key()) : a.get(d.key());
          if (random.nextDouble() < s.mutation()) v = d.mutate(v, random);
          child.put(d.key(), v);
        }
        if (seen.add(key(child))) next.add(child);
      }
      population = next;
      return next;
    }

    private Map<String, String> tournament(Fitness fitness) {
      Map<String, String> best = null;
      double bestScore = Double.NaN;
      for (int i = 0; i < s.tournament(); i++) {
        Map<String, String> c = population.get(random.nextInt(population.size()));
        double f = fitness.of(c);
        if (best == null || f > bestScore) {
          best = c;
          bestScore = f;
        }
      }
      return best;
    }
  }
}
