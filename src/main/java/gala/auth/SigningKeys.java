package gala.auth;

import gala.platform.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/**
 * The ES256 keys that sign access tokens. They live in the database so every node of a cluster
 * signs and verifies with the same keys; the first node to start generates one (under an advisory
 * lock, so two nodes starting together agree). Retired keys still verify until their tokens expire.
 */
public final class SigningKeys {
  static final String ALGORITHM = "ES256";
  static final String ISSUER = "gala";
  private static final long ADVISORY_LOCK = 0x6a61_6c61_6b65_7973L;

  private SigningKeys() {}

  public static Future<JWTAuth> load(Vertx vertx, Database db) {
    return db.inTransaction(tx -> tx.conn().preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(ADVISORY_LOCK))
        .compose(v -> tx.conn().query("SELECT kid FROM signing_keys WHERE retired_at IS NULL").execute())
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.succeededFuture();
          }
          String[] pems = generate();
          return tx.conn().preparedQuery(
                  "INSERT INTO signing_keys (kid, algorithm, private_pem, public_pem) VALUES ($1, $2, $3, $4)")
              .execute(Tuple.of(UUID.randomUUID().toString(), ALGORITHM, pems[0], pems[1])).mapEmpty();
        })
        .compose(v -> tx.conn().query("SELECT kid, private_pem, public_pem, retired_at IS NULL AS active "
            + "FROM signing_keys WHERE retired_at IS NULL OR retired_at > now() - interval '1 day' "
            + "ORDER BY retired_at IS NULL DESC, created_at DESC").execute()))
        .map(rows -> {
          // Pinned to ES256 for signing and verification: a token naming another algorithm
          // (HS256 with the public key, or "none") matches no key and is refused.
          JWTAuthOptions options = new JWTAuthOptions()
              .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAlgorithm(ALGORITHM).setLeeway(5));
          boolean first = true;
          for (Row r : rows) {
            String kid = r.getString("kid");
            if (first) {
              // The active key signs: Vert.x signs with the first private key of the algorithm.
              options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(kid).setBuffer(r.getString("private_pem")));
              first = false;
            }
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(kid).setBuffer(r.getString("public_pem")));
          }
          return JWTAuth.create(vertx, options);
        });
  }

  private static String[] generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = gen.generateKeyPair();
      return new String[] {
          pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          pem("PUBLIC KEY", pair.getPublic().getEncoded())};
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
