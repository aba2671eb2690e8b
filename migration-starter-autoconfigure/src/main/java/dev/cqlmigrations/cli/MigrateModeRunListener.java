package dev.cqlmigrations.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;

/**
 * Switches an application started with {@code migrate <command> …} into command-line mode before
 * anything else reads the environment: no web server, no banner, no migration on start, every bean
 * lazy and no health checks, JMX or actuator endpoints (so nothing connects unless the command
 * needs the cluster), and a console that shows only warnings and the engine's progress lines.
 * Registered in {@code META-INF/spring.factories}; acts only when the first argument is exactly
 * {@code migrate}, and not at all with {@value #ENABLED_PROPERTY}{@code =false} on the command
 * line, in the system properties or in the environment ({@link MigrateCommandLine#isMigrateCommand}).
 * <p>
 * Spring's command-line property source would turn every {@code --option} into a property (and
 * {@code --debug} into Boot's debug mode), so it is switched off and rebuilt from the Spring
 * properties alone ({@code --name=value} with a dotted name, see {@link MigrateCommandLine}).
 * <p>
 * When the application fails before the command runs (a bean that cannot be created, say), the
 * failure is reported the command's way: one line, a stack trace only with {@code --debug}, and
 * exit status 1.
 * <p>
 * Commands that need neither the cluster nor the application's beans ({@code help},
 * {@code create}) and usage errors are handled in {@link #starting}, before any environment or
 * context exists, and end the process there ({@link MigrateWithoutContext}, which an application
 * can also call first in its {@code main} method, before Spring Boot starts at all).
 */
public class MigrateModeRunListener implements SpringApplicationRunListener, Ordered {

	/** Set to {@code true} in command-line mode; {@link MigrationCliAutoConfiguration} runs on it. */
	public static final String ACTIVE_PROPERTY = "migrations.cli.active";

	/**
	 * Set to {@code false} (command line, system property or environment, not the application's
	 * configuration files) to start the application normally even with {@code migrate} first.
	 */
	public static final String ENABLED_PROPERTY = "migrations.cli.enabled";

	/** Name of the property source holding the command-line mode settings. */
	public static final String PROPERTY_SOURCE_NAME = "migrateCommandLineMode";

	// Package-private in Boot, hence by name.
	static final String BACKGROUND_PREINITIALIZER = "org.springframework.boot.autoconfigure.preinitialize."
			+ "BackgroundPreinitializingApplicationListener";

	private final SpringApplication application;

	private final @Nullable MigrateCommandLine commandLine;

	private final String[] args;

	private final CommandLineExit exit;

	/**
	 * Creates a new instance; Spring Boot calls this for every {@link SpringApplication} run.
	 * @param application the application being run
	 * @param args its arguments
	 */
	public MigrateModeRunListener(SpringApplication application, String[] args) {
		this(application, args, System::exit);
	}

	MigrateModeRunListener(SpringApplication application, String[] args, CommandLineExit exit) {
		this.application = application;
		this.commandLine = MigrateCommandLine.isMigrateCommand(args) ? MigrateCommandLine.split(args) : null;
		this.args = args;
		this.exit = exit;
	}

	// Before Boot's EventPublishingRunListener (order 0): it runs the environment post-processors
	// and initializes logging, which must both see the settings below.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		if (this.commandLine != null) {
			this.application.setAddCommandLineProperties(false);
			ExitStatus status = runWithoutContext();
			if (status != null) {
				this.exit.exit(status.code());
				return;
			}
			withoutBackgroundPreinitialization(this.application);
		}
	}

	/**
	 * Removes Boot's background preinitialization: it loads Jackson, Tomcat, message converters and
	 * validation, which no command uses, and on a small machine it takes the CPU the command needs.
	 * Called before Boot's own run listener hands the application's listeners the first event.
	 */
	static void withoutBackgroundPreinitialization(SpringApplication application) {
		List<ApplicationListener<?>> listeners = application.getListeners()
			.stream()
			.filter((listener) -> !listener.getClass().getName().equals(BACKGROUND_PREINITIALIZER))
			.toList();
		application.setListeners(listeners);
	}

	/**
	 * Runs the command when it needs no application context.
	 * @return how it ended, {@code null} when the command needs the context
	 */
	@Nullable ExitStatus runWithoutContext() {
		return MigrateWithoutContext.run(this.args);
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		if (this.commandLine == null) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		// Below the command line's own Spring properties, above everything else (application.yml too).
		sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, modeProperties(this.commandLine)));
		if (!this.commandLine.springArguments().isEmpty()) {
			sources.addFirst(new SimpleCommandLinePropertySource(
					this.commandLine.springArguments().toArray(String[]::new)));
		}
		ConfigurationPropertySources.attach(environment);
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		if (this.commandLine == null) {
			return;
		}
		System.err.println("Error: " + FailureMessage.describe(exception));
		if (this.commandLine.has(CommandOption.DEBUG)) {
			exception.printStackTrace(System.err);
		}
		System.err.flush();
		this.exit.exit(ExitStatus.FAILED.code());
	}

	static Map<String, Object> modeProperties(MigrateCommandLine commandLine) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(ACTIVE_PROPERTY, "true");
		properties.put("migrations.run-on-startup", "false");
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.lazy-initialization", "true");
		properties.put("spring.main.log-startup-info", "false");
		// Health contributors and endpoints are created eagerly and would open the application's session.
		properties.put("management.health.defaults.enabled", "false");
		properties.put("management.endpoints.access.default", "none");
		properties.put("spring.jmx.enabled", "false");
		properties.put("logging.level.root", "WARN");
		// Progress: "Applying V3 create users (3/7)" and friends.
		properties.put("logging.level.dev.cqlmigrations.core.MigrationEngine", "INFO");
		// "Waiting for the migration lock held by ... (up to 300 s ...)", once per wait.
		properties.put("logging.level.dev.cqlmigrations.core.MigrationLock", "INFO");
		// The engine's one-line outcome: the command prints its own.
		properties.put("logging.level.dev.cqlmigrations.core.MigrationEngine.summary", "WARN");
		if (commandLine.has(CommandOption.DEBUG)) {
			properties.put("logging.level.dev.cqlmigrations", "DEBUG");
			return properties;
		}
		// The driver's warnings stay visible (a skipped contact point, a server-side warning about a
		// statement); Spring reports a failed refresh that the command reports once itself.
		properties.put("logging.level.com.datastax.oss.driver", "WARN");
		// It warns about each failed connection attempt; the command reports an unreachable cluster once.
		properties.put("logging.level.com.datastax.oss.driver.internal.core.control.ControlConnection", "ERROR");
		properties.put("logging.level.org.springframework", "ERROR");
		properties.put("logging.pattern.console", "%msg%n");
		if (commandLine.has(CommandOption.JSON)) {
			// Standard output carries the JSON document and nothing else.
			properties.put("logging.threshold.console", "OFF");
		}
		return properties;
	}

}
