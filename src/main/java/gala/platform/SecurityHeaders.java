package gala.platform;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
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

  /**
   * Names and values made once as ASCII bytes ({@link HttpHeaders#createOptimized}): every response
   * carries them, and as Strings each was validated char by char, hashed and encoded again per response.
   */
  private static final CharSequence[] HEADERS = {
      HttpHeaders.createOptimized("Content-Security-Policy"), HttpHeaders.createOptimized(CONTENT_SECURITY_POLICY),
      HttpHeaders.createOptimized("X-Content-Type-Options"), HttpHeaders.createOptimized("nosniff"),
      HttpHeaders.createOptimized("Referrer-Policy"), HttpHeaders.createOptimized("strict-origin-when-cross-origin"),
      // frame-ancestors for current browsers, X-Frame-Options for old ones.
      HttpHeaders.createOptimized("X-Frame-Options"), HttpHeaders.createOptimized("DENY"),
      HttpHeaders.createOptimized("Cross-Origin-Opener-Policy"), HttpHeaders.createOptimized("same-origin"),
      // The camera is for the check-in scanner on Gala's own pages; nothing else is used.
      HttpHeaders.createOptimized("Permissions-Policy"),
      HttpHeaders.createOptimized("camera=(self), microphone=(), geolocation=(), payment=()")};

  private SecurityHeaders() {}

  public static void apply(HttpServerResponse response) {
    MultiMap h = response.headers();
    for (int i = 0; i < HEADERS.length; i += 2) {
      h.set(HEADERS[i], HEADERS[i + 1]);
    }
  }
}
