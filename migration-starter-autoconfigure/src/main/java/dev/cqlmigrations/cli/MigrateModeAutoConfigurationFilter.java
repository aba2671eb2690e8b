package dev.cqlmigrations.cli;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Keeps a {@code migrate <command>} run lean: in command-line mode only the auto-configurations a
 * command needs are considered (the migrations, Cassandra, SSL bundles, property binding), so that
 * the application's web, security, data and actuator auto-configurations are neither evaluated nor
 * loaded. The application's own beans stay (lazy), Java migrations among them. Outside
 * command-line mode it filters nothing. Registered in {@code META-INF/spring.factories}.
 * <p>
 * An application whose connection needs another auto-configuration (a customizer of the driver
 * shipped as one, say) keeps it with {@value #KEEP_PROPERTY} (class name prefixes, comma
 * separated), or turns the filter off with {@code migrations.cli.lean-context=false}.
 * <p>
 * It runs before Boot's own filters, so that their class-presence checks, which load classes
 * from the application's jars, only see the few auto-configurations kept here.
 */
public class MigrateModeAutoConfigurationFilter
		implements AutoConfigurationImportFilter, EnvironmentAware, PriorityOrdered {

	/** Class name prefixes of further auto-configurations to keep in command-line mode. */
	public static final String KEEP_PROPERTY = "migrations.cli.keep-auto-configurations";

	/** Whether command-line mode filters auto-configurations ({@code true} by default). */
	public static final String LEAN_PROPERTY = "migrations.cli.lean-context";

	// Not the health, metrics and endpoint auto-configurations: command-line mode turns them off.
	private static final List<String> NEEDED = List.of("dev.cqlmigrations.autoconfigure.MigrationAutoConfiguration",
			"dev.cqlmigrations.cli.",
			"org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration",
			"org.springframework.boot.autoconfigure.ssl.",
			"org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration",
			"org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration");

	private @Nullable Environment environment;

	// OnClassCondition has the highest precedence too; PriorityOrdered puts this filter first anyway.
	// A later filter only sees the candidates earlier ones kept.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		List<String> kept = kept();
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = kept == null || name == null || kept.stream().anyMatch(name::startsWith);
		}
		return matches;
	}

	/** The prefixes to keep, {@code null} to keep everything. */
	private @Nullable List<String> kept() {
		Environment environment = this.environment;
		if (environment == null || !environment.getProperty(MigrateModeRunListener.ACTIVE_PROPERTY, Boolean.class,
				false) || !environment.getProperty(LEAN_PROPERTY, Boolean.class, true)) {
			return null;
		}
		List<String> kept = new ArrayList<>(NEEDED);
		for (String prefix : environment.getProperty(KEEP_PROPERTY, String[].class, new String[0])) {
			if (!prefix.isBlank()) {
				kept.add(prefix.trim());
			}
		}
		return kept;
	}

}
