package gala.registration;

import gala.events.rules.Division;
import gala.notices.UserNotices;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.GroupCommit.Request;
import gala.platform.Http;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.registration.Applicants.Draft;
import gala.registration.Applicants.Resolved;
import gala.registration.RegistrationService.Competition;
import gala.registration.rules.Admission;
import gala.registration.rules.Person;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * registerEntry, set-based: the registrations of one competition that arrive together (a group
 * commit batch, see gala.platform.GroupCommit) are decided and written at once. With the competition
 * row locked, one pipelined round of reads ({@link BatchReads}) fetches what every request of the batch needs (who
 * organises, the units, the profiles and memberships of people entering themselves, the kept
 * counts, the people already entered under the same keys or names, ids for the new entries); the
 * pure rule {@link Admission} decides each request in batch order; a few multi-row statements write
 * the admitted entries and their members; and each topic gets ONE delta for the whole batch, built
 * from the change itself (the entry list's rows and counts, the scoreboard's joined entries, each
 * owner's own rows), all appended by one statement (TopicLog.appendAll, which locks the topics in
 * name order). A refused request gets its own 4xx reply and writes nothing. A batch of one is
 * a single registration.
 */
final class Registering {
  private final TopicLog topics;

  Registering(TopicLog topics) {
    this.topics = topics;
  }

  /** The group lock of registerEntry: the competition row (with its event), or null when there is no such competition. */
  static Future<Competition> lock(SqlClient conn, long competitionId) {
    return RegistrationService.lock(conn, competitionId).otherwiseEmpty();
  }

  /** An admitted request of the batch, with what the database gave its entry. */
  private record Stored(int index, long id, Resolved resolved, Admission.Admit admit, String unitName) {}

  /** Registers every request in order (the competition {@code c} is locked; null: it does not exist); one reply each. */
  Future<List<Reply>> register(Tx tx, Competition c, long competitionId, List<Request> requests) {
    int n = requests.size();
    Reply[] replies = new Reply[n];
    if (c == null) {
      java.util.Arrays.fill(replies, Reply.of(ApiError.notFound("competition " + competitionId)));
      return Future.succeededFuture(List.of(replies));
    }
    Draft[] drafts = new Draft[n];
    RuntimeException[] unreadable = new RuntimeException[n];
    for (int i = 0; i < n; i++) {
      try {
        drafts[i] = Applicants.draft(requests.get(i).caller(), c.team(), c.teamSize(), requests.get(i).body());
      } catch (RuntimeException e) {
        unreadable[i] = e;
      }
    }
    // Generic plans for the batch's statements (pipelined ahead of them; undone with its last
    // statement, so the rest of a writer's transaction plans as before). Several of them (the namesake read, the
    // owners' order, the entry and bib inserts) take arrays, whose custom plans PostgreSQL judged
    // cheaper than the generic one and so planned anew at every execution: 0.5 ms of PostgreSQL
    // CPU per registration (pg_stat_statements.track_planning) for the same plan each time. Each
    // of their generic plans is key lookups (GenericPlansTest keeps them so).
    SqlClient conn = tx.conn();
    Future<?> generic = conn.preparedQuery(GENERIC_PLANS).execute();
    Future<List<Reply>> done = BatchReads.of(conn, c, requests, drafts)
        .compose(f -> decide(tx, c, requests, drafts, unreadable, replies, f));
    return Future.all(generic, done).map(v -> done.result());
  }

  /**
   * Undoes {@link #GENERIC_PLANS}, sent along with the batch's last statement: a round trip after
   * it would keep the topics locked longer.
   */
  private static Future<?> plansAsBefore(SqlClient conn) {
    return conn.preparedQuery(PLANS_AS_BEFORE).execute();
  }

  static final String GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan";
  static final String PLANS_AS_BEFORE = "SET LOCAL plan_cache_mode TO DEFAULT";

  private Future<List<Reply>> decide(Tx tx, Competition c, List<Request> requests, Draft[] drafts,
      RuntimeException[] unreadable, Reply[] replies, BatchReads.Read read) {
    Admission admission = new Admission(new Admission.Rules(c.capacity(), c.unitQuota(), c.divisions(), c.firstDay()),
        read.confirmed(), read.waitlisted(), read.unitLive(), read.entered());
    List<Stored> stored = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < drafts.length; i++) {
      try {
        Caller caller = requests.get(i).caller();
        // Who may register here at all (a private event: its members only) was decided by gala.access.
        if (!read.facts().organises(caller) && !c.open()) {
          throw c.refusal();
        }
        if (unreadable[i] != null) {
          throw unreadable[i];
        }
        Resolved r = Applicants.resolve(drafts[i], read.facts());
        long id = read.ids().get(next);
        Admission.Decision d = admission.decide(r.applicant(), id);
        if (d instanceof Admission.Refuse no) {
          replies[i] = Reply.of(new ApiError(no.status(), no.code(), no.message(), new JsonObject(no.details())));
        } else {
          next++;
          Long unit = r.applicant().unitId();
          Applicants.Unit u = unit == null ? null : read.facts().units().get(unit);
          stored.add(new Stored(i, id, r, (Admission.Admit) d, u == null ? null : u.name()));
        }
      } catch (RuntimeException e) {
        replies[i] = refusal(e);
      }
    }
    if (stored.isEmpty()) {
      return plansAsBefore(tx.conn()).map(v -> List.of(replies));
    }
    return write(tx, c, stored).compose(entries -> deltas(tx, c, read, stored, entries, admission)).map(bodies -> {
      for (int s = 0; s < stored.size(); s++) {
        replies[stored.get(s).index()] = Reply.created(bodies.get(s));
      }
      return List.of(replies);
    });
  }

  /** The admitted entries, their members and the profiles they fill: multi-row statements; then the bibs and codes the database gave them. */
  private Future<Map<Long, Row>> write(Tx tx, Competition c, List<Stored> stored) {
    SqlClient conn = tx.conn();
    int n = stored.size();
    Long[] id = new Long[n];
    Long[] user = new Long[n];
    Long[] owner = new Long[n];
    Long[] unit = new Long[n];
    String[] name = new String[n];
    String[] status = new String[n];
    Integer[] position = new Integer[n];
    String[] division = new String[n];
    Long[] by = new Long[n];
    String[] bibKey = new String[n];
    String[] code = checkinCodes(n);
    List<Object[]> members = new ArrayList<>();
    List<Object[]> fills = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Stored s = stored.get(i);
      Admission.Applicant a = s.resolved().applicant();
      id[i] = s.id();
      user[i] = a.userId();
      owner[i] = s.resolved().ownerId();
      unit[i] = a.unitId();
      name[i] = s.resolved().displayName();
      status[i] = s.admit().confirmed() ? "CONFIRMED" : "WAITLISTED";
      position[i] = s.admit().position();
      division[i] = s.admit().division();
      by[i] = s.resolved().draft().caller().userId();
      // The person a bib belongs to, as assign_bib (V9_1) names them: a team entry itself, else its member.
      bibKey[i] = !s.admit().confirmed() ? null : c.team() ? "e:" + s.id() : s.admit().keys().get(0);
      for (int p = 0; p < a.people().size(); p++) {
        Person person = a.people().get(p);
        members.add(new Object[] {s.id(), a.userId(), person.name(), person.birthDate(), person.gender(), s.admit().keys().get(p)});
      }
      if (s.resolved().fills()) {
        fills.add(new Object[] {a.userId(), s.resolved().fillBirth(), s.resolved().fillGender()});
      }
    }
    Future<?> filled = fills.isEmpty() ? Future.succeededFuture()
        : conn.preparedQuery("UPDATE users u SET birth_date = coalesce(u.birth_date, x.b), gender = coalesce(u.gender, x.g) "
            + "FROM unnest($1::bigint[], $2::date[], $3::text[]) x(id, b, g) WHERE u.id = x.id")
            .execute(Tuple.of(column(fills, 0, Long.class), column(fills, 1, LocalDate.class), column(fills, 2, String.class)));
    Future<?> bibs = bibs(conn, c.eventId(), bibKey);
    // Each confirmed entry comes with its person's bib (given out just above), so the bib trigger,
    // which would give it row by row and then rewrite the entry, has nothing to do. Each comes with
    // a check-in code drawn here too, kept when no entry has it yet (one key lookup): the column's
    // default, which other writers keep, runs two plpgsql functions per row for the same thing.
    Future<RowSet<Row>> entries = conn.preparedQuery("INSERT INTO entries (id, competition_id, user_id, owner_id, unit_id, "
            + "display_name, status, waitlist_position, division, created_by, bib, checkin_code) SELECT x.id, $1, x.u, x.o, "
            + "x.unit, x.n, x.s, x.p, x.d, x.b, (SELECT bib FROM bibs WHERE event_id = $12 AND person_key = x.key), "
            + "CASE WHEN (SELECT e.id FROM entries e WHERE e.checkin_code = x.code) IS NULL THEN x.code ELSE new_checkin_code() END "
            + "FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::int[], $9::text[], "
            + "$10::bigint[], $11::text[], $13::text[]) WITH ORDINALITY x(id, u, o, unit, n, s, p, d, b, key, code, k) ORDER BY x.k "
            + "RETURNING id, bib, checkin_code")
        .execute(Tuple.from(new Object[] {c.id(), id, user, owner, unit, name, status, position, division, by, bibKey,
            c.eventId(), code}));
    Future<?> people = conn.preparedQuery("INSERT INTO entry_members (entry_id, competition_id, user_id, display_name, birth_date, "
            + "gender, person_key) SELECT x.e, $1, x.u, x.n, x.b, x.g, x.k FROM unnest($2::bigint[], $3::bigint[], $4::text[], "
            + "$5::date[], $6::text[], $7::text[]) WITH ORDINALITY x(e, u, n, b, g, k, o) ORDER BY x.o")
        .execute(Tuple.from(new Object[] {c.id(), column(members, 0, Long.class), column(members, 1, Long.class),
            column(members, 2, String.class), column(members, 3, LocalDate.class), column(members, 4, String.class),
            column(members, 5, String.class)}));
    return Future.all(List.of(filled, bibs, entries, people)).map(v -> {
      Map<Long, Row> out = new HashMap<>();
      entries.result().forEach(r -> out.put(r.getLong("id"), r));
      return out;
    }).recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
        && stored.size() == 1 ? ApiError.conflict("ALREADY_REGISTERED", "already registered in this competition") : e));
  }

  /** {@code n} distinct check-in codes, drawn as the database's short_code(6) draws them (V9_1). */
  static String[] checkinCodes(int n) {
    java.util.Set<String> drawn = new java.util.LinkedHashSet<>();
    while (drawn.size() < n) {
      drawn.add(gala.platform.ShortCodes.random(6));
    }
    return drawn.toArray(new String[0]);
  }

  /**
   * Gives each person of {@code keys} (nulls skipped) without a bib in the event the next number of
   * the event's sequence, set-based. Two statements, because in READ COMMITTED a statement that waited
   * on another transaction's insert of the same person (ON CONFLICT) cannot see that row once it
   * commits: the second statement, with a fresh snapshot, sees it, and gives any person still without
   * a number (the sequence's number was one an organiser had set by hand) one through bib_for, which
   * skips taken numbers. Keys are inserted in sorted order, so two batches sharing people never wait
   * on each other in a circle. The event's sequence is looked up once per statement (an uncorrelated
   * subquery), not once per row. Each person is looked up by key (a scalar subquery, not NOT EXISTS,
   * which the planner may turn into a scan of the event's whole bib table). Pipelined: both are
   * sent with the batch's other statements.
   */
  static Future<?> bibs(SqlClient conn, long eventId, String[] keys) {
    java.util.TreeSet<String> sorted = new java.util.TreeSet<>();
    for (String k : keys) {
      if (k != null) {
        sorted.add(k);
      }
    }
    if (sorted.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple args = Tuple.tuple().addValue(eventId).addValue(sorted.toArray(new String[0]));
    Future<?> given = conn.preparedQuery("INSERT INTO bibs (event_id, person_key, bib) SELECT $1::bigint, k.key, "
            + "nextval((SELECT format('%I', 'bib_seq_' || $1::bigint)::regclass))::int FROM (SELECT x.key FROM unnest($2::text[]) x(key) "
            + "WHERE (SELECT b.bib FROM bibs b WHERE b.event_id = $1 AND b.person_key = x.key) IS NULL ORDER BY x.key) k "
            + "ON CONFLICT DO NOTHING")
        .execute(args);
    Future<?> rest = conn.preparedQuery("SELECT bib_for($1, x.key) FROM unnest($2::text[]) x(key) "
            + "WHERE (SELECT b.bib FROM bibs b WHERE b.event_id = $1 AND b.person_key = x.key) IS NULL")
        .execute(args);
    return Future.all(given, rest);
  }

  @SuppressWarnings("unchecked")
  private static <T> T[] column(List<Object[]> rows, int i, Class<T> type) {
    T[] out = (T[]) java.lang.reflect.Array.newInstance(type, rows.size());
    for (int r = 0; r < rows.size(); r++) {
      out[r] = type.cast(rows.get(r)[i]);
    }
    return out;
  }

  /**
   * One delta per topic for the whole batch, from the change itself: the scoreboard hears which
   * entries joined the field, the entry list gets the new rows and the counts (and the order when a
   * confirmed row goes before a waitlist), each owner's own topic its new rows. Answers the replies' bodies.
   */
  private Future<List<JsonObject>> deltas(Tx tx, Competition c, BatchReads.Read read, List<Stored> stored, Map<Long, Row> given,
      Admission admission) {
    SqlClient conn = tx.conn();
    List<JsonObject> bodies = new ArrayList<>();
    JsonArray listRows = new JsonArray();
    List<Long> joined = new ArrayList<>();
    TreeMap<String, JsonArray> own = new TreeMap<>(); // each owner's new rows, by topic
    List<JsonObject> confirmedRows = new ArrayList<>();
    List<JsonObject> waitlistedRows = new ArrayList<>();
    for (Stored s : stored) {
      Row g = given.get(s.id());
      JsonObject entry = entryJson(c, s, g.getInteger("bib"), g.getString("checkin_code"));
      bodies.add(entry.copy());
      JsonObject row = EntryListSource.row(s.id(), s.resolved().displayName(), s.unitName(), entry.getString("status"),
          s.admit().position(), s.admit().division(), null, g.getInteger("bib"), g.getString("checkin_code"));
      (s.admit().confirmed() ? confirmedRows : waitlistedRows).add(row);
      if (s.admit().confirmed()) {
        joined.add(s.id());
      }
      Long owner = s.resolved().ownerId();
      if (owner != null) {
        String topic = UserNotices.topic(owner);
        own.computeIfAbsent(topic, t -> new JsonArray()).add(MyEntries.row(entry, c.name(), c.eventId(), c.eventTitle(),
            c.firstDay(), divisionName(c.divisions(), s.admit().division())));
      }
    }
    confirmedRows.forEach(listRows::add);
    waitlistedRows.forEach(listRows::add);
    // One round of reads, pipelined on the one connection: the scoreboard's lock and what it needs
    // to tell its delta, the list's order when a confirmed row goes before the waitlist, and the
    // owners whose new rows do not simply go last. Then one statement appends every topic's delta.
    String boardTopic = "scoreboard:" + c.id();
    Future<JsonObject> board = joined.isEmpty() ? Future.succeededFuture(new JsonObject()) : topics.deltaOf(tx, boardTopic,
        new JsonObject().put("added", new JsonArray(new ArrayList<>(joined))).put("removed", new JsonArray()));
    boolean reorder = !joined.isEmpty() && read.waitlisted() > 0;
    Future<JsonArray> order = reorder ? EntryListSource.order(conn, c.id()) : Future.succeededFuture(null);
    Set<Long> owners = new LinkedHashSet<>();
    own.keySet().forEach(t -> owners.add(Long.parseLong(TopicLog.idOf(t))));
    Future<Map<Long, JsonArray>> orders = owners.isEmpty() ? Future.succeededFuture(Map.of())
        : MyEntries.ordersIfLater(conn, owners, c.firstDay());
    return Future.all(board, order, orders).compose(v -> {
      Map<String, JsonObject> deltas = new HashMap<>();
      JsonObject rows = new JsonObject().put("upsert", listRows);
      if (order.result() != null) {
        rows.put("order", order.result());
      }
      JsonObject set = new JsonObject().put("confirmed", admission.confirmed()).put("waitlisted", admission.waitlisted())
          .put("checkedIn", read.checkedIn());
      deltas.put(EntryListSource.topic(c.id()), new JsonObject().put("set", set).put("lists", new JsonObject().put("rows", rows)));
      for (Map.Entry<String, JsonArray> e : own.entrySet()) {
        JsonObject list = new JsonObject().put("upsert", e.getValue());
        JsonArray ownOrder = orders.result().get(Long.parseLong(TopicLog.idOf(e.getKey())));
        if (ownOrder != null) {
          list.put("order", ownOrder);
        }
        deltas.put(e.getKey(), new JsonObject().put("lists", new JsonObject().put("entries", list)));
      }
      // A board the source cannot tell the change of (scored already) is recomputed; it is the
      // competition's own topic, serialised by the locks this batch holds, like the entry list.
      if (board.result() != null) {
        deltas.put(boardTopic, board.result());
        return Future.all(topics.appendAll(tx, deltas, read.topics()), plansAsBefore(conn));
      }
      return topics.refresh(tx, boardTopic)
          .compose(x -> Future.all(topics.appendAll(tx, deltas, read.topics()), plansAsBefore(conn)));
    }).map(v -> bodies);
  }

  /** The new entry as the API shows it to whoever entered it (with its check-in code once confirmed). */
  private static JsonObject entryJson(Competition c, Stored s, Integer bib, String code) {
    Admission.Applicant a = s.resolved().applicant();
    JsonArray members = new JsonArray();
    a.people().forEach(p -> members.add(p.name()));
    String status = s.admit().confirmed() ? "CONFIRMED" : "WAITLISTED";
    JsonObject e = new JsonObject().put("id", s.id()).put("competitionId", c.id()).put("userId", a.userId())
        .put("ownerId", s.resolved().ownerId()).put("unitId", a.unitId()).put("unit", s.unitName())
        .put("displayName", s.resolved().displayName()).put("status", status)
        .put("waitlistPosition", s.admit().position()).put("division", s.admit().division()).put("checkedInAt", null)
        .put("promotedAt", null).put("bib", bib).put("members", members);
    if (RegistrationService.hasCode(status)) {
      e.put("checkinCode", code);
    }
    return e;
  }

  private static String divisionName(List<Division> divisions, String code) {
    for (Division d : divisions) {
      if (d.code().equals(code)) {
        return d.name();
      }
    }
    return null;
  }

  private static Reply refusal(RuntimeException e) {
    ApiError error = Http.apiError(e);
    if (error == null) {
      throw e;
    }
    return Reply.of(error);
  }
}
