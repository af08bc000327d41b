package rumble.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into single statements, because JDBC drivers differ on whether one
 * {@code execute} may run several. Deliberately simple: "--" starts a comment to end of line and
 * ";" ends a statement, so migrations must not put either inside string literals or trigger bodies.
 */
final class SqlScript {
  private SqlScript() {}

  static List<String> statements(String script) {
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\\R")) {
      int comment = line.indexOf("--");
      code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String part : code.toString().split(";")) {
      String statement = part.strip();
      if (!statement.isEmpty()) {
        statements.add(statement);
      }
    }
    return statements;
  }
}
