package org.sipbridge.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.sipbridge.logging.LoggerNames;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Collects what one SLF4J logger receives, for assertions. A bare module name ("xlog",
 * "example") means that module's logger, {@code org.sipbridge.module.<name>}
 * ({@link LoggerNames#module}); a dotted name (a class or {@code org.sipbridge.server}) and
 * the root logger are used as given.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    /** Appends under the list's lock, which the readers below take too: loggers on other threads append meanwhile. */
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            synchronized (list) {
                super.append(e);
            }
        }
    };
    private final Level previous;

    public LogCapture(String loggerName, Level level) {
        logger = (Logger) LoggerFactory.getLogger(resolve(loggerName));
        previous = logger.getLevel();
        logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    /** The logger name a test's name stands for (see the class comment). */
    public static String resolve(String name) {
        return name.contains(".") || name.equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? name : LoggerNames.module(name);
    }

    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
    }

    /** Formatted messages, in order. */
    public List<String> messages() {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** The first message containing text, waiting up to timeout for it; fails the test when none comes. */
    public String awaitMessage(String text, java.time.Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String m : messages()) {
                if (m.contains(text)) {
                    return m;
                }
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("no log line with <" + text + ">: " + messages());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for a log line with <" + text + ">");
            }
        }
    }

    /** Messages containing "event: ", with everything before it cut. */
    public List<String> lifecycleEvents() {
        return messages().stream().filter(m -> m.contains("event: "))
                .map(m -> m.substring(m.indexOf("event: ") + 7)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
