package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Exactly-once writes for clients that retry (judges on venue Wi-Fi). The key is claimed in its own
 * short transaction, then the write and its stored response commit together, so a retry either
 * finds the first response, or finds the claim still in flight (409), never a second write.
 * Keys are scoped to the caller; the same key with another request body is refused with 422.
 */
public final class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  /** A claim older than a minute belongs to a node that died mid-request and may be taken over. */
  private static final String STALE = "now() - interval '60 seconds'";

  private final Database db;

  public Idempotency(Database db) {
    this.db = db;
  }

  /** A retryable write: runs inside the transaction that also stores its reply under the key. */
  @FunctionalInterface
  public interface Write {
    Future<Reply> apply(Tx tx, Caller caller, RoutingContext rc, JsonObject body);
  }

  /**
   * The route of a retryable write: the caller, the Idempotency-Key and the body come from the
   * request, and {@code write} runs at most once per (caller, key).
   */
  public Handler<RoutingContext> route(Write write) {
    return Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      JsonObject body = Http.body(rc);
      return once(caller, requireKey(rc), rc.request().method().name(), rc.request().path(), body,
          tx -> write.apply(tx, caller, rc, body));
    });
  }

  /** The key of a request, required: 400 when it is missing or malformed. */
  public static String requireKey(RoutingContext rc) {
    String key = rc.request().getHeader(HEADER);
    if (key == null || key.isBlank()) {
      throw ApiError.badRequest("IDEMPOTENCY_KEY_REQUIRED", "send an Idempotency-Key header with this request");
    }
    if (key.length() > 200) {
      throw ApiError.badRequest("VALIDATION_FAILED", "Idempotency-Key is longer than 200 characters");
    }
    return key;
  }

  /** Runs {@code write} once per (caller, key); later calls with the same key get the first reply. */
  public Future<Reply> once(Caller caller, String key, String method, String path, JsonObject body,
      Function<Tx, Future<Reply>> write) {
    String hash = Hashing.sha256Hex(method + " " + path + "\n" + (body == null ? "" : body.encode()));
    return claim(caller.userId(), key, hash).compose(existing -> {
      if (existing != null) {
        return Future.succeededFuture(existing);
      }
      return db.inTransaction(tx -> write.apply(tx).compose(reply -> remember(tx, caller.userId(), key, reply)))
          .recover(failure -> {
            if (failure instanceof ApiError e) {
              // A refusal is an answer too: a retry must get the same one.
              Reply reply = Reply.of(e);
              return db.pool().preparedQuery(
                      "UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2")
                  .execute(Tuple.of(caller.userId(), key, reply.status(), reply.body()))
                  .map(reply);
            }
            // Our own failure: free the key so the client's retry can do the write.
            return db.pool().preparedQuery("DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2")
                .execute(Tuple.of(caller.userId(), key))
                .compose(v -> Future.failedFuture(failure), e -> Future.failedFuture(failure));
          });
    });
  }

  /** Null when this call claimed the key; the stored reply when an earlier call completed. */
  private Future<Reply> claim(long userId, String key, String hash) {
    return db.pool()
        .preparedQuery("INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) "
            + "ON CONFLICT (user_id, key) DO NOTHING RETURNING 1")
        .execute(Tuple.of(userId, key, hash))
        .compose(inserted -> {
          if (inserted.rowCount() == 1) {
            return Future.succeededFuture(null);
          }
          return db.pool()
              .preparedQuery("SELECT request_hash, status_code, response, "
                  + "created_at < " + STALE + " AS stale "
                  + "FROM idempotency_keys WHERE user_id = $1 AND key = $2")
              .execute(Tuple.of(userId, key))
              .compose(rows -> {
                if (rows.size() == 0) {
                  return claim(userId, key, hash); // freed between our insert and select
                }
                Row r = rows.iterator().next();
                if (!hash.equals(r.getString("request_hash"))) {
                  throw ApiError.unprocessable("IDEMPOTENCY_KEY_REUSED",
                      "this Idempotency-Key was used for a different request");
                }
                Integer status = r.getInteger("status_code");
                if (status != null) {
                  Object response = r.getValue("response");
                  return Future.succeededFuture(new Reply(status, response instanceof JsonObject j ? j : null));
                }
                if (r.getBoolean("stale")) {
                  return takeOver(userId, key, hash);
                }
                throw ApiError.conflict("IDEMPOTENCY_IN_FLIGHT",
                    "a request with this Idempotency-Key is still being processed; retry shortly");
              });
        });
  }

  private Future<Reply> takeOver(long userId, String key, String hash) {
    return db.pool()
        .preparedQuery("UPDATE idempotency_keys SET created_at = now() WHERE user_id = $1 AND key = $2 "
            + "AND status_code IS NULL AND created_at < " + STALE)
        .execute(Tuple.of(userId, key))
        .compose(updated -> updated.rowCount() == 1 ? Future.<Reply>succeededFuture(null) : claim(userId, key, hash));
  }

  private Future<Reply> remember(Tx tx, long userId, String key, Reply reply) {
    return tx.conn()
        .preparedQuery("UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2")
        .execute(Tuple.of(userId, key, reply.status(), reply.body()))
        .map(reply);
  }

}
