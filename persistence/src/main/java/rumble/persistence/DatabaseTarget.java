package rumble.persistence;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the game's data live: the SQLite file under a data folder (the default), or the PostgreSQL
 * database a {@code DATABASE_URL} names. {@link #toString()} is safe to log: the password never
 * appears in it, nor in {@link #jdbcUrl()}.
 */
public final class DatabaseTarget {
  private final Dialect dialect;
  private final Path sqliteFile;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  private DatabaseTarget(Dialect dialect, Path sqliteFile, String jdbcUrl, String user, String password) {
    this.dialect = dialect;
    this.sqliteFile = sqliteFile;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** {@code rumble.db} in {@code dataDir} (the folder is created when the database opens). */
  public static DatabaseTarget sqlite(Path dataDir) {
    Path file = Objects.requireNonNull(dataDir, "dataDir").resolve(Database.FILE_NAME);
    return new DatabaseTarget(Dialect.SQLITE, file, "jdbc:sqlite:" + file.toAbsolutePath(), null, null);
  }

  /**
   * PostgreSQL at {@code databaseUrl}: {@code postgresql://user:password@host:port/db?params}
   * ({@code postgres://} too, user and password percent-encoded) or
   * {@code jdbc:postgresql://host:port/db?user=...&password=...}. Other parameters go to the JDBC
   * driver unchanged. IllegalArgumentException for anything else (its message shows no password).
   */
  public static DatabaseTarget postgres(String databaseUrl) {
    PostgresUrl url = PostgresUrl.parse(databaseUrl);
    return new DatabaseTarget(Dialect.POSTGRESQL, null, url.jdbcUrl(), url.user(), url.password());
  }

  /** The server's choice: PostgreSQL when {@code databaseUrl} is set, else SQLite in {@code dataDir}. */
  public static DatabaseTarget choose(String databaseUrl, Path dataDir) {
    return databaseUrl == null || databaseUrl.isBlank() ? sqlite(dataDir) : postgres(databaseUrl.strip());
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The connection URL without user or password. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** SQLite only: the database file. */
  Path sqliteFile() {
    if (sqliteFile == null) {
      throw new IllegalStateException("not an SQLite database: " + this);
    }
    return sqliteFile;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** What a JDBC driver needs besides the URL to log in. */
  Properties credentials() {
    Properties credentials = new Properties();
    if (user != null) {
      credentials.setProperty("user", user);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
    return credentials;
  }

  @Override
  public String toString() {
    if (dialect == Dialect.SQLITE) {
      return "SQLite " + sqliteFile.toAbsolutePath();
    }
    return "PostgreSQL " + jdbcUrl + " (user " + (user == null ? "from the driver's defaults" : user)
        + (password == null ? "" : ", password ***") + ")";
  }
}
