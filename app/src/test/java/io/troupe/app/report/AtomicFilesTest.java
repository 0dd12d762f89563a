package io.troupe.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is in place whole, or not at all: a write that fails midway leaves nothing under the final name. */
class AtomicFilesTest {

  @TempDir Path dir;

  /** Files on disk whose writes fail, like a full disk, once {@code limit} bytes have gone to {@code failing}. */
  static AtomicFiles diskFullAfter(long limit, String failing) {
    return new AtomicFiles(tmp -> {
      OutputStream real = Files.newOutputStream(tmp);
      if (!tmp.getFileName().toString().startsWith("." + failing + ".")) return real;
      return new FilterOutputStream(real) {
        long written;

        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          int room = (int) Math.max(0, Math.min(len, limit - written));
          out.write(b, off, room);
          written += room;
          if (room < len) throw new IOException("No space left on device");
        }
      };
    });
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void aWriteThatFailsMidwayLeavesNoFileAndNoTemporary() throws Exception {
    Path target = dir.resolve("big.csv");
    String row = "2022-01-01T00:00:00Z,1,2,3\n";
    IOException e = assertThrows(IOException.class, () -> diskFullAfter(100_000, "big.csv").write(target, w -> {
      for (int i = 0; i < 100_000; i++) w.write(row);
    }));
    assertTrue(e.getMessage().contains("big.csv: cannot write: No space left on device"), e.getMessage());
    assertEquals(List.of(), files(dir), "neither the file nor its temporary is left");
  }

  @Test
  void aFailedRewriteLeavesTheEarlierFileWhole() throws Exception {
    Path target = dir.resolve("out.csv");
    AtomicFiles.DISK.writeString(target, "a,b\n1,2\n");
    assertThrows(IOException.class, () -> diskFullAfter(3, "out.csv").writeString(target, "a,b\n3,4\n5,6\n"));
    assertEquals("a,b\n1,2\n", Files.readString(target));
    // A failure in the content itself (a bad row halfway through) is no different.
    assertThrows(IllegalStateException.class, () -> AtomicFiles.DISK.write(target, w -> {
      w.write("a,b\n");
      throw new IllegalStateException("bad row");
    }));
    assertEquals("a,b\n1,2\n", Files.readString(target));
    assertEquals(List.of(target), files(dir));

    AtomicFiles.DISK.writeString(target, "a,b\n7,8\n");
    assertEquals("a,b\n7,8\n", Files.readString(target));
    assertEquals(List.of(target), files(dir));
  }

  @Test
  void theFileGetsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes() throws Exception {
    Path target = dir.resolve("report.html");
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    AtomicFiles.DISK.writeString(target, "<html></html>");
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }
    assertFalse(Files.isHidden(target));
  }
}
