package rumble.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One fresh, empty database for a test, removed when closed: an SQLite file in a new temporary
 * folder, or a new schema on the test PostgreSQL ({@link TestPostgres}). A test may {@link #open}
 * it several times, as several server nodes sharing the data would.
 */
public final class TestDatabase implements AutoCloseable {
  private final DatabaseTarget target;
  private final String databaseUrl;
  private final Path folder;
  private final String schema;
  /** Nodes may start on several threads at once. */
  private final List<Database> opened = new CopyOnWriteArrayList<>();

  private TestDatabase(DatabaseTarget target, String databaseUrl, Path folder, String schema) {
    this.target = target;
    this.databaseUrl = databaseUrl;
    this.folder = folder;
    this.schema = schema;
  }

  /** For PostgreSQL, skips or fails the caller as {@link TestPostgres#require()} says when there is no server. */
  public static TestDatabase create(Dialect dialect) throws SQLException, IOException {
    if (dialect == Dialect.SQLITE) {
      Path folder = Files.createTempDirectory("rumble-db-test-");
      Path dataDir = Files.createDirectory(folder.resolve("data")); // so connect() works before open()
      return new TestDatabase(DatabaseTarget.sqlite(dataDir), "", folder, null);
    }
    TestPostgres.require();
    String schema = TestPostgres.freshSchemaName();
    String url = TestPostgres.createSchema(schema);
    return new TestDatabase(DatabaseTarget.postgres(url), url, null, schema);
  }

  public Dialect dialect() {
    return target.dialect();
  }

  public DatabaseTarget target() {
    return target;
  }

  /** What the server takes as {@code rumble.database.url} (DATABASE_URL): empty for SQLite. */
  public String databaseUrl() {
    return databaseUrl;
  }

  /** SQLite: the folder of rumble.db, the server's {@code rumble.data-path}. */
  public Path dataDir() {
    return target.sqliteFile().getParent();
  }

  /** Opens it (migrating it first if needed) like a server node would; closed with this. */
  public Database open(int poolSize) throws SQLException {
    Database db = Database.open(target, poolSize);
    opened.add(db);
    return db;
  }

  /** A plain JDBC connection, outside any pool and without migrations; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.credentials());
  }

  @Override
  public void close() throws SQLException, IOException {
    opened.forEach(Database::close);
    if (schema != null) {
      TestPostgres.dropSchema(schema);
    }
    if (folder != null) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Override
  public String toString() {
    return target.toString();
  }
}
