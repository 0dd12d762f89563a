package io.troupe.learned;

/**
 * Where the models of a run are saved as they come into use, and who reads their out-of-sample record at the end: a
 * backtest installs one writing into its run's folder ({@code models/}). It only observes, never feeds anything back
 * into a decision. The specialists are built by suppliers that know nothing of a run, hence one archive per process,
 * installed before a run and removed after it; none by default.
 */
public interface ModelArchive {

  /** A model has just become the one that decides ({@code model} is its specialist's walk-forward state). */
  void activated(String symbol, WalkForwardModel model, ModelVersion version);

  ModelArchive NONE = (symbol, model, version) -> {};

  final class Installed {
    private static volatile ModelArchive current = NONE;

    private Installed() {}
  }

  static ModelArchive current() {
    return Installed.current;
  }

  static void install(ModelArchive archive) {
    Installed.current = archive == null ? NONE : archive;
  }
}
