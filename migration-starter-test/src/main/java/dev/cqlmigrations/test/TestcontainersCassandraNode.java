package dev.cqlmigrations.test;

import java.net.InetSocketAddress;

import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A node in a Testcontainers container, for machines with a Docker engine. ScyllaDB images work
 * too (they speak the same protocol and accept the same CQL used by the tests).
 */
final class TestcontainersCassandraNode implements CassandraNode {

	private final CassandraContainer container;

	private TestcontainersCassandraNode(CassandraContainer container) {
		this.container = container;
	}

	static TestcontainersCassandraNode start(String image) {
		DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("cassandra");
		CassandraContainer container = new CassandraContainer(name);
		container.start();
		return new TestcontainersCassandraNode(container);
	}

	@Override
	public InetSocketAddress contactPoint() {
		return this.container.getContactPoint();
	}

	@Override
	public String localDatacenter() {
		return this.container.getLocalDatacenter();
	}

	@Override
	public String username() {
		return this.container.getUsername();
	}

	@Override
	public String password() {
		return this.container.getPassword();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
