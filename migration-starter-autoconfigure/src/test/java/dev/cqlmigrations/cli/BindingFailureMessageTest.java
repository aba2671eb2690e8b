package dev.cqlmigrations.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.cqlmigrations.autoconfigure.MigrationProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A value of a {@code migrations.*} property that cannot be bound is reported naming the
 * property and the value, as the command line prints it.
 */
class BindingFailureMessageTest {

	@Test
	void aValueThatCannotBeBoundNamesThePropertyAndTheValue() {
		BindException binding = bindFailure(Map.of("migrations.consistency.write", "FOO"));

		String message = FailureMessage.describe(new BeanCreationException("migrationSettings", "Could not bind",
				binding));

		assertThat(message).startsWith("Invalid value 'FOO' for migrations.consistency.write")
			.contains("Fix migrations.consistency.write on the command line");
	}

	@Test
	void aBadDurationNamesItsProperty() {
		String message = FailureMessage.describe(bindFailure(Map.of("migrations.request-timeout", "soon")));

		assertThat(message).startsWith("Invalid value 'soon' for migrations.request-timeout");
	}

	private static BindException bindFailure(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		return catchThrowableOfType(BindException.class, () -> binder.bind("migrations", MigrationProperties.class));
	}

}
