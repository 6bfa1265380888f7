package gala.registration;

import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

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
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    return Imports.job(db, EntryListSource.parse(id), ERRORS_IN_SNAPSHOT).otherwise(e -> new JsonObject());
  }
}
