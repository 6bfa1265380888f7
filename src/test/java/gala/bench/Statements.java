package gala.bench;

import gala.platform.DbLocation;
import gala.platform.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Where the database's time went during a benchmark's timed part, statement by statement (with the
 * statements triggers run), when the run asked for it: {@code -Dgala.statementStatistics=true}.
 * Without it both calls do nothing, so the figures of an ordinary run are not touched.
 */
final class Statements {
  private Statements() {}

  private static boolean on() {
    return Boolean.getBoolean(EmbeddedDatabase.STATEMENT_STATISTICS);
  }

  /** Call right before the timed part. */
  static void reset(DbLocation db) throws Exception {
    if (!on()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("SELECT pg_stat_statements_reset()");
      s.execute("SELECT pg_stat_reset()");
    }
  }

  /** Prints the {@code top} statements by total execution time since {@link #reset}. */
  static void print(DbLocation db, String bench, int top) throws Exception {
    if (!on()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT calls, round(total_exec_time::numeric, 0), round(mean_exec_time::numeric, 3), rows, "
            + "left(regexp_replace(query, '\\s+', ' ', 'g'), 140) FROM pg_stat_statements "
            + "WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT " + top)) {
      System.out.printf("%s: database time by statement (calls, total ms, mean ms, rows):%n", bench);
      while (rs.next()) {
        System.out.printf("  %7d %7d %8s %7d  %s%n", rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5));
      }
    }
    // Updates that had to go to another page (not HOT) also write an entry into every index of the
    // table: the update-heavy tables' counts since the reset.
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup FROM pg_stat_user_tables "
            + "WHERE n_tup_upd > 0 ORDER BY n_tup_upd DESC LIMIT 8")) {
      System.out.printf("%s: updates by table (inserted, updated, of them HOT, dead rows):%n", bench);
      while (rs.next()) {
        System.out.printf("  %-28s %8d %8d %8d %8d%n", rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
      }
    }
    // Planning is CPU the execution times above leave out: a statement planned at about every call
    // runs on custom plans (PostgreSQL judged its generic plan worse), which SET LOCAL plan_cache_mode can change.
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT calls, plans, round(total_plan_time::numeric, 0), "
            + "left(regexp_replace(query, '\\s+', ' ', 'g'), 140) FROM pg_stat_statements "
            + "WHERE query NOT LIKE '%pg_stat_statements%' AND plans > 0 ORDER BY total_plan_time DESC LIMIT " + top)) {
      System.out.printf("%s: planning by statement (calls, plans, total planning ms):%n", bench);
      while (rs.next()) {
        System.out.printf("  %7d %7d %7d  %s%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
      }
    }
  }
}
