package rumble.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the numbered SQL files under {@code db/migration/} in order, once each.
 *
 * <p>Classpath folders cannot be listed reliably (inside a shaded jar they are not folders), so the
 * files are named in {@value #INDEX}, one per line, in version order. Never edit a migration that
 * has shipped: add a new one.
 *
 * <p>One file serves both databases where the SQL is the same. Where the DDL must differ (SQLite's
 * {@code INTEGER PRIMARY KEY} against PostgreSQL's identity columns) the index still names
 * {@code V001__accounts.sql}, and each dialect has its own file beside it,
 * {@code V001__accounts.sqlite.sql} and {@code V001__accounts.postgresql.sql}
 * ({@link Dialect#variantOf}). On both, each migration runs in one transaction with its schema
 * change, its Java step and its row in schema_migrations (PostgreSQL's DDL is transactional too).
 */
final class Migrations {
  static final String FOLDER = "db/migration/";
  static final String INDEX = FOLDER + "index.txt";
  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3,})__[A-Za-z0-9_]+\\.sql");
  /**
   * Work a migration needs that SQL cannot do (e.g. keys computed with ICU), run right after its
   * SQL in the same transaction, so the schema change and its data land together or not at all.
   */
  private static final Map<Integer, SqlWork<?>> JAVA_STEPS = Map.of(3, NameKeys::backfill, 4, NameKeys::backfillCapitals);

  private Migrations() {}

  /**
   * Reads the index and, for each name, the shared file or the dialect's own; fails loudly on gaps,
   * bad names, missing files or a name that has both.
   */
  static List<Migration> load(Dialect dialect) {
    List<Migration> migrations = new ArrayList<>();
    for (String line : readResource(INDEX).split("\\R")) {
      String fileName = line.strip();
      if (fileName.isEmpty() || fileName.startsWith("#")) {
        continue;
      }
      Matcher m = FILE_NAME.matcher(fileName);
      if (!m.matches()) {
        throw new IllegalStateException("Bad migration file name in " + INDEX + ": " + fileName);
      }
      int version = Integer.parseInt(m.group(1));
      if (version != migrations.size() + 1) {
        throw new IllegalStateException(
            "Migrations must be numbered 1, 2, 3... without gaps; found " + fileName);
      }
      migrations.add(new Migration(version, fileName, readVariant(fileName, dialect)));
    }
    return migrations;
  }

  /** Brings the schema up to date. Returns the schema version afterwards. */
  static int apply(Database db, List<Migration> migrations) throws SQLException {
    Dialect dialect = db.dialect();
    db.inTransaction(c -> {
      // Under the lock: on PostgreSQL two nodes' CREATE TABLE IF NOT EXISTS can still collide.
      dialect.lockForMigration(c);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
            + "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
      }
      return null;
    });
    int current = db.schemaVersion();
    int known = migrations.size();
    if (current > known) {
      // An older server must not write into a schema it does not understand.
      throw new SQLException("Database schema version " + current
          + " is newer than this server knows (" + known + "); refusing to open " + db.target());
    }
    for (Migration migration : migrations) {
      if (migration.version() > current) {
        db.inTransaction(c -> {
          dialect.lockForMigration(c);
          return applyOne(c, migration);
        });
      }
    }
    return db.schemaVersion();
  }

  private static Void applyOne(Connection c, Migration migration) throws SQLException {
    // Re-check under the lock: another process may have migrated meanwhile.
    try (PreparedStatement check =
        c.prepareStatement("SELECT 1 FROM schema_migrations WHERE version = ?")) {
      check.setInt(1, migration.version());
      try (ResultSet rs = check.executeQuery()) {
        if (rs.next()) {
          return null;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String sql : SqlScript.statements(migration.sql())) {
        s.execute(sql);
      }
      SqlWork<?> javaStep = JAVA_STEPS.get(migration.version());
      if (javaStep != null) {
        javaStep.run(c);
      }
    } catch (SQLException e) {
      throw new SQLException("Migration " + migration.fileName() + " failed: " + e.getMessage(),
          e.getSQLState(), e.getErrorCode(), e);
    }
    try (PreparedStatement record = c.prepareStatement(
        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")) {
      record.setInt(1, migration.version());
      record.setLong(2, System.currentTimeMillis());
      record.executeUpdate();
    }
    return null;
  }

  private static String readVariant(String fileName, Dialect dialect) {
    String shared = FOLDER + fileName;
    String own = FOLDER + dialect.variantOf(fileName);
    boolean hasShared = exists(shared);
    boolean hasOwn = exists(own);
    if (hasShared && hasOwn) {
      throw new IllegalStateException("Both " + shared + " and " + own + " exist; keep one");
    }
    return readResource(hasOwn ? own : shared);
  }

  private static boolean exists(String name) {
    return Migrations.class.getClassLoader().getResource(name) != null;
  }

  private static String readResource(String name) {
    ClassLoader loader = Migrations.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing classpath resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read classpath resource " + name, e);
    }
  }
}
