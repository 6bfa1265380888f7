package gala.registration;

import gala.platform.ApiError;
import gala.registration.Registering.Stored;
import gala.registration.RegistrationService.Competition;
import gala.registration.rules.Admission;
import gala.registration.rules.Person;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a registration batch ({@link Registering}) writes for its admitted requests, whatever
 * competitions they enter: the profiles they fill, the bibs of the people confirmed (one pair of
 * statements per event), the entries and their members, each a single multi-row statement, all
 * pipelined. Answers the bib and check-in code the database gave each entry.
 */
final class BatchWrites {
  private BatchWrites() {}

  static Future<Map<Long, Row>> write(SqlClient conn, List<Stored> stored) {
    int n = stored.size();
    Long[] id = new Long[n];
    Long[] competition = new Long[n];
    Long[] event = new Long[n];
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
    TreeMap<Long, List<String>> bibKeys = new TreeMap<>(); // event -> people to give a bib
    List<Object[]> members = new ArrayList<>();
    Map<Long, Object[]> fills = new TreeMap<>(); // by user id: the first request's values, rows locked in id order
    for (int i = 0; i < n; i++) {
      Stored s = stored.get(i);
      Competition c = s.competition();
      Admission.Applicant a = s.resolved().applicant();
      id[i] = s.id();
      competition[i] = c.id();
      event[i] = c.eventId();
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
      if (bibKey[i] != null) {
        bibKeys.computeIfAbsent(c.eventId(), e -> new ArrayList<>()).add(bibKey[i]);
      }
      for (int p = 0; p < a.people().size(); p++) {
        Person person = a.people().get(p);
        members.add(new Object[] {s.id(), c.id(), a.userId(), person.name(), person.birthDate(), person.gender(),
            s.admit().keys().get(p)});
      }
      if (s.resolved().fills()) {
        fills.putIfAbsent(a.userId(), new Object[] {a.userId(), s.resolved().fillBirth(), s.resolved().fillGender()});
      }
    }
    List<Object[]> filling = new ArrayList<>(fills.values());
    Future<?> filled = filling.isEmpty() ? Future.succeededFuture()
        : conn.preparedQuery("UPDATE users u SET birth_date = coalesce(u.birth_date, x.b), gender = coalesce(u.gender, x.g) "
            + "FROM unnest($1::bigint[], $2::date[], $3::text[]) x(id, b, g) WHERE u.id = x.id")
            .execute(Tuple.of(column(filling, 0, Long.class), column(filling, 1, LocalDate.class),
                column(filling, 2, String.class)));
    // The bibs event by event (in id order), each event's people in one sorted statement.
    List<Future<?>> given = new ArrayList<>();
    bibKeys.forEach((ev, keys) -> given.add(bibs(conn, ev, keys.toArray(new String[0]))));
    // Each confirmed entry comes with its person's bib (given out just above), so the bib trigger,
    // which would give it row by row and then rewrite the entry, has nothing to do. Each comes with
    // a check-in code drawn here too, kept when no entry has it yet (one key lookup): the column's
    // default, which other writers keep, runs two plpgsql functions per row for the same thing.
    Future<RowSet<Row>> entries = conn.preparedQuery("INSERT INTO entries (id, competition_id, user_id, owner_id, unit_id, "
            + "display_name, status, waitlist_position, division, created_by, bib, checkin_code) SELECT x.id, x.c, x.u, x.o, "
            + "x.unit, x.n, x.s, x.p, x.d, x.b, (SELECT bib FROM bibs WHERE event_id = x.ev AND person_key = x.key), "
            + "CASE WHEN (SELECT e.id FROM entries e WHERE e.checkin_code = x.code) IS NULL THEN x.code ELSE new_checkin_code() END "
            + "FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], "
            + "$8::int[], $9::text[], $10::bigint[], $11::text[], $12::bigint[], $13::text[]) "
            + "WITH ORDINALITY x(id, c, u, o, unit, n, s, p, d, b, key, ev, code, k) ORDER BY x.k "
            + "RETURNING id, bib, checkin_code")
        .execute(Tuple.from(new Object[] {id, competition, user, owner, unit, name, status, position, division, by, bibKey,
            event, code}));
    Future<?> people = conn.preparedQuery("INSERT INTO entry_members (entry_id, competition_id, user_id, display_name, birth_date, "
            + "gender, person_key) SELECT x.e, x.c, x.u, x.n, x.b, x.g, x.k FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], "
            + "$4::text[], $5::date[], $6::text[], $7::text[]) WITH ORDINALITY x(e, c, u, n, b, g, k, o) ORDER BY x.o")
        .execute(Tuple.from(new Object[] {column(members, 0, Long.class), column(members, 1, Long.class),
            column(members, 2, Long.class), column(members, 3, String.class), column(members, 4, LocalDate.class),
            column(members, 5, String.class), column(members, 6, String.class)}));
    List<Future<?>> all = new ArrayList<>(List.of(filled, entries, people));
    all.addAll(given);
    return Future.all(all).map(v -> {
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
   * on each other in a circle (a batch over several competitions of an event gives all its bibs of
   * the event in one statement for the same reason). The event's sequence is looked up once per
   * statement (an uncorrelated subquery), not once per row. Each person is looked up by key (a scalar
   * subquery, not NOT EXISTS, which the planner may turn into a scan of the event's whole bib table).
   * Pipelined: both are sent with the batch's other statements.
   */
  static Future<?> bibs(SqlClient conn, long eventId, String[] keys) {
    TreeSet<String> sorted = new TreeSet<>();
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
}
