package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL has: a login that can be refused, a server that can be down, and DDL of
 * its own that must still give the tables the repositories expect.
 */
class PostgresDatabaseTest {

  @BeforeAll
  static void needsAServer() {
    TestPostgres.require();
  }

  @Test
  void bothDatabasesEndUpWithTheSameTablesAndColumns() throws Exception {
    try (TestDatabase sqlite = TestDatabase.create(Dialect.SQLITE);
        TestDatabase postgres = TestDatabase.create(Dialect.POSTGRESQL)) {
      sqlite.open(1).close();
      postgres.open(1).close();
      assertEquals(columns(sqlite), columns(postgres));
    }
  }

  @Test
  void aWrongPasswordIsRefusedAtOpenWithoutShowingIt() throws Exception {
    try (TestDatabase database = TestDatabase.create(Dialect.POSTGRESQL)) {
      DatabaseTarget right = database.target();
      String wrongUrl = right.jdbcUrl() + "&user=" + right.user() + "&password=not-the-password-42";
      SQLException e = assertThrows(SQLException.class, () -> Database.open(DatabaseTarget.postgres(wrongUrl), 1));
      assertTrue(e.getMessage().contains("Cannot connect"), e.getMessage());
      assertFalse(e.getMessage().contains("not-the-password-42"), e.getMessage());
    }
  }

  @Test
  void aServerThatIsDownFailsTheStartQuickly() {
    long start = System.nanoTime();
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    assertThrows(SQLException.class,
        () -> Database.open(DatabaseTarget.postgres("postgresql://rumble:x@127.0.0.1:1/rumble"), 1));
    assertTrue(System.nanoTime() - start < 15_000_000_000L, "no long retry loop before giving up");
  }

  @Test
  void thePoolKeepsTheConfiguredNumberOfConnectionsAndClosingEndsThem() throws Exception {
    try (TestDatabase database = TestDatabase.create(Dialect.POSTGRESQL)) {
      long others = ourConnections(database);
      Database db = database.open(3);
      // HikariCP opens the first connection at once and fills the rest of the pool in the background.
      assertEquals(others + 3, awaitOurConnections(database, others + 3), "the pool's 3 connections");
      db.close();
      assertEquals(others, awaitOurConnections(database, others), "closing the database closes them");
    }
  }

  /** Polls pg_stat_activity for a while (the server also notices a closed socket a moment late). */
  private static long awaitOurConnections(TestDatabase database, long expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long seen = ourConnections(database);
    while (seen != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      seen = ourConnections(database);
    }
    return seen;
  }

  /** The game's connections to this database (its pools name themselves in pg_stat_activity). */
  private static long ourConnections(TestDatabase database) throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity"
            + " WHERE application_name = 'radius-rumble' AND datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** table → its columns, each with PRIMARY KEY or NOT NULL where so, as JDBC metadata reports them. */
  private static Map<String, TreeSet<String>> columns(TestDatabase database) throws SQLException {
    Map<String, TreeSet<String>> tables = new TreeMap<>();
    try (Connection c = database.connect()) {
      DatabaseMetaData meta = c.getMetaData();
      String schema = database.dialect() == Dialect.POSTGRESQL ? c.getSchema() : null;
      try (ResultSet rs = meta.getColumns(null, schema, "%", "%")) {
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME").toLowerCase();
          if (table.startsWith("sqlite_")) {
            continue; // SQLite's own catalog
          }
          String column = rs.getString("COLUMN_NAME").toLowerCase();
          // SQLite reports its INTEGER PRIMARY KEY as nullable, so keys are compared as keys.
          String constraint = primaryKey(meta, schema, table).equals(column) ? " PRIMARY KEY"
              : rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "";
          tables.computeIfAbsent(table, t -> new TreeSet<>()).add(column + constraint);
        }
      }
    }
    return tables;
  }

  private static String primaryKey(DatabaseMetaData meta, String schema, String table) throws SQLException {
    try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
      return rs.next() ? rs.getString("COLUMN_NAME").toLowerCase() : "";
    }
  }
}
