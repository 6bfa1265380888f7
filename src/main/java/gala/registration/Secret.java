package gala.registration;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;

/** The check-in signing secret: made by the first node that needs it, shared through the database. */
final class Secret {
  private final SqlClient pool;
  private volatile byte[] value;

  Secret(SqlClient pool) {
    this.pool = pool;
  }

  Future<byte[]> get() {
    byte[] v = value;
    if (v != null) {
      return Future.succeededFuture(v);
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return pool.preparedQuery("INSERT INTO registration_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(Buffer.buffer(fresh)))
        .compose(r -> pool.query("SELECT secret FROM registration_secret WHERE id = 1").execute())
        .map(rows -> {
          byte[] stored = rows.iterator().next().getBuffer(0).getBytes();
          value = stored;
          return stored;
        });
  }
}
