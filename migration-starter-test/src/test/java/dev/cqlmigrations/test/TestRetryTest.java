package dev.cqlmigrations.test;

import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TestRetryTest {

	@Test
	void repeatsAnOperationAfterTransientErrorsUntilItSucceeds() {
		AtomicInteger calls = new AtomicInteger();
		String result = TestRetry.idempotent(() -> {
			if (calls.incrementAndGet() < 3) {
				throw new DriverTimeoutException("node paused");
			}
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(calls).hasValue(3);
	}

	@Test
	void throwsOtherErrorsAtOnce() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(InvalidQueryException.class).isThrownBy(() -> TestRetry.idempotent(() -> {
			calls.incrementAndGet();
			throw new InvalidQueryException(null, "unconfigured table");
		}));
		assertThat(calls).hasValue(1);
	}

}
