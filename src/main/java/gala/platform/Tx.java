package gala.platform;

import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * One open PostgreSQL transaction, plus the topic changes it made. The changes are published on
 * the event bus only after the transaction commits (see {@link Database#inTransaction}).
 */
public record Tx(SqlConnection conn, List<TopicChange> changes) {}
