package gala.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the scoreboard's first response that need no server: imports found, styles inlined. */
class ScoreboardPageTest {

  @Test
  void importsAreFoundInEveryFormAndResolvedAgainstTheModule() {
    String text = "import './i18n/scoring.js';\nimport { t, errorText } from './i18n.js';\n"
        + "import {\n  a,\n  b,\n} from '../js/ui.js';\nconst x = 'import(\"no\")'; // import nothing here\n";
    assertEquals(List.of("/js/i18n/scoring.js", "/js/i18n.js", "/js/ui.js"), ScoreboardPage.imports("/js/scoreboard.js", text));
  }

  @Test
  void aLinkedStylesheetBecomesAStyleElementAndNothingElseChanges() {
    String html = "<head><link rel=\"stylesheet\" href=\"/css/gala.css\"><link rel=\"stylesheet\" href=\"/css/other.css\"></head>";
    assertEquals("<head><style data-from=\"/css/gala.css\">main{color:red}</style><link rel=\"stylesheet\" href=\"/css/other.css\"></head>",
        ScoreboardPage.inline(html, "gala.css", "main{color:red}"));
    assertEquals(html, ScoreboardPage.inline(html, "gala.css", "a::after{content:'</style>'}"), "text that would end the element stays linked");
  }
}
