package dev.cqlmigrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import dev.cqlmigrations.actuate.MigrationStatusCache;
import dev.cqlmigrations.core.JavaMigration;
import dev.cqlmigrations.core.KeyspaceReplication;
import dev.cqlmigrations.core.MigrationConfigurationException;
import dev.cqlmigrations.core.MigrationEngine;
import dev.cqlmigrations.core.MigrationListener;
import dev.cqlmigrations.core.MigrationSettings;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for CQL migrations: a
 * {@link MigrationEngine} on a {@link MigrationSession} of its own, and a
 * {@link MigrationStartupRunner} that applies pending migrations when the application is ready, or
 * earlier, through a {@link MigrationInitializer}, when the application's session is bound to a
 * keyspace that migrations may create.
 * <p>
 * The engine (and so its session) is created on first use, so that building the context never
 * connects to Cassandra; the settings are built eagerly, so that invalid {@code migrations.*}
 * properties fail the start straight away.
 */
@AutoConfiguration(after = CassandraAutoConfiguration.class)
@ConditionalOnClass({ CqlSession.class, CassandraConnectionDetails.class })
@ConditionalOnProperty(prefix = "migrations", name = "enabled", matchIfMissing = true)
@Conditional(MigrationAutoConfiguration.CassandraConfiguredCondition.class)
@EnableConfigurationProperties(MigrationProperties.class)
public final class MigrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationSettings migrationSettings(MigrationProperties properties,
			ObjectProvider<CassandraProperties> cassandraProperties, ObjectProvider<JavaMigration> javaMigrations,
			ObjectProvider<MigrationSettingsCustomizer> customizers, ResourceLoader resourceLoader,
			Environment environment) {
		MigrationSettings.Builder builder = MigrationSettings
			.builder(keyspace(properties, cassandraProperties.getIfAvailable()));
		PropertyMapper map = PropertyMapper.get();
		map.from(properties.getLocations()).to(builder::locations);
		map.from(properties.getHistoryTable()).to(builder::historyTable);
		map.from(properties.isCreateKeyspace()).to(builder::createKeyspace);
		if (replicationConfigured(environment)) {
			// Otherwise the engine chooses from the cluster's data centers when it creates the keyspace.
			builder.replication(replication(properties.getReplication()));
		}
		map.from(properties.getPlaceholders()).to(builder::placeholders);
		map.from(properties.getTarget()).to(builder::target);
		map.from(properties.isOutOfOrder()).to(builder::outOfOrder);
		map.from(properties.isValidateOnMigrate()).to(builder::validateOnMigrate);
		map.from(properties.getSchemaAgreementTimeout()).to(builder::schemaAgreementTimeout);
		map.from(properties.getLock().getTtl()).to(builder::lockTtl);
		map.from(properties.getLock().getWaitTimeout()).to(builder::lockWaitTimeout);
		map.from(properties.getLock().getTable()).to(builder::lockTable);
		map.from(properties.getConsistency().getWrite()).to(builder::writeConsistency);
		map.from(properties.getConsistency().getRead()).to(builder::readConsistency);
		map.from(properties.getConsistency().getSerial()).to(builder::serialConsistency);
		map.from(properties.getInstalledBy()).to(builder::installedBy);
		map.from(properties.isBaselineOnMigrate()).to(builder::baselineOnMigrate);
		map.from(properties.getBaselineVersion()).to(builder::baselineVersion);
		map.from(properties.getBaselineDescription()).to(builder::baselineDescription);
		builder.javaMigrations(javaMigrations.orderedStream().toList());
		builder.classLoader(resourceLoader.getClassLoader());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private static String keyspace(MigrationProperties properties, @Nullable CassandraProperties cassandraProperties) {
		if (StringUtils.hasText(properties.getKeyspace())) {
			return properties.getKeyspace();
		}
		if (cassandraProperties != null && StringUtils.hasText(cassandraProperties.getKeyspaceName())) {
			return cassandraProperties.getKeyspaceName();
		}
		throw new MigrationConfigurationException("No keyspace for migrations: set migrations.keyspace, or "
				+ "spring.cassandra.keyspace-name to migrate the application's keyspace.");
	}

	private static boolean replicationConfigured(Environment environment) {
		Binder binder = Binder.get(environment);
		return binder.bind("migrations.replication.strategy", String.class).isBound()
				|| binder.bind("migrations.replication.replication-factor", String.class).isBound()
				|| binder.bind("migrations.replication.datacenters", Bindable.mapOf(String.class, String.class))
					.isBound();
	}

	private static KeyspaceReplication replication(MigrationProperties.Replication replication) {
		return (replication.getStrategy() == KeyspaceReplication.Strategy.SIMPLE)
				? KeyspaceReplication.simple(replication.getReplicationFactor())
				: KeyspaceReplication.networkTopology(replication.getDatacenters());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	MigrationSession migrationSession(MigrationProperties properties,
			ObjectProvider<CassandraConnectionDetails> connectionDetails,
			ObjectProvider<CassandraProperties> cassandraProperties, ObjectProvider<CqlSessionBuilder> sessionBuilder,
			ObjectProvider<MigrationSessionBuilderCustomizer> customizers) {
		MigrationSessionBuilderFactory factory = new MigrationSessionBuilderFactory(properties,
				connectionDetails.getIfAvailable(), cassandraProperties.getIfAvailable(),
				sessionBuilder::getIfAvailable);
		// Built now, so that incomplete migrations.cassandra.* fails the start; connects on first use.
		CqlSessionBuilder builder = factory.create();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new MigrationSession(() -> factory.open(builder));
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	MigrationEngine migrationEngine(MigrationSession session, MigrationSettings settings,
			ObjectProvider<MigrationListener> listeners) {
		return new MigrationEngine(session.getSession(), settings,
				new CompositeMigrationListener(listeners.orderedStream().toList()));
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationStatusCache migrationStatusCache(ObjectProvider<MigrationEngine> engine) {
		return new MigrationStatusCache(engine::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationEventPublisher migrationEventPublisher(ApplicationEventPublisher publisher, MigrationSettings settings) {
		return new MigrationEventPublisher(publisher, settings.keyspace());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "migrations", name = "run-on-startup", matchIfMissing = true)
	MigrationStartupRunner migrationStartupRunner(ObjectProvider<MigrationEngine> engine,
			ObjectProvider<MigrationStrategy> strategy, MigrationProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		return new MigrationStartupRunner(engine::getObject, strategy.getIfAvailable(), properties.isDryRun(),
				properties.isFailOnError(), () -> openedSessions(beanFactory));
	}

	private static List<CqlSession> openedSessions(ConfigurableListableBeanFactory beanFactory) {
		// Only sessions that exist already: the application's session is lazy, and one opened
		// after the migration reads fresh metadata anyway.
		List<CqlSession> sessions = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(CqlSession.class, true, false)) {
			if (beanFactory.containsSingleton(name)) {
				sessions.add(beanFactory.getBean(name, CqlSession.class));
			}
		}
		return sessions;
	}

	/**
	 * Runs the startup migration during context refresh, before the application's
	 * {@code CqlSession} and everything that uses it, the way Boot orders Flyway before JPA.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "migrations", name = "run-on-startup", matchIfMissing = true)
	@Conditional(MigrateDuringRefreshCondition.class)
	static class MigrationInitializerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationInitializer migrationInitializer(MigrationStartupRunner runner) {
			return new MigrationInitializer(runner);
		}

		@Bean
		static CqlSessionDependsOnMigrationInitializerPostProcessor cqlSessionDependsOnMigrationInitializer() {
			return new CqlSessionDependsOnMigrationInitializerPostProcessor();
		}

	}

	/**
	 * Makes every {@code CqlSession} bean depend on the {@link MigrationInitializer}, and so every
	 * bean using such a session (repositories, templates, health indicators).
	 */
	static final class CqlSessionDependsOnMigrationInitializerPostProcessor
			extends AbstractDependsOnBeanFactoryPostProcessor {

		CqlSessionDependsOnMigrationInitializerPostProcessor() {
			super(CqlSession.class, MigrationInitializer.class);
		}

	}

	/**
	 * Matches when the startup migration runs during context refresh: with
	 * {@code migrations.startup-phase=context-refresh}, or by default when the application's
	 * session is bound to a keyspace ({@code spring.cassandra.keyspace-name}), which a migration
	 * may have to create before that session can open.
	 */
	static final class MigrateDuringRefreshCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("Migration during context refresh");
			MigrationProperties.StartupPhase phase = Binder.get(context.getEnvironment())
				.bind("migrations.startup-phase", MigrationProperties.StartupPhase.class)
				.orElse(MigrationProperties.StartupPhase.AUTO);
			if (phase != MigrationProperties.StartupPhase.AUTO) {
				boolean refresh = phase == MigrationProperties.StartupPhase.CONTEXT_REFRESH;
				ConditionMessage text = message.because("migrations.startup-phase is " + phase);
				return refresh ? ConditionOutcome.match(text) : ConditionOutcome.noMatch(text);
			}
			String keyspace = context.getEnvironment().getProperty("spring.cassandra.keyspace-name");
			return StringUtils.hasText(keyspace)
					? ConditionOutcome.match(message.found("property").items("spring.cassandra.keyspace-name"))
					: ConditionOutcome.noMatch(message.didNotFind("property").items("spring.cassandra.keyspace-name"));
		}

	}

	/**
	 * Matches when there is a Cassandra cluster to migrate: Boot's connection details, an
	 * application session builder, or dedicated contact points for migrations.
	 */
	static final class CassandraConfiguredCondition extends AnyNestedCondition {

		CassandraConfiguredCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(CassandraConnectionDetails.class)
		static final class ConnectionDetails {

		}

		@ConditionalOnBean(CqlSessionBuilder.class)
		static final class SessionBuilder {

		}

		@Conditional(DedicatedContactPointsCondition.class)
		static final class DedicatedContactPoints {

		}

	}

	/**
	 * Matches when {@code migrations.cassandra.contact-points} is set, in any form a list can be
	 * written in (comma-separated or indexed).
	 */
	static final class DedicatedContactPointsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String property = "migrations.cassandra.contact-points";
			ConditionMessage.Builder message = ConditionMessage.forCondition("Dedicated migration contact points");
			boolean set = Binder.get(context.getEnvironment())
				.bind(property, Bindable.listOf(String.class))
				.map((contactPoints) -> !contactPoints.isEmpty())
				.orElse(false);
			return set ? ConditionOutcome.match(message.found("property").items(property))
					: ConditionOutcome.noMatch(message.didNotFind("property").items(property));
		}

	}

}
