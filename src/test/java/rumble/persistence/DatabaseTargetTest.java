package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** DATABASE_URL as hosting providers and operators write it, and what the server logs of it. */
class DatabaseTargetTest {

  @Test
  void noUrlMeansTheSqliteFileInTheDataFolder() {
    for (String none : new String[] {null, "", "   "}) {
      DatabaseTarget target = DatabaseTarget.choose(none, Path.of("data"));
      assertEquals(Dialect.SQLITE, target.dialect());
      assertEquals(Path.of("data", "rumble.db"), target.sqliteFile());
    }
  }

  @Test
  void aLibpqUrlBecomesAJdbcUrlWithTheCredentialsBesideIt() {
    DatabaseTarget target = DatabaseTarget.choose("postgresql://rumble:s3cret@db.example:5433/game", Path.of("data"));

    assertEquals(Dialect.POSTGRESQL, target.dialect());
    assertEquals("jdbc:postgresql://db.example:5433/game", target.jdbcUrl());
    assertEquals("rumble", target.user());
    assertEquals("s3cret", target.password());
  }

  @Test
  void herokuStylePostgresUrlsAndOtherParametersWork() {
    DatabaseTarget target = DatabaseTarget.postgres("postgres://u:p@h/db?sslmode=require&currentSchema=s");
    assertEquals("jdbc:postgresql://h/db?sslmode=require&currentSchema=s", target.jdbcUrl());
    assertEquals("u", target.user());
    assertEquals("p", target.password());
  }

  @Test
  void percentEncodedCredentialsAreDecodedAndAPlusStaysAPlus() {
    DatabaseTarget target = DatabaseTarget.postgres("postgresql://r%C3%BCmble:p%40ss%3Aw%2Frd+x@h:5432/db");
    assertEquals("rümble", target.user());
    assertEquals("p@ss:w/rd+x", target.password());
    assertEquals("jdbc:postgresql://h:5432/db", target.jdbcUrl());
  }

  @Test
  void aJdbcUrlKeepsItsHostsAndLosesOnlyItsCredentials() {
    DatabaseTarget target = DatabaseTarget.postgres(
        "jdbc:postgresql://h1:5432,h2:5432/db?user=game&password=a+b%26c&targetServerType=primary");
    assertEquals("jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=primary", target.jdbcUrl());
    assertEquals("game", target.user());
    assertEquals("a b&c", target.password(), "pgjdbc reads its query like a form: '+' is a space");
  }

  @Test
  void aUrlWithoutCredentialsLeavesThemToTheDriver() {
    DatabaseTarget target = DatabaseTarget.postgres("postgresql://localhost/rumble");
    assertNull(target.user());
    assertNull(target.password());
    assertTrue(target.credentials().isEmpty());
    assertEquals("jdbc:postgresql://localhost/rumble", target.jdbcUrl());
  }

  @Test
  void whatIsLoggedNeverShowsThePassword() {
    DatabaseTarget target = DatabaseTarget.postgres("postgresql://rumble:hunter2@db:5432/game");
    assertEquals("PostgreSQL jdbc:postgresql://db:5432/game (user rumble, password ***)", target.toString());
    assertFalse(target.jdbcUrl().contains("hunter2"));
  }

  @Test
  void otherUrlsAreRefusedWithoutEchoingThePassword() {
    for (String url : new String[] {"mysql://root:hunter2@db/game", "jdbc:sqlite:rumble.db",
        "postgresql://rumble:hunter2@/game", "jdbc:mysql://db/game?user=x&password=hunter2"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseTarget.postgres(url));
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }
}
