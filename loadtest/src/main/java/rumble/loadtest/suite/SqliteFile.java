package rumble.loadtest.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A stopped server's SQLite database, looked at with the JDBC driver alone (no server code). */
public final class SqliteFile {

  private static final String NAME = "rumble.db";

  private SqliteFile() {}

  /**
   * {@code PRAGMA integrity_check} on a copy of the database and its write-ahead log: "ok", or the
   * problems SQLite lists. A copy, because opening the original would replay and remove its WAL,
   * and the restarted server must meet the file exactly as the crash left it.
   */
  public static String integrityCheck(Path dataDir) throws IOException, SQLException {
    Path copy = Files.createTempDirectory("rumble-integrity-");
    try {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path file = dataDir.resolve(NAME + suffix);
        if (Files.exists(file)) {
          Files.copy(file, copy.resolve(NAME + suffix), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (!Files.exists(copy.resolve(NAME))) {
        return "no " + NAME + " in " + dataDir;
      }
      List<String> rows = new ArrayList<>();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve(NAME));
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return String.join("; ", rows);
    } finally {
      try (var files = Files.list(copy)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(copy);
    }
  }
}
