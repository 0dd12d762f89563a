package io.troupe.app.report;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files so that none is ever seen half-written under its final name: each is written to a hidden
 * temporary file in the same folder ({@code .trades.csv.<random>.tmp}), forced to disk, and then renamed over its
 * final name in one atomic step ({@link StandardCopyOption#ATOMIC_MOVE}). A failure at any point (a full disk, a bad
 * row halfway through the data) deletes the temporary file and leaves whatever was under the final name untouched.
 * The temporary file is created like any other (the umask decides its permissions), so the renamed file is too.
 */
public final class AtomicFiles {

  /** What goes into one file; {@code out} is buffered and UTF-8, and closed by {@link #write}. */
  @FunctionalInterface
  public interface Body {
    void write(Writer out) throws IOException;
  }

  /** Opens a new, empty temporary file for writing; a seam for tests that need a write to fail midway. */
  @FunctionalInterface
  public interface Opener {
    OutputStream open(Path newFile) throws IOException;
  }

  /** Files on disk, each forced to the device before it is renamed into place. */
  public static final AtomicFiles DISK = new AtomicFiles(AtomicFiles::openForced);

  private static final int BUFFER = 1 << 16;

  private final Opener opener;

  public AtomicFiles(Opener opener) {
    this.opener = opener;
  }

  /** Writes {@code target} through {@code body}: complete and in place, or not at all. */
  public void write(Path target, Body body) throws IOException {
    Path file = target.toAbsolutePath();
    Path tmp = newTemporary(file);
    boolean moved = false;
    try {
      try (Writer out = new BufferedWriter(new OutputStreamWriter(opener.open(tmp), StandardCharsets.UTF_8), BUFFER)) {
        body.write(out);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } catch (IOException e) {
      throw new IOException(target + ": cannot write: " + e.getMessage(), e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the failure that got us here is the one to report
        }
      }
    }
  }

  /** Writes {@code target} as {@code text}, UTF-8. */
  public void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text));
  }

  /** A name no other writer uses, beside the target (a rename is atomic only within one file system). */
  private static Path newTemporary(Path target) throws IOException {
    Path dir = target.getParent();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) throw e;
      }
    }
  }

  /** A stream whose close forces the bytes to the device first, so a full disk fails here, before the rename. */
  private static OutputStream openForced(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    return new FilterOutputStream(Channels.newOutputStream(channel)) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        try (channel) {
          out.flush();
          channel.force(true);
        }
      }
    };
  }
}
