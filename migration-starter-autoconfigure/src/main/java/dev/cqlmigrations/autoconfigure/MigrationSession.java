package dev.cqlmigrations.autoconfigure;

import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.CqlSession;
import org.jspecify.annotations.Nullable;

/**
 * Holder of the {@link CqlSession} used to run migrations: the engine's own session, tuned for
 * schema changes, opened on first use and closed with the application context. It is
 * deliberately not a {@code CqlSession} bean, so that the application's session stays the only
 * one and is never closed or reconfigured by migrations.
 */
public final class MigrationSession implements AutoCloseable {

	private final Supplier<CqlSession> sessionFactory;

	private @Nullable CqlSession session;

	private boolean closed;

	/**
	 * Creates a holder that opens its session on first use.
	 * @param sessionFactory opens the session, e.g. {@code builder::build}
	 */
	public MigrationSession(Supplier<CqlSession> sessionFactory) {
		this.sessionFactory = sessionFactory;
	}

	/**
	 * The session, opened on the first call.
	 * @return the open session
	 * @throws IllegalStateException when this holder has been closed
	 */
	public synchronized CqlSession getSession() {
		if (this.closed) {
			throw new IllegalStateException("The migration session is closed: the application is shutting down");
		}
		if (this.session == null) {
			this.session = this.sessionFactory.get();
		}
		return this.session;
	}

	/**
	 * Whether the session has been opened and not closed yet.
	 * @return {@code true} while the session is open
	 */
	public synchronized boolean isOpen() {
		return this.session != null && !this.session.isClosed();
	}

	/**
	 * Closes the session, if it was opened. Later calls to {@link #getSession()} fail.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.session != null) {
			this.session.close();
			this.session = null;
		}
	}

}
