package gala.platform;

/** Where the database is: a postgresql:// URI (as vertx-pg-client takes it) and its credentials. */
public record DbLocation(String uri, String user, String password) {

  /** Accepts postgresql://, postgres:// or jdbc:postgresql:// forms. */
  public static DbLocation of(String url, String user, String password) {
    String uri = url.startsWith("jdbc:") ? url.substring(5) : url;
    if (uri.startsWith("postgres://")) {
      uri = "postgresql://" + uri.substring("postgres://".length());
    }
    if (!uri.startsWith("postgresql://")) {
      throw new IllegalArgumentException("database URL must start with postgresql:// : " + url);
    }
    return new DbLocation(uri, user, password);
  }

  public String jdbcUrl() {
    return "jdbc:" + uri;
  }
}
