package gala.events.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DivisionTest {
  @Test
  void parsesCodesNamesGendersAndAges() {
    List<Division> d = Division.parseAll(List.of(Map.of("code", "M40", "name", "男子40+", "gender", "M", "minAge", 40),
        Map.of("code", "OPEN")));
    assertEquals(new Division("M40", "男子40+", "M", 40, null), d.get(0));
    assertEquals(new Division("OPEN", "OPEN", null, null, null), d.get(1));
    assertEquals(List.of(), Division.parseAll(null));
  }

  @Test
  void refusesWhatCannotBeChecked() {
    for (List<?> bad : List.of(List.of("x"), List.of(Map.of("name", "no code")), List.of(Map.of("code", "A"), Map.of("code", "A")),
        List.of(Map.of("code", "A", "gender", "X")), List.of(Map.of("code", "A", "minAge", 30, "maxAge", 20)),
        List.of(Map.of("code", "A", "minAge", 1.5)), List.of(Map.of("code", "A", "maxAge", "ten")))) {
      assertThrows(IllegalArgumentException.class, () -> Division.parseAll(bad), bad.toString());
    }
  }
}
