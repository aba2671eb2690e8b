package dev.cqlmigrations.core;

import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects what the engine logs while it is open, so a test can assert on operator messages
 * without Spring's output capture (the engine module has no Spring, not even in tests).
 */
final class LogCapture implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("dev.cqlmigrations");

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	LogCapture() {
		this.events.start();
		this.logger.addAppender(this.events);
	}

	/** Every message logged so far, formatted, one per line. */
	String text() {
		return this.events.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.events);
	}

}
