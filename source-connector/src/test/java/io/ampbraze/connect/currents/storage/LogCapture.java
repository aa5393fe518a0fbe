package io.ampbraze.connect.currents.storage;

import java.io.StringWriter;
import java.util.UUID;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures what a Connect worker would log with its usual levels (INFO, and DEBUG or TRACE for
 * the connector's own package) while it is open; slf4j routes into log4j2 in the tests.
 *
 * <p>Not the HTTP wire loggers at DEBUG (org.apache.http.wire, software.amazon.awssdk.request,
 * com.azure.core.http): like any HTTP client's, they print request headers, session tokens
 * included, and are for debugging only.
 */
final class LogCapture implements AutoCloseable {
  private final StringWriter out = new StringWriter();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final WriterAppender appender;
  private static final String OWN = "io.ampbraze";
  private final Level previous;
  private final LoggerConfig own;

  LogCapture() {
    Configuration config = context.getConfiguration();
    appender =
        WriterAppender.newBuilder()
            .setName("capture-" + UUID.randomUUID())
            .setTarget(out)
            .setLayout(PatternLayout.newBuilder()
                .withPattern("%p %c - %m%n%throwable").withConfiguration(config).build())
            .build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    previous = root.getLevel();
    root.addAppender(appender, Level.ALL, null);
    root.setLevel(Level.INFO);
    own = new LoggerConfig(OWN, Level.TRACE, true);
    config.addLogger(OWN, own);
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
    config.getRootLogger().setLevel(previous);
    config.removeLogger(OWN);
    context.updateLoggers();
    appender.stop();
  }
}
