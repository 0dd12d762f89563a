package io.troupe.app.cli;

import io.troupe.checkpoint.StateCodec;
import io.troupe.model.InvalidInputException;
import io.troupe.strategy.StrategyCatalog;
import io.troupe.strategy.StrategyProvider;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * {@code --plugins DIR}: the strategies that the jars in a folder provide through Java's ServiceLoader, added to the
 * built-in ones. Anything that goes wrong names the folder, the jar and the class, and is bad input (exit 2).
 */
final class StrategyPlugins {
  private StrategyPlugins() {}

  /** Loads every strategy the jars in {@code dir} provide; returns their names. */
  static List<String> load(Path dir) {
    if (!Files.isDirectory(dir)) throw new InvalidInputException("--plugins " + dir + ": no such folder");
    List<Path> jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException("--plugins " + dir + ": cannot list the folder (" + e.getMessage() + ")", e);
    }
    if (jars.isEmpty()) throw new InvalidInputException("--plugins " + dir + ": no plugin jars (*.jar) in the folder");
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new InvalidInputException("--plugins " + jar + ": not a file path (" + e.getMessage() + ")", e);
      }
    }
    // The app's classes are the parent: a plugin compiles against the strategy API and shares it with the app.
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), StrategyPlugins.class.getClassLoader());
    List<String> names = new ArrayList<>();
    Iterator<ServiceLoader.Provider<StrategyProvider>> providers = ServiceLoader.load(StrategyProvider.class, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<StrategyProvider> p;
      try {
        if (!providers.hasNext()) break;
        p = providers.next();
      } catch (ServiceConfigurationError e) {
        throw new InvalidInputException("--plugins " + dir + ": a plugin does not load: " + e.getMessage(), e);
      }
      if (p.type().getClassLoader() != loader) continue; // on the app's own class path, not from this folder
      String origin = origin(p.type());
      StrategyProvider provider;
      try {
        provider = p.get();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new InvalidInputException("--plugins " + origin + ": " + p.type().getName() + " does not start: " + cause, e);
      }
      try {
        StrategyCatalog.register(provider, origin);
      } catch (RuntimeException | LinkageError e) {
        if (e instanceof InvalidInputException) throw e;
        throw new InvalidInputException("--plugins " + origin + ": " + p.type().getName() + " is not a usable strategy provider: " + e, e);
      }
      names.add(provider.name());
    }
    if (names.isEmpty()) {
      throw new InvalidInputException("--plugins " + dir + ": the jars provide no strategy (META-INF/services/" + StrategyProvider.class.getName() + ")");
    }
    // A paper session's checkpoints hold the plugin strategies' states: they must decode with the plugins' classes.
    StateCodec.useClassLoader(loader);
    return names;
  }

  private static String origin(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      return type.getName();
    }
  }
}
