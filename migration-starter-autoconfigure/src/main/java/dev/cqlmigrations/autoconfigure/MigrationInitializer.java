package dev.cqlmigrations.autoconfigure;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * {@link InitializingBean} used to run the startup migration during context refresh, through the
 * {@link MigrationStartupRunner}, before the application's {@code CqlSession} and the beans that
 * use it (Spring Data Cassandra, the Cassandra health indicator): they depend on this bean.
 */
public class MigrationInitializer implements InitializingBean, Ordered {

	private final MigrationStartupRunner runner;

	private int order;

	/**
	 * Creates a new instance.
	 * @param runner the startup runner, which then skips its run when the application is ready
	 */
	public MigrationInitializer(MigrationStartupRunner runner) {
		this.runner = runner;
	}

	@Override
	public void afterPropertiesSet() {
		this.runner.migrate();
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Sets the order of this bean.
	 * @param order the order
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
