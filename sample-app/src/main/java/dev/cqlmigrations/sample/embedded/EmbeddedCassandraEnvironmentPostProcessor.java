package dev.cqlmigrations.sample.embedded;

import java.io.PrintStream;
import java.util.function.Supplier;

import dev.cqlmigrations.cli.MigrateModeRunListener;
import dev.cqlmigrations.test.CassandraNode;
import dev.cqlmigrations.test.ForkedCassandraNode;
import dev.cqlmigrations.test.NodeOptions;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets the sample run on a machine without Cassandra: when no
 * {@code spring.cassandra.contact-points} are configured, starts a local Cassandra node in a
 * forked JVM (data in a temporary directory, stopped and removed when the application exits)
 * and points {@code spring.cassandra.*} at it. {@code sample.embedded-cassandra.enabled=false}
 * turns this off.
 * <p>
 * Never in command-line mode ({@code java -jar app.jar migrate …}): {@code create} and
 * {@code help} need no cluster, and the other commands are meant for a real one, not for a
 * node whose data is gone when the command ends. The migration starter's
 * {@link MigrateModeRunListener} sets {@value MigrateModeRunListener#ACTIVE_PROPERTY} before
 * any environment post-processor runs.
 */
public class EmbeddedCassandraEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Property that turns the embedded node off. */
	public static final String ENABLED_PROPERTY = "sample.embedded-cassandra.enabled";

	static final String PROPERTY_SOURCE_NAME = "sampleEmbeddedCassandra";

	private final Log logger;

	private final Supplier<CassandraNode> nodeStarter;

	private final PrintStream console;

	/**
	 * Creates a new instance; Spring Boot calls this constructor.
	 * @param logFactory the factory of logs replayed once logging is set up
	 */
	public EmbeddedCassandraEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this(logFactory.getLog(EmbeddedCassandraEnvironmentPostProcessor.class),
				() -> ForkedCassandraNode.start(NodeOptions.defaults()));
	}

	EmbeddedCassandraEnvironmentPostProcessor(Log logger, Supplier<CassandraNode> nodeStarter) {
		this(logger, nodeStarter, System.out);
	}

	EmbeddedCassandraEnvironmentPostProcessor(Log logger, Supplier<CassandraNode> nodeStarter, PrintStream console) {
		this.logger = logger;
		this.nodeStarter = nodeStarter;
		this.console = console;
	}

	// After the configuration files and profiles have been read.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind(ENABLED_PROPERTY, Boolean.class).orElse(true)) {
			return;
		}
		if (binder.bind(MigrateModeRunListener.ACTIVE_PROPERTY, Boolean.class).orElse(false)) {
			this.logger.debug("Command-line mode: no local Cassandra node started; commands that need a cluster "
					+ "connect to spring.cassandra.contact-points");
			return;
		}
		if (binder.bind("spring.cassandra.contact-points", Bindable.listOf(String.class)).isBound()) {
			return;
		}
		// Logging is not set up yet and replays deferred lines only after the node is up: say it now.
		this.console.println("No spring.cassandra.contact-points configured: starting a local Cassandra node, "
				+ "this takes some seconds (set " + ENABLED_PROPERTY + "=false to turn this off)");
		this.console.flush();
		CassandraNode node = this.nodeStarter.get();
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, node.springProperties()));
		this.logger.info("Local Cassandra node listening on " + node.contactPointText()
				+ "; its data is removed when the application stops");
	}

}
