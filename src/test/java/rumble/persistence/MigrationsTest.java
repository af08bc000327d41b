package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  private static final Path SOURCE_FOLDER =
      Path.of("persistence/src/main/resources/db/migration");

  @Test
  void theIndexNamesEveryMigrationFileInVersionOrder() throws Exception {
    List<Migration> migrations = Migrations.load();
    List<String> onDisk;
    try (Stream<Path> files = Files.list(SOURCE_FOLDER)) {
      onDisk = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".sql")).sorted().collect(Collectors.toList());
    }
    assertEquals(onDisk, migrations.stream().map(Migration::fileName).collect(Collectors.toList()),
        "a migration file that is not listed in index.txt would never run");
    for (int i = 0; i < migrations.size(); i++) {
      assertEquals(i + 1, migrations.get(i).version());
    }
  }

  @Test
  void scriptsAreSplitIntoStatementsWithoutComments() {
    String script = "-- header ; with a semicolon\n"
        + "CREATE TABLE a (x INTEGER); -- trailing\n"
        + "\n"
        + "CREATE INDEX a_x\n  ON a (x);\n";
    assertEquals(List.of("CREATE TABLE a (x INTEGER)", "CREATE INDEX a_x\n  ON a (x)"),
        SqlScript.statements(script));
  }
}
