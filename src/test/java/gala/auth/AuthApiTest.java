package gala.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthApiTest {
  static DbLocation db;
  static Gala gala;
  static Api api;
  static Vertx vertx;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
    TestGala.stop(gala);
  }

  @Test
  void signupLoginRefreshRotatesAndLogoutRevokes() throws Exception {
    JsonObject session = api.signup("ann@auth.test", "participant");
    assertEquals("participant", session.getJsonObject("user").getString("role"));
    assertEquals(200, api.get("/api/v1/me", Api.token(session)).status());

    Response login = api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "ANN@auth.test").put("password", "correct horse 9"));
    assertEquals(200, login.status(), login.text());
    String refresh1 = login.json().getString("refreshToken");

    Response rotated = api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refresh1));
    assertEquals(200, rotated.status(), rotated.text());
    String refresh2 = rotated.json().getString("refreshToken");
    assertNotEquals(refresh1, refresh2);

    // Replaying a used refresh token is treated as theft: the whole session is revoked.
    Response replay = api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refresh1));
    assertEquals(401, replay.status());
    assertEquals("REFRESH_TOKEN_REUSED", replay.errorCode());
    assertEquals("INVALID_REFRESH_TOKEN",
        api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refresh2)).errorCode());

    // Logout revokes the session of the refresh token it is given.
    String refresh3 = api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "ann@auth.test").put("password", "correct horse 9")).json().getString("refreshToken");
    assertEquals(204, api.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", refresh3)).status());
    assertEquals(401, api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refresh3)).status());

    try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT password_hash FROM users WHERE email = 'ann@auth.test'")) {
      assertTrue(rs.next());
      assertTrue(rs.getString(1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rs.getString(1));
    }
  }

  @Test
  void wrongPasswordsDuplicateEmailsAndSelfMadeAdminsAreRefused() {
    api.signup("bob@auth.test", "organiser");
    Response wrong = api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "bob@auth.test").put("password", "not his password"));
    assertEquals(401, wrong.status());
    assertEquals("INVALID_CREDENTIALS", wrong.errorCode());
    assertEquals("INVALID_CREDENTIALS", api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "nobody@auth.test").put("password", "whatever1")).errorCode());

    Response dup = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", "Bob@auth.test")
        .put("password", "another pass 1").put("displayName", "Bob 2"));
    assertEquals(409, dup.status());
    assertEquals("EMAIL_TAKEN", dup.errorCode());

    Response admin = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", "eve@auth.test")
        .put("password", "another pass 1").put("displayName", "Eve").put("role", "admin"));
    assertEquals(400, admin.status(), "the contract only allows participant or organiser");

    Response shortPassword = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", "short@auth.test")
        .put("password", "short").put("displayName", "S"));
    assertEquals(400, shortPassword.status());
    assertEquals("VALIDATION_FAILED", shortPassword.errorCode());

    for (String email : new String[] {"", "   "}) {
      Response empty = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", email)
          .put("password", "another pass 1").put("displayName", "No Mail"));
      assertEquals(400, empty.status(), "'" + email + "': " + empty.text());
      assertEquals("VALIDATION_FAILED", empty.errorCode());
      assertEquals("email", empty.json().getJsonObject("error").getJsonObject("details").getString("field"), empty.text());
    }
  }

  @Test
  void accessTokensAreEs256WithAKidAndForgeriesAre401() throws Exception {
    JsonObject session = api.signup("carl@auth.test", "participant");
    String token = Api.token(session);
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    assertEquals("ES256", header.getString("alg"));
    String kid = header.getString("kid");
    assertTrue(kid != null && !kid.isBlank());

    String sub = String.valueOf(Api.userId(session));
    String payload = b64(new JsonObject().put("sub", sub).put("role", "admin").put("iss", "gala")
        .put("exp", System.currentTimeMillis() / 1000 + 600).encode());

    String none = b64(new JsonObject().put("alg", "none").put("typ", "JWT").put("kid", kid).encode()) + "." + payload + ".";
    assertUnauthenticated(none);

    // Signed by a key the server never issued, under the server's kid.
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    String foreignPem = pem(gen.generateKeyPair().getPrivate().getEncoded());
    JWTAuth foreign = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setId(kid).setBuffer(foreignPem)));
    assertUnauthenticated(foreign.generateToken(new JsonObject().put("sub", sub).put("role", "admin"),
        new JWTOptions().setAlgorithm("ES256").setIssuer("gala").setExpiresInSeconds(600)));

    // HS256 keyed with the server's public key (algorithm confusion).
    String publicPem;
    String privatePem;
    try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT public_pem, private_pem FROM signing_keys WHERE retired_at IS NULL")) {
      assertTrue(rs.next());
      publicPem = rs.getString(1);
      privatePem = rs.getString(2);
    }
    JWTAuth confused = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setId(kid).setBuffer(publicPem)));
    assertUnauthenticated(confused.generateToken(new JsonObject().put("sub", sub), new JWTOptions().setAlgorithm("HS256")));

    // The server's own key, but expired.
    JWTAuth real = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setId(kid).setBuffer(privatePem)));
    long past = System.currentTimeMillis() / 1000 - 3600;
    assertUnauthenticated(real.generateToken(new JsonObject().put("sub", sub).put("role", "participant")
        .put("iat", past - 900).put("exp", past), new JWTOptions().setAlgorithm("ES256").setIssuer("gala")));

    assertUnauthenticated("not-a-jwt");
    assertEquals(200, api.get("/api/v1/me", token).status(), "the genuine token still works");
  }

  @Test
  void aTokenKeptAfterItsFirstCheckStillExpires() throws Exception {
    String genuine = Api.token(api.signup("kept@auth.test", "participant"));
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(genuine.split("\\.")[1]), StandardCharsets.UTF_8));
    String kid = new JsonObject(new String(Base64.getUrlDecoder().decode(genuine.split("\\.")[0]), StandardCharsets.UTF_8))
        .getString("kid");
    String privatePem;
    try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT private_pem FROM signing_keys WHERE retired_at IS NULL")) {
      assertTrue(rs.next());
      privatePem = rs.getString(1);
    }
    JWTAuth real = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setId(kid).setBuffer(privatePem)));
    // Expired two seconds ago: still inside the verifier's 5 s leeway, so it is accepted (and kept) now...
    long exp = System.currentTimeMillis() / 1000 - 2;
    String token = real.generateToken(claims.copy().put("iat", exp - 900).put("exp", exp),
        new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
    assertEquals(200, api.get("/api/v1/me", token).status(), "inside the leeway");
    assertEquals(200, api.get("/api/v1/me", token).status(), "the kept check answers the same");
    // ...and refused once the leeway is over, although its signature check is kept.
    Thread.sleep(Math.max(0, (exp + 6) * 1000 - System.currentTimeMillis()) + 500);
    assertUnauthenticated(token);
    assertEquals(200, api.get("/api/v1/me", genuine).status());
  }

  @Test
  void unauthenticatedIs401AndUnauthorisedIs403() {
    Response anonymous = api.post("/api/v1/events", null, new JsonObject().put("title", "x")
        .put("startsOn", Dates.inDays(0)));
    assertEquals(401, anonymous.status());
    assertEquals("UNAUTHENTICATED", anonymous.errorCode());
    Response participant = api.post("/api/v1/events", Api.token(api.signup("dan@auth.test", "participant")),
        new JsonObject().put("title", "x").put("startsOn", Dates.inDays(0)));
    assertEquals(403, participant.status());
    assertEquals("FORBIDDEN", participant.errorCode());
  }

  private static void assertUnauthenticated(String token) {
    Response r = api.get("/api/v1/me", token);
    assertEquals(401, r.status(), "token should be refused: " + token);
    assertEquals("UNAUTHENTICATED", r.errorCode());
  }

  private static Connection jdbc() throws Exception {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
  }
}
