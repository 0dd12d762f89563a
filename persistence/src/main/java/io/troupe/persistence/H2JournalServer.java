package io.troupe.persistence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * Lets other processes read an H2 journal while the session that writes it runs. H2 serves a file to one process;
 * the writing process therefore also serves it over H2's TCP protocol, on a free port of 127.0.0.1 only, and writes
 * the port to {@value #FILE} beside the journal. {@code troupe journal ...} finds it there and reads through it; with
 * no server answering it opens the file itself. (H2's AUTO_SERVER mode does the same but cannot be combined with
 * DB_CLOSE_ON_EXIT=FALSE, which a session needs to finish its step on a signal.)
 */
public final class H2JournalServer implements AutoCloseable {

  /** Beside the journal: the port of the server of the session that is writing it. */
  public static final String FILE = "journal.server";

  private final Server server;
  private final Path file;

  private H2JournalServer(Server server, Path file) {
    this.server = server;
    this.file = file;
  }

  /** Serves the journal in {@code stateDir} (its {@code journal.mv.db}) to local readers until {@link #close}. */
  public static H2JournalServer start(Path stateDir) throws SQLException, IOException {
    Path dir = stateDir.toAbsolutePath().normalize();
    // -ifExists: a reader can open only the journal that is there, never create one; without -tcpAllowOthers it
    // answers 127.0.0.1 alone.
    Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifExists").start();
    Path file = dir.resolve(FILE);
    Path tmp = dir.resolve(FILE + ".tmp");
    Files.writeString(tmp, server.getPort() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new H2JournalServer(server, file);
  }

  /**
   * The URL through which to read the journal in {@code stateDir} while its session runs, or null when no server
   * answers there (no session is running; a file left by a killed one is stale).
   */
  public static String runningUrl(Path stateDir) {
    Path dir = stateDir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) return null;
    int port;
    try {
      port = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException refused) {
      return null;
    }
    return "jdbc:h2:tcp://127.0.0.1:" + port + "/journal;DATABASE_TO_UPPER=false;IFEXISTS=TRUE";
  }

  @Override
  public void close() {
    server.stop();
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stale file is harmless: readers probe the port before they use it
    }
  }
}
