package io.ampbraze.connect.braze;

import java.io.StringWriter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything logged (root at INFO, the sink at DEBUG), messages and stack traces, in
 * memory, so tests can search it.
 */
final class LogCapture implements AutoCloseable {
  private final StringWriter out = new StringWriter();
  private final WriterAppender appender;
  private final LoggerContext context;
  private final Level rootLevel;

  LogCapture() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender =
        WriterAppender.newBuilder()
            .setName("capture-" + System.nanoTime())
            .setTarget(out)
            .setLayout(
                PatternLayout.newBuilder()
                    .withConfiguration(config)
                    .withPattern("%level [%t] %c - %m%n%throwable")
                    .build())
            .build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    rootLevel = root.getLevel();
    root.addAppender(appender, Level.ALL, null);
    root.setLevel(Level.INFO);
    config.getLoggerConfig("io.ampbraze").setLevel(Level.DEBUG);
    context.updateLoggers();
  }

  String text() {
    synchronized (out) {
      return out.toString();
    }
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    config.getRootLogger().removeAppender(appender.getName());
    config.getRootLogger().setLevel(rootLevel);
    config.getLoggerConfig("io.ampbraze").setLevel(Level.INFO);
    context.updateLoggers();
    appender.stop();
  }
}
