package gala.access;

import gala.platform.ApiError;
import gala.platform.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;

/**
 * The live side of {@link Access}: who may follow which topic, by the same rules and the same query
 * as the HTTP operations that read the same data, and the one spelling of each topic's name.
 */
public final class TopicAccess {
  /** Per topic kind: what its id names and the rule of the HTTP read of the same data. */
  private record Kind(Target.Kind target, Rule rule) {}

  // Map.ofEntries, not Map.of: Map.of stops at ten pairs and the list of kinds grows.
  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry("scoreboard", new Kind(Target.Kind.COMPETITION, Rule.PUBLIC_OR_MEMBER)),
      Map.entry("draw", new Kind(Target.Kind.COMPETITION, Rule.PUBLIC_OR_MEMBER)),
      Map.entry("medals", new Kind(Target.Kind.EVENT, Rule.PUBLIC_OR_MEMBER)),
      Map.entry("announcements", new Kind(Target.Kind.EVENT, Rule.PUBLIC_OR_MEMBER)),
      Map.entry("entries", new Kind(Target.Kind.COMPETITION, Rule.ORGANISER)),
      Map.entry("import", new Kind(Target.Kind.IMPORT, Rule.ORGANISER)),
      Map.entry("mixer", new Kind(Target.Kind.MIXER, Rule.SELF)),
      // The projected seating plan: public names only (PersonalData.publicName), like a start list.
      Map.entry("mixer-board", new Kind(Target.Kind.MIXER, Rule.PUBLIC_OR_MEMBER)),
      Map.entry("display", new Kind(Target.Kind.EVENT, Rule.PUBLIC_OR_MEMBER)),
      Map.entry("problems", new Kind(Target.Kind.COMPETITION, Rule.JUDGE)));

  /** The kind of a user's own notices: only that user follows it. */
  public static final String USER = "user";

  private TopicAccess() {}

  /**
   * The topic's canonical id ({@code scoreboard:42} gives 42), or null when the name is not the one
   * spelling of a topic ({@code scoreboard:042}, {@code scoreboard:+42}, {@code scoreboard: 42}).
   */
  public static Long canonicalId(String topic) {
    int colon = topic.indexOf(':');
    return colon <= 0 ? null : Target.canonicalId(topic.substring(colon + 1));
  }

  /** Whether Gala knows how to decide access to topics of this kind. */
  public static boolean knows(String kind) {
    return KINDS.containsKey(kind) || USER.equals(kind);
  }

  /**
   * Succeeds when {@code caller} (null: anonymous) may follow {@code topic}; fails with 400 BAD_TOPIC
   * for a name that is not canonical, 404 for what does not exist or is private and not theirs,
   * 401/403 otherwise. Nothing is written either way.
   */
  public static Future<Void> require(SqlClient db, Caller caller, String topic) {
    Long id = canonicalId(topic);
    if (id == null) {
      return Future.failedFuture(badTopic(topic));
    }
    String kind = topic.substring(0, topic.indexOf(':'));
    if (USER.equals(kind)) {
      return caller == null ? Future.failedFuture(ApiError.unauthenticated("sign in (auth frame) to follow " + topic))
          : caller.userId() == id ? Future.succeededFuture()
          : Future.failedFuture(ApiError.forbidden("only its own user follows " + topic));
    }
    Kind k = KINDS.get(kind);
    if (k == null) {
      // A topic kind nobody gave a rule for is refused (fail closed), as an operation without x-access is.
      return Future.failedFuture(new ApiError(400, "UNKNOWN_TOPIC", "no access rule for topics like " + topic
          + " (gala.access.TopicAccess)"));
    }
    return Access.require(db, caller, new Target(k.target(), id), k.rule()).mapEmpty();
  }

  public static ApiError badTopic(String topic) {
    return new ApiError(400, "BAD_TOPIC", "topics are written kind:id with the id in digits, no sign or leading zero ("
        + topic + ")");
  }
}
