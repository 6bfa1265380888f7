package gala.pages;

import gala.platform.Database;
import gala.platform.TopicLog;
import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The public scoreboard page with its rows already in the HTML. On a slow venue connection every
 * request costs a round trip (seconds on 3G), and the scripts and the live socket come after the
 * page: the first response carrying the current standings puts rows on screen one round trip after
 * the tap. The rows are the topic's current snapshot, read under the topic's own access rule as an
 * anonymous viewer, in the markup web/js/scoreboard.js adopts and then keeps live. Its stylesheets
 * come inside it too: a browser paints nothing before the page's stylesheets are in, so linked ones
 * would cost a second round trip before the rows show (measured in SpectatorPhoneBrowserTest), and
 * it names every module its scripts import (modulepreload), found by following the imports, so the
 * live page is one round trip of scripts away rather than one per level of imports.
 * Anything else (no such competition, hidden results, a bad id) falls through to the plain file,
 * which says why.
 */
public final class ScoreboardPage {
  private static final String FILE = "web/scoreboard.html";
  private static final String TBODY = "<tbody id=\"rows\"></tbody>";
  private static final String TITLE = "<h1 id=\"sb-name\" data-i18n=\"sb.title\">";
  private static final java.util.List<String> STYLES = java.util.List.of("gala.css", "scoring.css");

  private static final java.util.regex.Pattern IMPORT =
      java.util.regex.Pattern.compile("\\bimport\\s*(?:[^'\"()]*?\\sfrom\\s*)?['\"](\\./[^'\"]+|\\.\\./[^'\"]+|/[^'\"]+)['\"]");
  private static final java.util.regex.Pattern SCRIPT = java.util.regex.Pattern.compile("<script type=\"module\"[^>]* src=\"(/js/[^\"]+)\"></script>");
  private static final java.util.regex.Pattern PRELOAD = java.util.regex.Pattern.compile("\\s*<link rel=\"modulepreload\" href=\"[^\"]+\">");
  private static final long TEMPLATE_MS = 10_000;
  private volatile Future<String> template;
  private volatile long templateAt;
  private final Vertx vertx;
  private final Database db;
  private final TopicLog topics;

  public ScoreboardPage(Vertx vertx, Database db, TopicLog topics) {
    this.vertx = vertx;
    this.db = db;
    this.topics = topics;
  }

  /** GET /scoreboard.html?competition=ID; anything it cannot fill goes on to the static file. */
  public void handle(RoutingContext rc) {
    String id = rc.request().getParam("competition");
    TopicSource source = topics.source("scoreboard:0");
    if (id == null || !id.matches("[1-9]\\d{0,17}") || source == null) {
      rc.next();
      return;
    }
    String topic = "scoreboard:" + id;
    source.canRead(db.pool(), null, id)
        .compose(ok -> Boolean.TRUE.equals(ok) ? topics.snapshot(topic) : Future.failedFuture("not readable"))
        .compose(snapshot -> page().map(file -> fill(file, snapshot.data(), snapshot.version(), java.time.Instant.now())))
        .onSuccess(html -> rc.response().putHeader("content-type", "text/html; charset=utf-8")
            .putHeader("cache-control", "no-store").end(html))
        .onFailure(e -> rc.next());
  }

  /**
   * The template with its stylesheets inline and its modules listed, built from the files at most
   * every {@value #TEMPLATE_MS} ms (a board is opened by thousands of phones; the files rarely change).
   */
  private Future<String> page() {
    long now = System.currentTimeMillis();
    Future<String> t = template;
    if (t == null || now - templateAt > TEMPLATE_MS || t.failed()) {
      t = build();
      template = t;
      templateAt = now;
    }
    return t;
  }

  private Future<String> build() {
    Future<String> html = vertx.fileSystem().readFile(FILE).map(Object::toString);
    java.util.List<Future<String>> css = STYLES.stream()
        .map(name -> vertx.fileSystem().readFile("web/css/" + name).map(Object::toString)).toList();
    return Future.all(html, Future.all(css)).map(v -> {
      String out = html.result();
      for (int k = 0; k < STYLES.size(); k++) {
        out = inline(out, STYLES.get(k), css.get(k).result());
      }
      return out;
    }).compose(this::preload);
  }

  /**
   * The template's module graph as modulepreload links, in place of any it lists by hand (where the
   * first of those was): each script's whole graph in the order the template lists the scripts, so
   * the requests (six at a time on HTTP/1.1) bring the first script's graph complete first.
   */
  private Future<String> preload(String html) {
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    java.util.regex.Matcher m = SCRIPT.matcher(html);
    java.util.List<String> roots = new java.util.ArrayList<>();
    while (m.find()) {
      roots.add(m.group(1));
    }
    Future<Void> chain = Future.succeededFuture();
    for (String root : roots) {
      chain = chain.compose(v -> follow(java.util.List.of(root), seen));
    }
    return chain.map(v -> {
      StringBuilder links = new StringBuilder();
      for (String path : seen) {
        if (!roots.contains(path)) {
          links.append("\n  <link rel=\"modulepreload\" href=\"").append(escape(path)).append("\">");
        }
      }
      java.util.regex.Matcher first = PRELOAD.matcher(html);
      if (!first.find()) {
        return html.replace("</head>", links + "\n</head>");
      }
      int at = first.start();
      String without = PRELOAD.matcher(html).replaceAll("");
      return without.substring(0, at) + links + without.substring(at);
    });
  }

  /** Reads each module not seen yet and follows its imports, level by level. */
  private Future<Void> follow(java.util.List<String> level, java.util.Set<String> seen) {
    java.util.List<String> fresh = level.stream().filter(p -> p.startsWith("/js/") && !p.contains("..") && seen.add(p)).toList();
    if (fresh.isEmpty()) {
      return Future.succeededFuture();
    }
    java.util.List<Future<java.util.List<String>>> reads = fresh.stream().map(path -> vertx.fileSystem().readFile("web" + path)
        .map(text -> imports(path, text.toString())).otherwise(java.util.List.of())).toList();
    return Future.all(reads).compose(v -> follow(reads.stream().flatMap(f -> f.result().stream()).toList(), seen));
  }

  static java.util.List<String> imports(String path, String text) {
    java.util.List<String> out = new java.util.ArrayList<>();
    java.util.regex.Matcher m = IMPORT.matcher(text);
    while (m.find()) {
      out.add(java.net.URI.create(path).resolve(m.group(1)).getPath());
    }
    return out;
  }

  /** Replaces the link to /css/{name} by a style element with its text (left alone if absent). */
  static String inline(String html, String name, String css) {
    String link = "<link rel=\"stylesheet\" href=\"/css/" + name + "\">";
    return html.contains(link) && !css.contains("</") ? html.replace(link, "<style data-from=\"/css/" + name + "\">" + css + "</style>") : html;
  }

  /**
   * The template with the competition's name and rows filled in (all text escaped). The rows carry
   * the topic's version and the time they were read (data-version, data-at): the page says how old
   * they are until its live socket has caught up (also when a service worker kept the page), and the
   * body its event (data-event), so the header's announcements need no request to find it.
   */
  static String fill(String html, JsonObject data, long version, java.time.Instant readAt) {
    JsonArray rows = data.getJsonArray("rows", new JsonArray());
    if (data.getBoolean("hidden", false) || !html.contains(TBODY)) {
      return html;
    }
    StringBuilder body = new StringBuilder("<tbody id=\"rows\" data-version=\"").append(version)
        .append("\" data-at=\"").append(readAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append("\">");
    for (Object o : rows) {
      if (o instanceof JsonObject r) {
        Object rank = r.getValue("rank");
        body.append("<tr data-entry-id=\"").append(escape(String.valueOf(r.getValue("id")))).append('"');
        if (rank != null) {
          body.append(" data-rank=\"").append(escape(String.valueOf(rank))).append('"');
        }
        body.append("><td class=\"rank\">").append(rank == null ? "" : escape(String.valueOf(rank)))
            .append("</td><td class=\"heat\"></td><td class=\"name\">").append(escape(r.getString("name", "")))
            .append("</td><td class=\"unit\">").append(escape(r.getString("unit", "")))
            .append("</td><td class=\"result\">").append(escape(resultOf(r))).append("</td></tr>");
      }
    }
    body.append("</tbody>");
    String out = html.replace(TBODY, body);
    Object event = data.getValue("eventId");
    if (event instanceof Number) {
      out = out.replaceFirst("<body ", "<body data-event=\"" + escape(String.valueOf(event)) + "\" ");
    }
    String name = data.getString("name");
    if (name != null) {
      int at = out.indexOf(TITLE);
      int end = at < 0 ? -1 : out.indexOf("</h1>", at);
      if (end > 0) {
        out = out.substring(0, at) + "<h1 id=\"sb-name\">" + escape(name) + out.substring(end);
      }
    }
    return out;
  }

  /** The result as the page shows it before its script runs: the number, or nothing yet. */
  private static String resultOf(JsonObject r) {
    Object v = r.getValue("points") != null && r.getValue("result") == null ? r.getValue("points") : r.getValue("result");
    return v == null ? "" : String.valueOf(v);
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
