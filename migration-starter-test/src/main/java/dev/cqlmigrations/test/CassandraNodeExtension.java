package dev.cqlmigrations.test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link EmbeddedCassandra}: starts the shared node before the first
 * test (so that a node that cannot start fails the class, never skips it) and resolves
 * {@link CassandraNode} and {@link CqlSession} parameters.
 */
public class CassandraNodeExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(CassandraNodeExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		SharedCassandraNode.get();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == CassandraNode.class || type == CqlSession.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		CassandraNode node = SharedCassandraNode.get();
		if (parameterContext.getParameter().getType() == CassandraNode.class) {
			return node;
		}
		ExtensionContext classContext = extensionContext;
		while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
			classContext = classContext.getParent().get();
		}
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(CqlSession.class, (key) -> openSession(node), CqlSession.class);
	}

	private static CqlSession openSession(CassandraNode node) {
		// DDL on a test node can take seconds: a long timeout, no schema metadata refresh per DDL.
		DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
			.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
			.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
			.build();
		return node.sessionBuilder().withConfigLoader(config).build();
	}

}
