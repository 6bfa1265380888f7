package gala.demo;

import gala.auth.AuthService;
import gala.platform.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * The demo's accounts (organiser, judges, athletes, mixer guests), created when missing. They all
 * sign in with {@link Demo#PASSWORD}, so its hash is computed once per start, not once per account:
 * a hash is tens of milliseconds of CPU, and a first start creates some forty accounts.
 */
final class DemoAccounts {
  private final Database db;
  private final AuthService auth;
  private Future<String> hash;

  DemoAccounts(Database db, AuthService auth) {
    this.db = db;
    this.auth = auth;
  }

  /** The id of the account {@code email}, created with {@code name}, {@code role} and {@code birth} when missing. */
  Future<Long> id(String email, String name, String role, LocalDate birth) {
    return db.pool().preparedQuery("SELECT id FROM users WHERE lower(email) = lower($1)").execute(Tuple.of(email))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows.iterator().next().getLong(0))
            : passwordHash().compose(h -> auth.insertUser(db.pool(), email, name, h, role, birth)).map(u -> u.getLong("id")));
  }

  private Future<String> passwordHash() {
    if (hash == null) {
      hash = auth.hash(Demo.PASSWORD).onFailure(e -> hash = null);
    }
    return hash;
  }
}
