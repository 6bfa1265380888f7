package gala.access;

import gala.platform.ApiError;
import gala.platform.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.EnumMap;
import java.util.Map;

/**
 * THE visibility and authorization component: who may see or change what. Given a caller and a
 * target it answers, in one SQL query joined from the target to its event and the caller's relations,
 * where the caller stands ({@link Standing}); a {@link Rule} turns that into allow, 404 or 403. Every
 * HTTP operation (through {@link Guard}) and every live topic ({@link #topic}) asks here. Nothing is
 * cached, so a judge removed on one node is refused on every node at once, with one exception: a
 * judge's "yes" for a mark, whose handler reads the judge's seat again under the results lock
 * ({@link KnownJudges}).
 */
public final class Access {
  /** Per kind: the target row as (event_id, competition_id, self) for target $1 and caller $2. */
  private static final Map<Target.Kind, String> TARGETS = new EnumMap<>(Target.Kind.class);

  static {
    TARGETS.put(Target.Kind.EVENT, "SELECT id AS event_id, NULL::bigint AS competition_id, FALSE AS self FROM events WHERE id = $1");
    TARGETS.put(Target.Kind.COMPETITION, "SELECT event_id, id AS competition_id, FALSE AS self FROM competitions WHERE id = $1");
    TARGETS.put(Target.Kind.ENTRY, "SELECT c.event_id, c.id AS competition_id, "
        + "(e.user_id = $2 OR e.owner_id = $2 OR e.created_by = $2 "
        + " OR EXISTS (SELECT 1 FROM entry_members m WHERE m.entry_id = e.id AND m.user_id = $2) "
        + " OR EXISTS (SELECT 1 FROM units u WHERE u.id = e.unit_id AND u.contact_user_id = $2)) IS TRUE AS self "
        + "FROM entries e JOIN competitions c ON c.id = e.competition_id WHERE e.id = $1");
    TARGETS.put(Target.Kind.MIXER, "SELECT x.event_id, NULL::bigint AS competition_id, "
        + "EXISTS (SELECT 1 FROM mixer_profiles p WHERE p.mixer_id = x.id AND p.user_id = $2) AS self FROM mixers x WHERE x.id = $1");
    TARGETS.put(Target.Kind.UNIT, "SELECT event_id, NULL::bigint AS competition_id, "
        + "(contact_user_id = $2) IS TRUE AS self FROM units WHERE id = $1");
    TARGETS.put(Target.Kind.IMPORT, "SELECT event_id, NULL::bigint AS competition_id, created_by = $2 AS self "
        + "FROM import_jobs WHERE id = $1");
    TARGETS.put(Target.Kind.PROBLEM, "SELECT c.event_id, c.id AS competition_id, p.judge_id = $2 AS self "
        + "FROM judge_problems p JOIN competitions c ON c.id = p.competition_id WHERE p.id = $1");
    TARGETS.put(Target.Kind.JUDGE_CODE, "SELECT c.event_id, c.id AS competition_id, FALSE AS self "
        + "FROM judge_codes k JOIN competitions c ON c.id = k.competition_id WHERE k.id = $1");
  }

  private static String organiser(String event, String user) {
    return "EXISTS (SELECT 1 FROM event_organisers o WHERE o.event_id = " + event + " AND o.user_id = " + user + ")";
  }

  private static String staff(String event, String user) {
    return "EXISTS (SELECT 1 FROM competition_judges j JOIN competitions c ON c.id = j.competition_id "
        + "WHERE c.event_id = " + event + " AND j.user_id = " + user + ")";
  }

  private static String entrant(String event, String user) {
    return "(EXISTS (SELECT 1 FROM entries e JOIN competitions c ON c.id = e.competition_id "
        + "  WHERE c.event_id = " + event + " AND (e.user_id = " + user + " OR e.owner_id = " + user + ") AND e.status <> 'WITHDRAWN') "
        + " OR EXISTS (SELECT 1 FROM entry_members m JOIN competitions c ON c.id = m.competition_id "
        + "  WHERE c.event_id = " + event + " AND m.user_id = " + user + " AND m.active) "
        + " OR EXISTS (SELECT 1 FROM mixer_profiles p JOIN mixers x ON x.id = p.mixer_id "
        + "  WHERE x.event_id = " + event + " AND p.user_id = " + user + "))";
  }

  /** The contact or a member of one of the event's units. */
  private static String unitContact(String event, String user) {
    return "(EXISTS (SELECT 1 FROM units u WHERE u.event_id = " + event + " AND u.contact_user_id = " + user + ") "
        + " OR EXISTS (SELECT 1 FROM unit_members m JOIN units u ON u.id = m.unit_id WHERE m.user_id = " + user
        + "  AND u.event_id = " + event + "))";
  }

  /**
   * The SQL condition "the caller may see event {@code event}" for lists of events (the calendar,
   * the home page): the same rule as {@link Standing#visible}, for a caller id and an admin flag
   * given as SQL expressions (parameters such as {@code $1}).
   */
  public static String visibleEventSql(String event, String isPublic, String user, String admin) {
    return "(" + isPublic + " OR " + admin + " OR " + organiser(event, user) + " OR " + staff(event, user) + " OR "
        + entrant(event, user) + " OR " + unitContact(event, user) + ")";
  }

  /**
   * The caller's relations to the target's event. Whether a private event knows the caller (staff,
   * entrant, unit contact: the costly lookups) is asked only when the event is private and nothing
   * cheaper already answered: PostgreSQL stops at the first true operand of an OR, and a public event
   * is visible to everyone, so a request about one never runs those lookups.
   */
  private static final String RELATIONS = "SELECT t.event_id, t.competition_id, t.self, ev.is_public, r.organiser, r.judge, "
      + "EXISTS (SELECT 1 FROM competition_judges j WHERE j.competition_id = t.competition_id AND j.user_id = $2 "
      + "  AND j.is_head) AS head, "
      + "(ev.is_public OR r.organiser OR r.judge OR t.self OR " + staff("t.event_id", "$2") + " OR "
      + entrant("t.event_id", "$2") + " OR " + unitContact("t.event_id", "$2") + ") IS TRUE AS known, "
      + "EXISTS (SELECT 1 FROM scoreboard_visibility v WHERE v.competition_id = t.competition_id AND v.hidden) AS results_hidden "
      + "FROM (%s) t JOIN events ev ON ev.id = t.event_id CROSS JOIN LATERAL (SELECT "
      + organiser("t.event_id", "$2") + " AS organiser, "
      + "EXISTS (SELECT 1 FROM competition_judges j WHERE j.competition_id = t.competition_id AND j.user_id = $2) AS judge) r";

  private static final Map<Target.Kind, String> QUERIES = new EnumMap<>(Target.Kind.class);

  static {
    TARGETS.forEach((kind, target) -> QUERIES.put(kind, RELATIONS.formatted(target)));
  }

  private Access() {}

  /** Where {@code caller} (null: anonymous) stands toward {@code target}'s event; 404 when it does not exist. */
  public static Future<Standing> standing(SqlClient db, Caller caller, Target target) {
    boolean admin = caller != null && caller.isAdmin();
    // On a generic plan (gala.platform.PlanModes): the query's dozen joins and EXISTS were planned
    // afresh at about half its calls, 684 ms of planning in a 5.6 s ScoringBench saturation.
    Tuple args = Tuple.of(target.id(), caller == null ? -1L : caller.userId());
    return gala.platform.PlanModes.onGenericPlan(db, conn -> conn.preparedQuery(QUERIES.get(target.kind())).execute(args))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound(target.noun() + " " + target.id()));
          }
          Row r = rows.iterator().next();
          return Future.succeededFuture(new Standing(r.getLong("event_id"), r.getLong("competition_id"),
              r.getBoolean("is_public"), admin, r.getBoolean("organiser"), r.getBoolean("judge"), r.getBoolean("head"),
              r.getBoolean("known"), r.getBoolean("self"), r.getBoolean("results_hidden")));
        });
  }

  /** Succeeds with the caller's standing when {@code rule} allows it on {@code target}; else the refusal. */
  public static Future<Standing> require(SqlClient db, Caller caller, Target target, Rule rule) {
    return standing(db, caller, target).compose(s -> {
      ApiError refusal = rule.decide(caller, s, target);
      return refusal == null ? Future.succeededFuture(s) : Future.failedFuture(refusal);
    });
  }

  /** Where the caller stands toward a competition (its judges, head judges, hidden results); 404 when it does not exist. */
  public static Future<Standing> competition(SqlClient db, Caller caller, long competitionId) {
    return standing(db, caller, Target.competition(competitionId));
  }

  /**
   * Whether the caller organises the event (admins do everywhere), for work already inside an
   * operation gala.access let through: one index lookup, cheap enough for write paths.
   */
  public static Future<Boolean> organises(SqlClient db, Caller caller, long eventId) {
    return caller == null ? Future.succeededFuture(false) : caller.isAdmin() ? Future.succeededFuture(true)
        : db.preparedQuery("SELECT " + organiser("$1", "$2")).execute(Tuple.of(eventId, caller.userId()))
            .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Which of {@code userIds} organise the event (admins are told by their token, not here): one statement for many callers. */
  public static Future<java.util.Set<Long>> organisersAmong(SqlClient db, long eventId, java.util.Collection<Long> userIds) {
    return db.preparedQuery("SELECT o.user_id FROM event_organisers o WHERE o.event_id = $1 AND o.user_id = ANY($2)")
        .execute(Tuple.tuple().addValue(eventId).addValue(userIds.toArray(new Long[0])))
        .map(rows -> {
          java.util.Set<Long> out = new java.util.HashSet<>();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  /** {@link #organises} for the event of a competition; false when the competition does not exist. */
  public static Future<Boolean> organisesEventOf(SqlClient db, Caller caller, long competitionId) {
    return caller == null ? Future.succeededFuture(false) : caller.isAdmin() ? Future.succeededFuture(true)
        : db.preparedQuery("SELECT " + organiser("(SELECT c.event_id FROM competitions c WHERE c.id = $1)", "$2"))
            .execute(Tuple.of(competitionId, caller.userId()))
            .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * The competition's results as the caller may see them: succeeds when released, or when the caller
   * scores the competition (its judges, the event's organisers); else 403 SCOREBOARD_HIDDEN.
   */
  public static Future<Standing> requireResults(SqlClient db, Caller caller, long competitionId) {
    return competition(db, caller, competitionId).compose(s -> s.seesResults() ? Future.succeededFuture(s)
        : Future.failedFuture(new ApiError(403, "SCOREBOARD_HIDDEN", "the results of this competition are not released yet")));
  }

  /** Organisers of the event (admins too); 404 when it does not exist or is private and not theirs, else 403. */
  public static Future<Standing> requireOrganiser(SqlClient db, Caller caller, long eventId) {
    return require(db, caller, Target.event(eventId), Rule.ORGANISER);
  }
}
