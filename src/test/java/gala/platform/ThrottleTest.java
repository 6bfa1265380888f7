package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.platform.Throttle.Limit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sliding window, on a clock the test moves by hand. */
class ThrottleTest {
  long now = 1_000_000;
  final Throttle throttle = new Throttle(new Limit("test", 3, Duration.ofSeconds(60)), () -> now);

  @Test
  void theAttemptPastTheLimitWaitsUntilTheOldestLeavesTheWindow() {
    assertEquals(0, throttle.acquire("a"));
    now += 10_000;
    assertEquals(0, throttle.acquire("a"));
    assertEquals(0, throttle.acquire("a"));
    assertEquals(50, throttle.acquire("a"), "the first attempt leaves the window 50 s from now");
    assertEquals(0, throttle.acquire("b"), "keys are counted apart");
    now += 49_500;
    assertEquals(1, throttle.acquire("a"), "half a second is rounded up to a whole one");
    now += 500;
    assertEquals(0, throttle.acquire("a"), "the oldest attempt has left the window");
    assertEquals(10, throttle.acquire("a"), "refused attempts are not counted; the next slot frees at +60 s of the 2nd");
  }

  @Test
  void forgivenAndResetAttemptsDoNotCount() {
    for (int i = 0; i < 3; i++) {
      assertEquals(0, throttle.acquire("a"));
    }
    throttle.forgive("a");
    assertEquals(0, throttle.acquire("a"));
    assertEquals(60, throttle.acquire("a"));
    throttle.reset("a");
    assertEquals(0, throttle.acquire("a"));
  }

  @Test
  void idleKeysAreSweptAndStartAfresh() {
    for (int i = 0; i < 3; i++) {
      throttle.acquire("a");
    }
    now += 61_000;
    assertEquals(0, throttle.acquire("z"), "sweeps");
    for (int i = 0; i < 3; i++) {
      assertEquals(0, throttle.acquire("a"));
    }
  }
}
