package gala.testing;

import gala.Gala;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Gala node and an API client for a test class: started before its tests, stopped after them. */
public abstract class ApiTestBase {
  protected static Gala gala;
  protected static Api api;

  @BeforeAll
  static void startGala() {
    gala = TestGala.start();
    api = new Api(gala.port());
  }

  @AfterAll
  static void stopGala() {
    TestGala.stop(gala);
  }
}
