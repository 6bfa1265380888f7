package gala.registration;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** {@code import:<jobId>}: an import job's progress and its first row errors, for the event's organisers. */
final class ImportSource implements TopicSource {
  static final int ERRORS_IN_SNAPSHOT = 200;

  static String topic(long jobId) {
    return "import:" + jobId;
  }

  @Override
  public String kind() {
    return "import";
  }

  @Override
  public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    // Who follows it (the event's organisers (rule organiser)) was decided by gala.access.TopicAccess before this is asked.
    return Future.succeededFuture(true);
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    return Imports.job(db, EntryListSource.parse(id), ERRORS_IN_SNAPSHOT).otherwise(e -> new JsonObject());
  }
}
