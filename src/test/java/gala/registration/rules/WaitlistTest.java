package gala.registration.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaitlistTest {
  @Test
  void movesUpDownAndClampsToTheEnds() {
    List<Long> order = List.of(10L, 20L, 30L, 40L);
    assertEquals(List.of(30L, 10L, 20L, 40L), Waitlist.move(order, 30L, 1));
    assertEquals(List.of(20L, 30L, 10L, 40L), Waitlist.move(order, 10L, 3));
    assertEquals(List.of(10L, 20L, 30L, 40L), Waitlist.move(order, 20L, 2));
    assertEquals(List.of(20L, 30L, 40L, 10L), Waitlist.move(order, 10L, 99));
    assertEquals(List.of(40L, 10L, 20L, 30L), Waitlist.move(order, 40L, 0));
  }

  @Test
  void anEntryNotOnTheListIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Waitlist.move(List.of(1L), 2L, 1));
  }
}
