package gala.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spreadsheet path of a city sports meet: one CSV of 5,500 athletes from 94 units into 14
 * competitions, uploaded through the HTTP API and imported by the job (validated, row errors kept,
 * progress live). Prints the time from upload to DONE, rows/s, and the same-run baseline of plain
 * single-row INSERT transactions. Run: {@code mvn -Pbench test -Dtest=ImportBench}.
 */
class ImportBench {
  static final int ATHLETES = 5500;
  static final int UNITS = 94;
  static final int COMPETITIONS = 14;

  @Test
  void importTheWholeMeet() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db);
    try {
      Api api = new Api(gala.port());
      Reg reg = new Reg(api);
      String organiser = Api.token(reg.signup("org@import.bench", "organiser", null));
      long event = api.post("/api/v1/events", organiser, new JsonObject().put("title", "2026年市职工运动会")
          .put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))).json().getLong("id");
      List<String> competitions = new ArrayList<>();
      for (int c = 0; c < COMPETITIONS; c++) {
        String name = "项目" + (c + 1);
        reg.competition(organiser, event, new JsonObject().put("name", name).put("capacity", 400));
        competitions.add(name);
      }
      List<String> units = new ArrayList<>();
      for (int u = 0; u < UNITS; u++) {
        String name = "单位" + u;
        api.post("/api/v1/events/" + event + "/units", organiser, new JsonObject().put("name", name));
        units.add(name);
      }
      StringBuilder csv = new StringBuilder("\uFEFF姓名,性别,出生日期,项目,单位\n");
      for (int i = 0; i < ATHLETES; i++) {
        csv.append("选手").append(i).append(',').append(i % 2 == 0 ? "男" : "女").append(',')
            .append(1970 + i % 35).append("-0").append(1 + i % 9).append("-1").append(i % 9).append(',')
            .append(competitions.get(i % COMPETITIONS)).append(',').append(units.get(i % UNITS)).append('\n');
      }
      byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

      long start = System.nanoTime();
      Api.Response started = reg.importCsv(organiser, event, null, file);
      assertEquals(202, started.status(), started.text());
      JsonObject job = reg.awaitImport(organiser, started.json().getLong("id"));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals("DONE", job.getString("status"), job.encode());
      assertEquals(ATHLETES, job.getInteger("imported") + job.getInteger("failed"));

      double baseline = Baseline.insertTps(db, 8, 3000);
      double rate = job.getInteger("imported") / seconds;
      System.out.printf("ImportBench: %d rows (%d KiB CSV) imported in %.2f s (%d imported, %d row errors): %.0f rows/s%n",
          ATHLETES, file.length / 1024, seconds, job.getInteger("imported"), job.getInteger("failed"), rate);
      System.out.printf("ImportBench baseline: single-row INSERT transactions, 8 clients, same PostgreSQL: %.0f tps "
          + "(ratio import rows/s to baseline tps: %.2f)%n", baseline, rate / baseline);
    } finally {
      TestGala.stop(gala);
    }
  }
}
