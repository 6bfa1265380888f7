package gala.testing;

import gala.Gala;
import gala.platform.DbLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Gala node and an API client for a test class: started before its tests, stopped after them. */
public abstract class ApiTestBase {
  /** The node's database, for a test that opens connections of its own. */
  protected static DbLocation db;
  protected static Gala gala;
  protected static Api api;

  @BeforeAll
  static void startGala() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
  }

  @AfterAll
  static void stopGala() {
    TestGala.stop(gala);
  }
}
