package io.troupe.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A hash of the project's compiled classes ({@code io/troupe/**}), wherever they were loaded from (a jar or a classes
 * folder). A checkpoint records the fingerprint of the build that wrote it, as information: whether another build may
 * use it is its format's and its decoding's to say ({@link StateCodec}), not the fingerprint's.
 */
public final class CodeFingerprint {

  private static final String PREFIX = "io/troupe/";

  private CodeFingerprint() {}

  /** The fingerprint of the code that {@code anchors} were loaded from (their jars or folders, each once). */
  public static String of(Class<?>... anchors) {
    TreeSet<Path> locations = new TreeSet<>();
    for (Class<?> c : anchors) {
      try {
        locations.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException | NullPointerException e) {
        throw new IllegalStateException("cannot tell where " + c.getName() + " was loaded from", e);
      }
    }
    TreeMap<String, byte[]> classes = new TreeMap<>();
    try {
      for (Path location : locations) {
        if (Files.isDirectory(location)) readFolder(location, classes);
        else readJar(location, classes);
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (var e : classes.entrySet()) {
        sha.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(e.getValue());
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void readFolder(Path root, TreeMap<String, byte[]> classes) throws IOException {
    Path base = root.resolve(PREFIX);
    if (!Files.isDirectory(base)) return;
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base)) {
      walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
    }
    for (Path p : files) classes.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
  }

  private static void readJar(Path jar, TreeMap<String, byte[]> classes) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      var entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (!e.getName().startsWith(PREFIX) || !e.getName().endsWith(".class")) continue;
        try (InputStream in = file.getInputStream(e)) {
          classes.put(e.getName(), in.readAllBytes());
        }
      }
    }
  }
}
