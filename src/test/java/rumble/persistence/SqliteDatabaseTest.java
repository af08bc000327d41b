package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a file under the data folder, and the settings every connection needs. */
class SqliteDatabaseTest {
  @TempDir Path tmp;

  @Test
  void createsTheDataDirectoryAndTheDatabaseFileInIt() throws Exception {
    Path dataDir = tmp.resolve("does/not/exist/yet");
    try (Database db = Database.open(dataDir, 2)) {
      assertTrue(Files.isRegularFile(dataDir.resolve("rumble.db")));
      assertEquals(Dialect.SQLITE, db.dialect());
      assertEquals(2, db.poolSize());
      assertEquals("SQLite " + dataDir.resolve("rumble.db").toAbsolutePath(), db.target().toString());
    }
  }

  @Test
  void everyPooledConnectionUsesWalAndEnforcesForeignKeys() throws Exception {
    try (Database db = Database.open(tmp, 3)) {
      List<Connection> seen = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        db.withConnection(c -> {
          seen.add(c);
          assertEquals("wal", pragma(c, "journal_mode"));
          assertEquals("1", pragma(c, "foreign_keys"));
          return null;
        });
      }
      assertEquals(3, seen.stream().distinct().count(), "the pool hands out all its connections");
    }
  }

  @Test
  void poolSizeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Database.open(tmp, 0));
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
