package gala.testing;

import java.sql.Connection;
import java.sql.ResultSet;

/** What other sessions of the test database wait for: tests that hold a lock see the write they started queue up on it. */
public final class LockWaits {
  private LockWaits() {}

  /** Sessions other than {@code watch}'s waiting on a lock whose current statement's text contains {@code queryPart}. */
  public static int onQuery(Connection watch, String queryPart) throws Exception {
    return count(watch, "query LIKE '%" + queryPart.replace("'", "''") + "%'");
  }

  /** Sessions other than {@code watch}'s waiting on an advisory lock (the results lock, say). */
  public static int onAdvisory(Connection watch) throws Exception {
    return count(watch, "wait_event = 'advisory'");
  }

  private static int count(Connection watch, String condition) throws Exception {
    try (ResultSet rs = watch.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity "
        + "WHERE wait_event_type = 'Lock' AND " + condition + " AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
