package dev.cqlmigrations.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import dev.cqlmigrations.core.MigrationException;
import dev.cqlmigrations.core.MigrationLockException;
import dev.cqlmigrations.core.MigrationValidationException;
import dev.cqlmigrations.core.RollbackException;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link MigrationsEndpoint}, used to
 * answer a refused rollback with a status code and the engine's message:
 * <ul>
 * <li>{@code 400} a malformed request: unknown action, both {@code target} and {@code steps},
 * {@code steps} below 1, a {@code target} that is not a version;</li>
 * <li>{@code 403} rollbacks are disabled ({@code migrations.rollback-enabled});</li>
 * <li>{@code 409} a well-formed request the history does not allow: nothing to roll back, an
 * unknown target or one above the current version, a missing undo script, a failed migration in
 * the way, an {@code expectedVersion} that is not the current one, scripts edited since they were
 * applied, or the migration lock held by another run (never waited for);</li>
 * <li>{@code 500} an undo statement failed (the history records it as rolled back only in part)
 * or the cluster could not be used.</li>
 * </ul>
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

	private static final int STATUS_FORBIDDEN = 403;

	private static final int STATUS_CONFLICT = 409;

	private final MigrationsEndpoint delegate;

	/**
	 * Creates a new instance.
	 * @param delegate the endpoint
	 */
	public MigrationsEndpointWebExtension(MigrationsEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Rolls back applied migrations; see {@link MigrationsEndpoint#rollback}.
	 * @param action must be {@code rollback}
	 * @param target roll back every applied migration above this version
	 * @param steps roll back this many applied migrations
	 * @param dryRun whether to only report what would run
	 * @param expectedVersion refuse unless the keyspace is at this version
	 * @return what was rolled back, or the error with its status code
	 */
	@WriteOperation
	public WebEndpointResponse<OperationResponseBody> rollback(@Selector String action, @Nullable String target,
			@Nullable Integer steps, @Nullable Boolean dryRun, @Nullable String expectedVersion) {
		try {
			return new WebEndpointResponse<>(this.delegate.rollback(action, target, steps, dryRun, expectedVersion));
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
		catch (RollbackNotEnabledException ex) {
			return error(STATUS_FORBIDDEN, ex.getMessage());
		}
		catch (MigrationLockException ex) {
			return error(STATUS_CONFLICT, ex.getMessage());
		}
		catch (MigrationValidationException ex) {
			// Scripts edited since they were applied: refused before anything ran.
			return error(STATUS_CONFLICT, ex.getMessage());
		}
		catch (RollbackException ex) {
			// A refusal: nothing was changed. A failed undo statement is a MigrationExecutionException (500).
			return error(STATUS_CONFLICT, ex.getMessage());
		}
		catch (MigrationException ex) {
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, ex.getMessage());
		}
	}

	private static WebEndpointResponse<OperationResponseBody> error(int status, @Nullable String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(status, String.valueOf(message)), status);
	}

	/**
	 * Description of a refused or failed request.
	 *
	 * @param status the HTTP status code
	 * @param message what is wrong and what to do
	 */
	public record ErrorDescriptor(int status, String message) implements OperationResponseBody {

	}

}
