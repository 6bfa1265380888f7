package gala.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spectators in a process of their own: a machine lets one process hold at most 20,000 open files,
 * so 15,000 browsers cannot live in the JVM that also holds the server's 15,000 sockets. The
 * benchmark starts this class in child JVMs ({@link #spawn}); each connects {@code count} WebSockets,
 * subscribes client i to topic i mod n (Gala) or just listens (a bare server), and notes the
 * System.nanoTime each (topic, version) reached each client. The clock is the machine's monotonic
 * clock, the same in every process here, so the parent compares it with its own send times.
 * <p>Commands on stdin: {@code REPORT} prints {@code A <topic> <version> <t1,t2,...>} per (topic,
 * version) then {@code END}; {@code RESET} forgets what was noted; {@code QUIT} closes and exits.
 */
public final class SpectatorFleet {
  private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
  private final List<WebSocket> sockets = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    boolean subscribe = "gala".equals(args[2]);
    String[] topics = args[3].split(",");
    int offset = Integer.parseInt(args[4]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new SpectatorFleet().run(port, count, subscribe, topics, offset, out);
  }

  private void run(int port, int count, boolean subscribe, String[] topics, int offset, PrintStream out) throws Exception {
    Vertx vertx = Vertx.vertx();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count + 10)
        .setConnectTimeout(120_000).setMaxFrameSize(1 << 22).setMaxMessageSize(1 << 24));
    CountDownLatch ready = new CountDownLatch(count);
    AtomicLong failed = new AtomicLong();
    AtomicLong refusedFrames = new AtomicLong();
    int batch = 250;
    for (int start = 0; start < count; start += batch) {
      List<Future<WebSocket>> opening = new ArrayList<>();
      for (int i = start; i < Math.min(count, start + batch); i++) {
        String topic = topics[(offset + i) % topics.length];
        opening.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
            .onFailure(e -> failed.incrementAndGet())
            .onSuccess(ws -> {
              synchronized (sockets) {
                sockets.add(ws);
              }
              boolean[] first = {true};
              ws.textMessageHandler(text -> {
                long now = System.nanoTime();
                if (first[0]) {
                  first[0] = false;
                  // A Gala client is ready with its snapshot; an error frame (a refused or failed
                  // subscribe) leaves it out, so the parent hears of it before any round.
                  if (!subscribe || text.contains("\"type\":\"snapshot\"")) {
                    ready.countDown();
                  } else {
                    if (refusedFrames.incrementAndGet() <= 3) {
                      System.err.println("spectator fleet: first frame was not a snapshot: " + text);
                    }
                  }
                }
                note(text, now);
              });
              // Both servers answer the subscribe with the first frame. A bare server that wrote it on
              // connect could have it arrive before this handler was set, and it was lost (a run saw
              // 7,498 of 7,500 bare clients get it).
              ws.writeTextMessage("{\"op\":\"subscribe\",\"topic\":\"" + topic + "\"}");
            }));
      }
      Future.join(opening).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
    if (!ready.await(5, TimeUnit.MINUTES)) {
      out.println("FAILED only " + (count - ready.getCount()) + " of " + count + " clients got their first frame ("
          + failed.get() + " connections refused, " + refusedFrames.get() + " answered with an error frame)");
    } else {
      out.println("READY " + count);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("WAIT ")) {
        // WAIT <topic> <version> <n> <timeoutMs>: until n clients here have it; DONE <count> <first> <last>
        String[] w = line.split(" ");
        String key = w[1] + " " + w[2];
        int n = Integer.parseInt(w[3]);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(w[4]));
        while (size(key) < n && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        List<Long> got = arrivals.getOrDefault(key, List.of());
        synchronized (got) {
          long first = got.stream().mapToLong(Long::longValue).min().orElse(0);
          long last = got.stream().mapToLong(Long::longValue).max().orElse(0);
          out.println("DONE " + got.size() + " " + first + " " + last);
        }
        continue;
      }
      switch (line.trim()) {
        case "RESET" -> arrivals.clear();
        case "REPORT" -> {
          StringBuilder b = new StringBuilder();
          for (Map.Entry<String, List<Long>> e : arrivals.entrySet()) {
            b.setLength(0);
            b.append("A ").append(e.getKey()).append(' ');
            synchronized (e.getValue()) {
              for (long t : e.getValue()) {
                b.append(t).append(',');
              }
            }
            out.println(b);
          }
          out.println("END");
        }
        case "QUIT" -> {
          synchronized (sockets) {
            sockets.forEach(WebSocket::close);
          }
          vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
          System.exit(0);
        }
        default -> { }
      }
    }
    System.exit(0);
  }

  private int size(String key) {
    List<Long> list = arrivals.get(key);
    if (list == null) {
      return 0;
    }
    synchronized (list) {
      return list.size();
    }
  }

  /** Notes a frame's (topic, version) arrival without parsing the whole JSON. */
  private void note(String text, long now) {
    String topic = field(text, "\"topic\":\"", '"');
    String version = field(text, "\"version\":", ',');
    if (topic == null || version == null) {
      return;
    }
    List<Long> list = arrivals.computeIfAbsent(topic + " " + version, k -> new ArrayList<>());
    synchronized (list) {
      list.add(now);
    }
  }

  private static String field(String text, String key, char end) {
    int at = text.indexOf(key);
    if (at < 0 || at > 200) {
      return null;
    }
    int from = at + key.length();
    int to = text.indexOf(end, from);
    if (to < 0) {
      to = text.indexOf('}', from);
    }
    return to < 0 ? null : text.substring(from, to);
  }

  /** A running child fleet, driven from the benchmark. */
  public static final class Child implements AutoCloseable {
    final Process process;
    final BufferedReader out;
    final BufferedWriter in;
    /** How many of this child's clients follow each topic. */
    final Map<String, Integer> clients = new java.util.HashMap<>();

    Child(Process process, int count, List<String> topics, int offset) {
      this.process = process;
      for (int i = 0; i < count; i++) {
        clients.merge(topics.get((offset + i) % topics.size()), 1, Integer::sum);
      }
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    void awaitReady() throws IOException {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("READY")) {
          return;
        }
        if (line.startsWith("FAILED")) {
          throw new AssertionError("spectator fleet: " + line);
        }
      }
      throw new AssertionError("spectator fleet exited before it was ready");
    }

    void command(String c) throws IOException {
      in.write(c);
      in.newLine();
      in.flush();
    }

    /** Until this child's clients all have (topic, version): {count, first arrival, last arrival}. */
    long[] await(String topic, long version, long timeoutMs) throws IOException {
      command("WAIT " + topic + " " + version + " " + clients.getOrDefault(topic, 0) + " " + timeoutMs);
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("DONE ")) {
          String[] d = line.split(" ");
          return new long[] {Long.parseLong(d[1]), Long.parseLong(d[2]), Long.parseLong(d[3])};
        }
      }
      throw new AssertionError("spectator fleet exited");
    }

    /** (topic + " " + version) -> arrival times at this child's clients. */
    Map<String, long[]> report() throws IOException {
      command("REPORT");
      Map<String, long[]> result = new java.util.HashMap<>();
      for (String line; (line = out.readLine()) != null && !line.equals("END"); ) {
        if (!line.startsWith("A ")) {
          continue;
        }
        int last = line.lastIndexOf(' ');
        String key = line.substring(2, last);
        String[] parts = line.substring(last + 1).split(",");
        long[] times = new long[parts.length];
        int n = 0;
        for (String p : parts) {
          if (!p.isEmpty()) {
            times[n++] = Long.parseLong(p);
          }
        }
        result.put(key, java.util.Arrays.copyOf(times, n));
      }
      return result;
    }

    @Override
    public void close() throws Exception {
      try {
        command("QUIT");
      } catch (IOException ignored) {
        // already gone
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * Starts {@code processes} child JVMs holding {@code count} clients in all, waits until every
   * client has its first frame. Children share this JVM's class path.
   */
  public static List<Child> spawn(int port, int count, int processes, boolean subscribe, List<String> topics)
      throws Exception {
    List<Child> children = new ArrayList<>();
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    int each = (count + processes - 1) / processes;
    for (int p = 0, offset = 0; p < processes && offset < count; p++, offset += each) {
      int n = Math.min(each, count - offset);
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          SpectatorFleet.class.getName(), String.valueOf(port), String.valueOf(n), subscribe ? "gala" : "bare",
          String.join(",", topics), String.valueOf(offset));
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      children.add(new Child(pb.start(), n, topics, offset));
    }
    for (Child c : children) {
      c.awaitReady();
    }
    return children;
  }

  /** Merges the children's reports. */
  public static Map<String, long[]> report(List<Child> children) throws IOException {
    Map<String, long[]> all = new java.util.HashMap<>();
    for (Child c : children) {
      c.report().forEach((k, v) -> all.merge(k, v, (a, b) -> {
        long[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
      }));
    }
    return all;
  }

  /**
   * Waits until every client of every child has (topic, version): {clients that got it, first
   * arrival, last arrival} over all children.
   */
  public static long[] await(List<Child> children, String topic, long version, long timeoutMs) throws IOException {
    long count = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Child c : children) {
      long[] d = c.await(topic, version, timeoutMs);
      count += d[0];
      if (d[0] > 0) {
        first = Math.min(first, d[1]);
        last = Math.max(last, d[2]);
      }
    }
    return new long[] {count, first, last};
  }

  public static void reset(List<Child> children) throws IOException {
    for (Child c : children) {
      c.command("RESET");
    }
  }
}
