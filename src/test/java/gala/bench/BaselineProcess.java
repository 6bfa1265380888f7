package gala.bench;

import gala.platform.DbLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The INSERT baseline's client in a JVM of its own, one per bench run, asked over its stdin: run in
 * the benchmark's JVM, the baseline's SQL-client loops re-profiled the code Gala shares with them
 * (Netty's pipeline, Vert.x futures, the pg client), and right after a baseline the JIT compiled
 * and recompiled Gala's hot path again inside the timed part (ScoringBench, 2026-12-03: 263-287
 * compilations and a third of the JVM's CPU in the saturation, against 26-56 in the last warm-up
 * round before it; jdk.Deoptimization showed the baseline's class_check and bimorphic traps in
 * AbstractChannelHandlerContext.write, DefaultPromise.notifyListeners, FutureBase.transform). A
 * node at a meet does not run a second SQL client beside its own. {@code -Dbench.baselineInProcess=true}
 * measures in the benchmark's JVM as before.
 */
final class BaselineProcess {
  /**
   * Unmeasured INSERTs when the process first measures (ms), besides each measurement's own
   * Baseline.WARM_UP_MILLIS: a fresh JVM's successive 3 s windows read 2,027, 3,950, 5,583, 5,670
   * tx/s (2026-12-03), and a baseline read while its own client is still being compiled flatters
   * every ratio taken against it.
   */
  static final long FIRST_WARM_UP_MILLIS = Long.getLong("bench.baselineFirstWarmUpMillis", 8_000);
  private static BaselineProcess shared;
  private final Process process;
  private final Writer in;
  private final BufferedReader out;
  private boolean warm;

  private BaselineProcess(Process process) {
    this.process = process;
    this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The run's baseline process, started on first use, ended with the JVM. */
  static synchronized BaselineProcess shared() throws Exception {
    if (shared == null || !shared.process.isAlive()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          BaselineProcess.class.getName())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      shared = new BaselineProcess(p);
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    }
    return shared;
  }

  /**
   * Single-row INSERT transactions per second that {@code clients} connections reach on {@code db} over {@code millis}.
   * The exchange is plain tab-separated text, and the answer's digits are read here by hand: parsing
   * it as JSON (as this did until session 17) ran Jackson's number parsing on a double right before
   * the timed part, made its compiled code of the node's request path (path parameters and bodies go
   * through the same parser) uncommon-trap, and the JIT compiled it again inside the timed part
   * (ScoringBench, 2026-12-04: jdk.Deoptimization in ReaderBasedJsonParser, UntypedObjectDeserializerNR,
   * TextBuffer.contentsAsDouble 20 ms before the saturation; nextToken and nextFieldName then took
   * 114 and 89 ms of C2 in it).
   */
  synchronized double insertTps(DbLocation db, int clients, long millis) throws Exception {
    String ask = field(db.uri()) + "\t" + field(db.user()) + "\t" + field(db.password()) + "\t" + clients + "\t" + millis
        + "\t" + (warm ? 0 : FIRST_WARM_UP_MILLIS);
    in.write(ask + "\n");
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IllegalStateException("the baseline process ended (exit " + process.waitFor() + ")");
    }
    if (!line.startsWith(MILLI_TPS)) {
      throw new IllegalStateException("baseline process: " + line);
    }
    long milliTps = 0;
    for (int i = MILLI_TPS.length(); i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalStateException("baseline process: " + line);
      }
      milliTps = milliTps * 10 + (c - '0');
    }
    warm = true;
    return milliTps / 1000.0;
  }

  /** The answer's head: the rate in thousandths of a transaction per second follows. */
  private static final String MILLI_TPS = "milli-tps\t";

  private static String field(String value) {
    if (value == null) {
      return ""; // read back as none
    }
    if (value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a baseline request field holds a tab or a line break: " + value);
    }
    return value;
  }

  /** The child: one request per line on stdin (uri, user, password, clients, millis, warm-up millis), one answer per line on stdout. */
  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    // Libraries log to stdout: keep the answers' channel for answers.
    System.setOut(System.err);
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = requests.readLine()) != null; ) {
      String[] ask = line.split("\t", -1);
      try {
        DbLocation db = new DbLocation(ask[0], ask[1], ask[2].isEmpty() ? null : ask[2]);
        double tps = Baseline.measureHere(db, Integer.parseInt(ask[3]), Long.parseLong(ask[4]), Long.parseLong(ask[5]));
        answers.println(MILLI_TPS + Math.round(tps * 1000));
      } catch (Exception e) {
        answers.println("error\t" + String.valueOf(e).replace('\n', ' '));
      }
    }
    System.exit(0);
  }
}
