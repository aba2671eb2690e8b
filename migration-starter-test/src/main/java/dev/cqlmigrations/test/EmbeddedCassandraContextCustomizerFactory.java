package dev.cqlmigrations.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points {@code spring.cassandra.*} of Spring tests annotated with {@link EmbeddedCassandra} at
 * the shared node. The properties take precedence over {@code application.yml}, profile files,
 * system properties and environment variables, as {@code @ServiceConnection} does, so that a test
 * never reaches the cluster the application is configured for; only the test's own properties
 * ({@code @SpringBootTest(properties)}, {@code @TestPropertySource}, {@code @DynamicPropertySource},
 * test arguments) still win.
 */
class EmbeddedCassandraContextCustomizerFactory implements ContextCustomizerFactory {

	/** Name of the property source holding the node's properties. */
	static final String PROPERTY_SOURCE_NAME = "embeddedCassandra";

	// Spring's DynamicValuesPropertySource name, which is not public.
	private static final List<String> TEST_OWN_SOURCES = List.of("commandLineArgs",
			TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, "Dynamic Test Properties");

	private static final String DEDICATED_CONTACT_POINTS = "migrations.cassandra.contact-points";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, EmbeddedCassandra.class)) {
			return null;
		}
		return new EmbeddedCassandraContextCustomizer();
	}

	/**
	 * Adds the node's properties to the environment, ahead of every source but the test's own.
	 * A dedicated migration session configured by the application
	 * ({@code migrations.cassandra.contact-points}) is pointed at the node too.
	 * @param environment the environment of the test's application context
	 * @param node the node
	 */
	static void addNodeProperties(ConfigurableEnvironment environment, CassandraNode node) {
		Map<String, Object> properties = new LinkedHashMap<>(node.springProperties());
		if (environment.containsProperty(DEDICATED_CONTACT_POINTS)
				|| environment.containsProperty(DEDICATED_CONTACT_POINTS + "[0]")) {
			properties.put(DEDICATED_CONTACT_POINTS, node.contactPointText());
			properties.put("migrations.cassandra.local-datacenter", node.localDatacenter());
			if (node.username() != null) {
				properties.put("migrations.cassandra.username", node.username());
				properties.put("migrations.cassandra.password", node.password());
			}
		}
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
		// Right after the test's own sources at the top (and Boot's attached relaxed-name view).
		String anchor = null;
		for (PropertySource<?> candidate : sources) {
			if (!TEST_OWN_SOURCES.contains(candidate.getName())
					&& !"configurationProperties".equals(candidate.getName())) {
				break;
			}
			anchor = candidate.getName();
		}
		if (anchor != null) {
			sources.addAfter(anchor, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	static final class EmbeddedCassandraContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			addNodeProperties(context.getEnvironment(), SharedCassandraNode.get());
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
