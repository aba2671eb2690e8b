package dev.cqlmigrations.test;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points {@code spring.cassandra.*} of Spring tests annotated with {@link EmbeddedCassandra} at
 * the shared node. The properties are added last, so a test's own properties still win.
 */
class EmbeddedCassandraContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, EmbeddedCassandra.class)) {
			return null;
		}
		return new EmbeddedCassandraContextCustomizer();
	}

	static final class EmbeddedCassandraContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("embeddedCassandra", SharedCassandraNode.get().springProperties()));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof EmbeddedCassandraContextCustomizer;
		}

		@Override
		public int hashCode() {
			return EmbeddedCassandraContextCustomizer.class.hashCode();
		}

	}

}
