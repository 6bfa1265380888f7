package gala.registration;

import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.registration.rules.EntryCsv;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The entries and check-ins of an event (or one competition) as a CSV file for Excel. */
final class Exports {
  static final List<String> HEADER = List.of("编号 ID", "项目 Competition", "组别 Division", "单位 Unit", "姓名 Name",
      "成员 Members", "状态 Status", "候补位次 Waitlist", "签到时间 Checked in");
  /** Times in China Standard Time, the meets' local time, without an offset so Excel reads them as times. */
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private final SqlClient pool;

  Exports(SqlClient pool) {
    this.pool = pool;
  }

  Future<String> entries(Caller caller, long eventId, Long competitionId) {
    return EventAccess.requireOrganiser(pool, caller, eventId)
        .compose(v -> pool.preparedQuery("SELECT e.id, c.name AS competition, e.division, u.name AS unit, e.display_name, "
                + "(SELECT string_agg(m.display_name, '、' ORDER BY m.id) FROM entry_members m WHERE m.entry_id = e.id) AS members, "
                + "e.status, e.waitlist_position, e.checked_in_at, c.event_id "
                + "FROM entries e JOIN competitions c ON c.id = e.competition_id LEFT JOIN units u ON u.id = e.unit_id "
                + "WHERE c.event_id = $1 AND ($2::bigint IS NULL OR c.id = $2) "
                + "ORDER BY c.id, e.status = 'WITHDRAWN', e.status = 'WAITLISTED', e.waitlist_position, e.id")
            .execute(Tuple.from(Arrays.asList(eventId, competitionId))))
        .map(rows -> {
          List<List<String>> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(Arrays.asList(String.valueOf(r.getLong("id")), r.getString("competition"), nz(r.getString("division")),
                nz(r.getString("unit")), r.getString("display_name"), nz(r.getString("members")), statusText(r.getString("status")),
                r.getInteger("waitlist_position") == null ? "" : r.getInteger("waitlist_position").toString(),
                r.getOffsetDateTime("checked_in_at") == null ? ""
                    : r.getOffsetDateTime("checked_in_at").atZoneSameInstant(ZoneOffset.ofHours(8)).format(LOCAL)));
          }
          if (competitionId != null && out.isEmpty()) {
            // Either the competition has no entries or it is not one of this event's: say which.
            return null;
          }
          return EntryCsv.write(HEADER, out);
        })
        .compose(csv -> csv != null ? Future.succeededFuture(csv)
            : EventAccess.eventOf(pool, competitionId).compose(ev -> ev == eventId
                ? Future.succeededFuture(EntryCsv.write(HEADER, List.of()))
                : Future.failedFuture(ApiError.notFound("competition " + competitionId + " in event " + eventId))));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** An entry's status as the spreadsheet shows it: in Chinese for the reader, the code kept for a filter. */
  static String statusText(String status) {
    return switch (status) {
      case "CONFIRMED" -> "已确认 CONFIRMED";
      case "WAITLISTED" -> "候补 WAITLISTED";
      case "WITHDRAWN" -> "已退出 WITHDRAWN";
      case "CHECKED_IN" -> "已签到 CHECKED_IN";
      default -> status;
    };
  }
}
