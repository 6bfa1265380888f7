package gala.platform;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;

/**
 * The headers every HTTP response carries, pages and API alike. The policy allows scripts only
 * from Gala's own files (no inline script, no eval, no on* attributes), so an injected
 * {@code <script>} or {@code onerror=} in a name or announcement never runs; pages may not be framed
 * by other sites (clickjacking). Styles may be inline (a few pages carry their own {@code <style>});
 * JSON seeds in {@code <script type="application/json">} are data, never executed.
 */
public final class SecurityHeaders {
  public static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      // QR codes and downloads are blob: URLs made by the pages themselves.
      "img-src 'self' data: blob:",
      "media-src 'self' blob:",
      // 'self' covers ws:/wss: to the same host in CSP level 3 browsers; the explicit schemes keep older ones working.
      "connect-src 'self' ws: wss:",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private SecurityHeaders() {}

  public static void apply(HttpServerResponse response) {
    MultiMap h = response.headers();
    h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
    // frame-ancestors for current browsers, X-Frame-Options for old ones.
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    // The camera is for the check-in scanner on Gala's own pages; nothing else is used.
    h.set("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=()");
  }
}
