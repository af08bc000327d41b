package rumble.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** One unit of database work run on a borrowed connection (see {@link Database#withConnection}). */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection c) throws SQLException;
}
