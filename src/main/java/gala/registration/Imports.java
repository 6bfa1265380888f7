package gala.registration;

import gala.events.EventAccess;
import gala.events.rules.Division;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.Tx;
import gala.registration.RegistrationService.Competition;
import gala.registration.rules.Eligibility;
import gala.registration.rules.ImportFile;
import gala.registration.rules.ImportFile.RowError;
import gala.registration.rules.Person;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV import jobs. The file is parsed before anything is written (an unreadable file is refused
 * whole); then rows are imported in batches, each batch one transaction that also stores its row
 * errors and the job's progress, so what is imported and what the report says always agree.
 */
final class Imports {
  private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
  static final int BATCH = 500;
  private final RegistrationService registrations;
  private final Database db;

  Imports(RegistrationService registrations) {
    this.registrations = registrations;
    this.db = registrations.db();
  }

  /** Creates the job inside {@code tx} (the idempotent transaction); rows are imported by {@link #run}. */
  Future<Reply> create(Tx tx, Caller caller, long eventId, Long unitId, String fileName, ImportFile.Parsed parsed,
      long[] createdId) {
    SqlClient conn = tx.conn();
    List<RowError> errors = parsed.errors();
    int failedLines = (int) errors.stream().mapToInt(RowError::line).distinct().count();
    return EventAccess.requireOrganiser(conn, caller, eventId)
        .compose(v -> unitId == null ? Future.succeededFuture()
            : conn.preparedQuery("SELECT 1 FROM units WHERE id = $1 AND event_id = $2").execute(Tuple.of(unitId, eventId))
                .compose(r -> r.size() == 1 ? Future.succeededFuture()
                    : Future.failedFuture(ApiError.unprocessable("UNKNOWN_UNIT", "unit " + unitId + " is not a unit of this event"))))
        .compose(v -> conn.preparedQuery("INSERT INTO import_jobs (event_id, unit_id, file_name, status, total, done, failed, "
                + "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
            .execute(Tuple.from(Arrays.asList(eventId, unitId, fileName, parsed.rows().isEmpty() ? "DONE" : "RUNNING",
                parsed.total(), failedLines, failedLines, caller.userId()))))
        .compose(rows -> {
          long jobId = rows.iterator().next().getLong(0);
          createdId[0] = jobId;
          return storeErrors(conn, jobId, errors)
              .compose(v -> registrations.topics().refresh(tx, ImportSource.topic(jobId)))
              .compose(v -> job(conn, jobId, 0))
              .map(job -> new Reply(202, job));
        });
  }

  /**
   * Imports the rows batch by batch; never fails (a broken job is marked FAILED, which the organiser's
   * page says in a sentence). A batch that meets a passing database failure (a deadlock, a
   * serialization failure, a dropped connection) is tried again a few times before the job fails:
   * each batch is one transaction, so the batches before it stay imported and it is never half done.
   */
  Future<Void> run(Vertx vertx, long jobId, long eventId, Long unitId, List<ImportFile.Row> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return lookups(eventId).compose(lookups -> progress(jobId).compose(done -> {
      Future<Void> f = Future.succeededFuture();
      for (int from = 0; from < rows.size(); from += BATCH) {
        int to = Math.min(rows.size(), from + BATCH);
        List<ImportFile.Row> batch = rows.subList(from, to);
        int doneAfter = done + to; // the job's progress once this batch is stored
        f = f.compose(v -> Retrying.tried(vertx, "import " + jobId, () -> db.inTransaction(tx -> batch(tx, jobId, unitId, lookups, batch)),
            () -> progress(jobId).map(now -> now >= doneAfter)));
      }
      return f;
    })).compose(v -> Retrying.tried(vertx, "import " + jobId, () -> finish(jobId, "DONE"), () -> Future.succeededFuture(false)))
        .recover(e -> {
          LOG.error("import {} failed", jobId, e);
          return Retrying.tried(vertx, "import " + jobId, () -> finish(jobId, "FAILED"), () -> Future.succeededFuture(false));
        });
  }

  /** The job's rows done so far (its parse errors, then each stored batch). */
  private Future<Integer> progress(long jobId) {
    return db.pool().preparedQuery("SELECT done FROM import_jobs WHERE id = $1").execute(Tuple.of(jobId))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  private Future<Void> finish(long jobId, String status) {
    return db.inTransaction(tx -> tx.conn()
        .preparedQuery("UPDATE import_jobs SET status = $2, finished_at = now() WHERE id = $1").execute(Tuple.of(jobId, status))
        .compose(v -> registrations.topics().refresh(tx, ImportSource.topic(jobId))).mapEmpty());
  }

  /** Competition and unit names of the event, looked up once per job. */
  record Lookups(Map<String, Long> competitions, Map<String, Long> units) {}

  private Future<Lookups> lookups(long eventId) {
    return db.pool().preparedQuery("SELECT id, name FROM competitions WHERE event_id = $1").execute(Tuple.of(eventId))
        .compose(comps -> db.pool().preparedQuery("SELECT id, name FROM units WHERE event_id = $1").execute(Tuple.of(eventId))
            .map(units -> new Lookups(byName(comps), byName(units))));
  }

  private static Map<String, Long> byName(RowSet<Row> rows) {
    Map<String, Long> out = new HashMap<>();
    rows.forEach(r -> {
      out.put(norm(r.getString("name")), r.getLong("id"));
      out.put("#" + r.getLong("id"), r.getLong("id"));
    });
    return out;
  }

  private static Long find(Map<String, Long> names, String key) {
    Long byName = names.get(norm(key));
    return byName != null ? byName : names.get("#" + key.trim());
  }

  private static String norm(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  /** One row ready to insert. */
  private record Accepted(ImportFile.Row row, long competitionId, Long unitId, String division, String status,
      Integer position, String key) {}

  private Future<Void> batch(Tx tx, long jobId, Long defaultUnit, Lookups lookups, List<ImportFile.Row> rows) {
    SqlClient conn = tx.conn();
    List<RowError> errors = new ArrayList<>();
    Map<ImportFile.Row, Long> competitionOf = new HashMap<>();
    Map<ImportFile.Row, Long> unitOf = new HashMap<>();
    Set<Long> ids = new TreeSet<>(); // locked in id order, so concurrent imports cannot deadlock
    for (ImportFile.Row row : rows) {
      Long cid = find(lookups.competitions(), row.competition());
      Long uid = row.unit() == null ? defaultUnit : find(lookups.units(), row.unit());
      if (cid == null) {
        errors.add(new RowError(row.line(), "UNKNOWN_COMPETITION", "no competition \"" + row.competition() + "\" in this event"));
      } else if (row.unit() != null && uid == null) {
        errors.add(new RowError(row.line(), "UNKNOWN_UNIT", "no unit \"" + row.unit() + "\" in this event"));
      } else {
        competitionOf.put(row, cid);
        unitOf.put(row, uid);
        ids.add(cid);
      }
    }
    Long[] idArray = ids.toArray(new Long[0]);
    Map<Long, Competition> comps = new HashMap<>();
    Future<Void> locked = Future.succeededFuture();
    for (Long id : ids) {
      locked = locked.compose(v -> RegistrationService.lock(conn, id).map(c -> {
        comps.put(id, c);
        return null;
      }));
    }
    List<String> keys = new ArrayList<>();
    for (ImportFile.Row row : competitionOf.keySet()) {
      keys.add(RegistrationService.personKey(unitOf.get(row), new Person(row.name(), row.birthDate(), row.gender())));
    }
    Map<Long, long[]> counts = new HashMap<>(); // competition -> {taken, last position, waitlisted before the batch}
    Map<String, Long> unitCounts = new HashMap<>(); // competition:unit -> live entries
    Set<String> existing = new HashSet<>(); // competition|personKey
    return locked
        // The kept counts (competition_entry_counts, unit_entry_counts), not counts of the lists: a
        // batch costs what it imports, whatever the lists' length. The waitlist is gap-free, so its
        // last position is its length.
        .compose(v -> conn.preparedQuery("SELECT competition_id, confirmed, waitlisted FROM competition_entry_counts "
                + "WHERE competition_id = ANY($1)").execute(Tuple.tuple().addValue(idArray)))
        .compose(r -> {
          r.forEach(x -> counts.put(x.getLong(0), new long[] {x.getInteger(1), x.getInteger(2), x.getInteger(2)}));
          return conn.preparedQuery("SELECT competition_id, unit_id, live FROM unit_entry_counts WHERE competition_id = ANY($1)")
              .execute(Tuple.tuple().addValue(idArray));
        })
        .compose(r -> {
          r.forEach(x -> unitCounts.put(x.getLong(0) + ":" + x.getLong(1), (long) x.getInteger(2)));
          return conn.preparedQuery("SELECT competition_id, person_key FROM entry_members WHERE active "
              + "AND competition_id = ANY($1) AND person_key = ANY($2)").execute(Tuple.tuple().addValue(idArray).addValue(keys.toArray(new String[0])));
        })
        .compose(r -> {
          r.forEach(x -> existing.add(x.getLong(0) + "|" + x.getString(1)));
          List<Accepted> accepted = new ArrayList<>();
          for (ImportFile.Row row : rows) {
            Long cid = competitionOf.get(row);
            if (cid == null) {
              continue;
            }
            Competition c = comps.get(cid);
            Long uid = unitOf.get(row);
            Person p = new Person(row.name(), row.birthDate(), row.gender());
            if (c.team()) {
              errors.add(new RowError(row.line(), "TEAM_COMPETITION", c.name() + " takes teams; register teams on its page"));
              continue;
            }
            String division = divisionCode(c.divisions(), row.division());
            Eligibility.Verdict verdict = Eligibility.check(c.divisions(), division, List.of(p), c.firstDay());
            if (!verdict.ok()) {
              errors.add(new RowError(row.line(), verdict.refusal(), verdict.message()));
              continue;
            }
            String key = RegistrationService.personKey(uid, p);
            if (!existing.add(cid + "|" + key)) {
              errors.add(new RowError(row.line(), "ALREADY_REGISTERED", row.name() + " is already registered in " + c.name()));
              continue;
            }
            String unitKey = cid + ":" + uid;
            long unitEntries = uid == null ? 0 : unitCounts.getOrDefault(unitKey, 0L);
            if (c.unitQuota() != null && uid != null && unitEntries >= c.unitQuota()) {
              errors.add(new RowError(row.line(), "UNIT_QUOTA_REACHED", "the unit already has " + c.unitQuota()
                  + " entries in " + c.name()));
              existing.remove(cid + "|" + key);
              continue;
            }
            if (uid != null) {
              unitCounts.put(unitKey, unitEntries + 1);
            }
            long[] n = counts.computeIfAbsent(cid, k -> new long[3]); // {taken, last position, waitlisted before}
            boolean confirmed = n[0] < c.capacity();
            Integer position = null;
            if (confirmed) {
              n[0]++;
            } else {
              position = (int) ++n[1];
            }
            accepted.add(new Accepted(row, cid, uid, verdict.division(), confirmed ? "CONFIRMED" : "WAITLISTED", position, key));
          }
          long eventId = accepted.isEmpty() ? 0 : comps.get(accepted.get(0).competitionId()).eventId();
          return insert(tx, jobId, eventId, accepted)
              .compose(inserted -> storeErrors(conn, jobId, errors).map(inserted))
              .compose(inserted -> conn.preparedQuery("UPDATE import_jobs SET done = done + $2, imported = imported + $3, "
                  + "failed = failed + $4, updated_at = now() WHERE id = $1")
                  .execute(Tuple.of(jobId, rows.size(), accepted.size(),
                      (int) errors.stream().mapToInt(RowError::line).distinct().count())).map(inserted))
              .compose(inserted -> imported(tx, ids, accepted, inserted, counts))
              .compose(v -> registrations.topics().refresh(tx, ImportSource.topic(jobId)))
              .mapEmpty();
        });
  }

  private static String divisionCode(List<Division> divisions, String given) {
    if (given == null) {
      return null;
    }
    for (Division d : divisions) {
      if (d.code().equalsIgnoreCase(given.trim()) || d.name().equalsIgnoreCase(given.trim())) {
        return d.code();
      }
    }
    return given.trim();
  }

  /**
   * The topics of a batch, from the rows it inserted (in competition id order, the order of the
   * locks): each scoreboard hears which entries joined its field, each entry list gets the new rows
   * and the kept counts, and the order only when confirmed rows go in before a waitlist. Imported
   * athletes have no account, so no one's own topic changes.
   */
  private Future<Void> imported(Tx tx, Set<Long> ids, List<Accepted> accepted, List<Long> inserted, Map<Long, long[]> counts) {
    Future<Void> f = Future.succeededFuture();
    for (Long cid : ids) {
      List<Long> added = new ArrayList<>();
      List<Long> confirmed = new ArrayList<>();
      for (int i = 0; i < accepted.size(); i++) {
        if (accepted.get(i).competitionId() == cid) {
          added.add(inserted.get(i));
          if (accepted.get(i).position() == null) {
            confirmed.add(inserted.get(i));
          }
        }
      }
      if (added.isEmpty()) {
        continue;
      }
      // The delta's rows come confirmed first, then waitlisted: appended, they land in the list's
      // order unless confirmed ones must go before a waitlist that was there already (which a full
      // competition's waitlist never lets happen; kept for safety).
      boolean waitlist = counts.getOrDefault(cid, new long[3])[2] > 0;
      f = f.compose(v -> (confirmed.isEmpty() ? Future.succeededFuture() : registrations.joined(tx, cid, confirmed, List.of()))
          .compose(x -> registrations.listChanged(tx, cid, added, List.of(), !confirmed.isEmpty() && waitlist))
          .mapEmpty());
    }
    return f;
  }

  /**
   * Inserts the accepted rows, set-based as registerEntry does (gala.registration.Registering): ids
   * drawn first, the confirmed athletes' bibs given in the batch's own statements, then one
   * multi-row insert of the entries (with their bibs, so the bib triggers have nothing to do) and
   * one of their members. Returns their entry ids, in the same order.
   */
  private Future<List<Long>> insert(Tx tx, long jobId, long eventId, List<Accepted> accepted) {
    if (accepted.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    SqlClient conn = tx.conn();
    int n = accepted.size();
    Long[] competition = new Long[n];
    Long[] unit = new Long[n];
    String[] name = new String[n];
    String[] status = new String[n];
    Integer[] position = new Integer[n];
    String[] division = new String[n];
    String[] key = new String[n];
    String[] bibKey = new String[n];
    java.time.LocalDate[] birth = new java.time.LocalDate[n];
    String[] gender = new String[n];
    for (int i = 0; i < n; i++) {
      Accepted a = accepted.get(i);
      competition[i] = a.competitionId();
      unit[i] = a.unitId();
      name[i] = a.row().name();
      status[i] = a.status();
      position[i] = a.position();
      division[i] = a.division();
      key[i] = a.key();
      bibKey[i] = "CONFIRMED".equals(a.status()) ? a.key() : null;
      birth[i] = a.row().birthDate();
      gender[i] = a.row().gender();
    }
    return conn.preparedQuery("SELECT nextval(pg_get_serial_sequence('entries', 'id')) FROM generate_series(1, $1)")
        .execute(Tuple.of(n))
        .compose(rows -> {
          Long[] id = new Long[n];
          int i = 0;
          for (Row r : rows) {
            id[i++] = r.getLong(0);
          }
          Arrays.sort(id);
          Future<?> bibs = BatchWrites.bibs(conn, eventId, bibKey);
          Future<?> entries = conn.preparedQuery("INSERT INTO entries (id, competition_id, unit_id, display_name, status, "
                  + "waitlist_position, division, import_job_id, created_by, bib) SELECT x.id, x.c, x.u, x.n, x.s, x.p, x.d, $1, "
                  + "(SELECT created_by FROM import_jobs WHERE id = $1), "
                  + "(SELECT bib FROM bibs WHERE event_id = $2 AND person_key = x.key) FROM unnest($3::bigint[], $4::bigint[], "
                  + "$5::bigint[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[]) WITH ORDINALITY "
                  + "x(id, c, u, n, s, p, d, key, k) ORDER BY x.k")
              .execute(Tuple.from(new Object[] {jobId, eventId, id, competition, unit, name, status, position, division, bibKey}));
          Future<?> members = conn.preparedQuery("INSERT INTO entry_members (entry_id, competition_id, display_name, birth_date, "
                  + "gender, person_key) SELECT x.e, x.c, x.n, x.b, x.g, x.k FROM unnest($1::bigint[], $2::bigint[], $3::text[], "
                  + "$4::date[], $5::text[], $6::text[]) WITH ORDINALITY x(e, c, n, b, g, k, o) ORDER BY x.o")
              .execute(Tuple.from(new Object[] {id, competition, name, birth, gender, key}));
          return Future.all(bibs, entries, members).map(v -> List.of(id));
        });
  }

  private static Future<Void> storeErrors(SqlClient conn, long jobId, List<RowError> errors) {
    if (errors.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    for (RowError e : errors) {
      rows.add(Tuple.of(jobId, e.line(), e.code(), e.message()));
    }
    return conn.preparedQuery("INSERT INTO import_errors (job_id, line, code, message) VALUES ($1, $2, $3, $4) "
        + "ON CONFLICT DO NOTHING").executeBatch(rows).mapEmpty();
  }

  /** The job and up to {@code maxErrors} of its row errors (0 = all), in line order. */
  static Future<JsonObject> job(SqlClient db, long jobId, int maxErrors) {
    return db.preparedQuery("SELECT id, event_id, unit_id, file_name, status, total, done, imported, failed, created_at, "
            + "finished_at, status = 'RUNNING' AND updated_at < now() - interval '2 minutes' AS stalled "
            + "FROM import_jobs WHERE id = $1").execute(Tuple.of(jobId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("import " + jobId));
          }
          Row r = rows.iterator().next();
          JsonObject job = new JsonObject().put("id", r.getLong("id")).put("eventId", r.getLong("event_id"))
              .put("unitId", r.getLong("unit_id")).put("fileName", r.getString("file_name"))
              .put("status", r.getString("status")).put("total", r.getInteger("total")).put("done", r.getInteger("done"))
              .put("imported", r.getInteger("imported")).put("failed", r.getInteger("failed"))
              .put("createdAt", RegistrationService.str(r.getOffsetDateTime("created_at")))
              .put("finishedAt", RegistrationService.str(r.getOffsetDateTime("finished_at")))
              // The node running it died (a batch takes well under a second): what is imported
              // and reported so far is consistent, the rest was not imported.
              .put("stalled", r.getBoolean("stalled"));
          return db.preparedQuery("SELECT line, code, message FROM import_errors WHERE job_id = $1 ORDER BY line, code "
                  + (maxErrors > 0 ? "LIMIT " + maxErrors : ""))
              .execute(Tuple.of(jobId))
              .map(errs -> {
                JsonArray list = new JsonArray();
                errs.forEach(e -> list.add(new JsonObject().put("id", e.getInteger("line") + ":" + e.getString("code"))
                    .put("line", e.getInteger("line")).put("code", e.getString("code")).put("message", e.getString("message"))));
                return job.put("errors", list);
              });
        });
  }

  static Future<JsonObject> requireJob(SqlClient db, Caller caller, long jobId) {
    return db.preparedQuery("SELECT event_id FROM import_jobs WHERE id = $1").execute(Tuple.of(jobId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("import " + jobId))
            : EventAccess.requireOrganiser(db, caller, rows.iterator().next().getLong(0)))
        .compose(v -> job(db, jobId, 0));
  }
}
