package io.troupe.app.http;

import io.troupe.model.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API's bearer tokens, read from a file of {@code name role secret} lines ({@code #} starts a comment). Only a
 * digest of each secret is kept, and a presented token is compared with every one of them in constant time, so
 * neither the time of an answer nor anything held tells a secret.
 */
public final class ApiTokens {

  public enum Role {
    /** The read endpoints. */
    VIEWER,
    /** The read endpoints and the controls. */
    OPERATOR;

    public boolean allows(Role needed) {
      return this == OPERATOR || needed == VIEWER;
    }
  }

  /** Who a token says the caller is: its name (used in the journal) and its role. */
  public record Caller(String name, Role role) {}

  private record Entry(Caller caller, byte[] digest) {}

  /** A secret shorter than this is refused: it could be guessed. */
  static final int MIN_SECRET = 16;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private final List<Entry> entries;

  private ApiTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static ApiTokens none() {
    return new ApiTokens(List.of());
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public long count(Role role) {
    return entries.stream().filter(e -> e.caller().role() == role).count();
  }

  /**
   * Reads {@code file}; a malformed line is bad input naming the file and the line (never the secret). A file others
   * may read is used, with a warning on {@code warnings}.
   */
  public static ApiTokens read(Path file, PrintWriter warnings) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("--tokens " + file + ": cannot read the file (" + e.getClass().getSimpleName() + ")", e);
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> digests = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String where = file + " line " + (i + 1);
      String[] parts = line.split("\\s+");
      if (parts.length != 3) {
        throw new InvalidInputException(where + ": expected 'name role secret', got " + parts.length + " field" + (parts.length == 1 ? "" : "s"));
      }
      String name = parts[0];
      if (!NAME.matcher(name).matches()) {
        throw new InvalidInputException(where + ": the name '" + name + "' must be letters, digits and . _ @ - (at most 64)");
      }
      Role role = switch (parts[1].toLowerCase(java.util.Locale.ROOT)) {
        case "viewer" -> Role.VIEWER;
        case "operator" -> Role.OPERATOR;
        default -> throw new InvalidInputException(where + ": the role '" + parts[1] + "' is not viewer or operator");
      };
      if (parts[2].length() < MIN_SECRET) {
        throw new InvalidInputException(where + ": the secret of '" + name + "' is shorter than " + MIN_SECRET + " characters");
      }
      if (!names.add(name)) throw new InvalidInputException(where + ": the name '" + name + "' is given twice");
      byte[] digest = digest(parts[2]);
      if (!digests.add(java.util.HexFormat.of().formatHex(digest))) {
        throw new InvalidInputException(where + ": the secret of '" + name + "' is the same as an earlier token's");
      }
      entries.add(new Entry(new Caller(name, role), digest));
    }
    warnIfOthersMayRead(file, warnings);
    return new ApiTokens(entries);
  }

  private static void warnIfOthersMayRead(Path file, PrintWriter warnings) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
        warnings.println("warning: --tokens " + file + " can be read by its group or by others; chmod 600 it");
        warnings.flush();
      }
    } catch (UnsupportedOperationException | IOException e) {
      // no POSIX permissions on this file system: nothing to check
    }
  }

  /** The caller a bearer secret names, if any. Every token is compared, in constant time, whatever matches. */
  public Optional<Caller> authenticate(String secret) {
    if (secret == null || secret.isEmpty()) return Optional.empty();
    byte[] presented = digest(secret);
    Caller found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), presented) && found == null) found = e.caller();
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
