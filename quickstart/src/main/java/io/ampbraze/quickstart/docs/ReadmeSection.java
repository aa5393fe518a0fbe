package io.ampbraze.quickstart.docs;

/**
 * A generated block of the README between two marker comments, {@code <!-- name:start -->} and
 * {@code <!-- name:end -->}, each alone on its line. The generator replaces what lies between them;
 * the staleness test compares it. Text outside the markers is never touched.
 */
public record ReadmeSection(String name) {
  public String startMarker() {
    return "<!-- " + name + ":start -->";
  }

  public String endMarker() {
    return "<!-- " + name + ":end -->";
  }

  /**
   * What lies between the markers (without the marker lines).
   *
   * @throws IllegalStateException when the markers are missing, repeated or out of order
   */
  public String extract(String readme) {
    int[] bounds = bounds(readme);
    return readme.substring(bounds[0], bounds[1]);
  }

  /** The README with the block between the markers replaced by {@code content}. */
  public String splice(String readme, String content) {
    int[] bounds = bounds(readme);
    String body = content.endsWith("\n") ? content : content + "\n";
    return readme.substring(0, bounds[0]) + body + readme.substring(bounds[1]);
  }

  /** Start (after the start marker's line) and end (the end marker's line) of the block. */
  private int[] bounds(String readme) {
    int start = markerLine(readme, startMarker());
    int end = markerLine(readme, endMarker());
    if (end < start) {
      throw new IllegalStateException(
          "README.md: " + endMarker() + " comes before " + startMarker());
    }
    int afterStart = readme.indexOf('\n', start);
    if (afterStart < 0 || afterStart + 1 > end) {
      throw new IllegalStateException(
          "README.md: " + startMarker() + " and " + endMarker() + " must be on lines of their own");
    }
    return new int[] {afterStart + 1, end};
  }

  /** Index of the line that holds exactly {@code marker}; it must occur exactly once. */
  private static int markerLine(String readme, String marker) {
    int at = -1;
    int count = 0;
    int lineStart = 0;
    while (lineStart <= readme.length()) {
      int lineEnd = readme.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = readme.length();
      }
      if (readme.substring(lineStart, lineEnd).strip().equals(marker)) {
        at = lineStart;
        count++;
      }
      lineStart = lineEnd + 1;
    }
    if (count != 1) {
      throw new IllegalStateException(
          "README.md must contain the line "
              + marker
              + " exactly once (found "
              + count
              + "): the generated configuration tables go between the start and end markers");
    }
    return at;
  }
}
