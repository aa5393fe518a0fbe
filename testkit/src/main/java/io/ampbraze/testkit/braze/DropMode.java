package io.ampbraze.testkit.braze;

/** When a dropped connection is cut. */
public enum DropMode {
  /** The request is read, not processed, and the connection closes: nothing is recorded. */
  BEFORE_PROCESSING,
  /**
   * The request is processed and recorded, then the connection closes before the answer: the
   * client cannot know it succeeded, and a retry duplicates the objects.
   */
  AFTER_PROCESSING
}
