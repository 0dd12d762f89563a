package io.troupe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A live session's lines say live: where the session code says paper:, and nothing else of them changes. */
class LiveLinesTest {
  @Test
  void aLeadingPaperBecomesLiveWholeLinesAtATime() {
    StringWriter text = new StringWriter();
    PrintWriter out = LiveLines.over(new PrintWriter(text));
    out.printf("paper: step %d/live ...%n", 7);
    out.print("pap");
    out.print("er: resuming, split across writes\n");
    out.println("error: paper: the feed ended");
    out.println("http: the API is at http://127.0.0.1:1/api/v1 (paper: not at the start)");
    out.print("paper: no end of line");
    out.close();
    assertEquals("live: step 7/live ...\nlive: resuming, split across writes\nerror: live: the feed ended\n"
        + "http: the API is at http://127.0.0.1:1/api/v1 (paper: not at the start)\nlive: no end of line", text.toString().replace(System.lineSeparator(), "\n"));
  }
}
