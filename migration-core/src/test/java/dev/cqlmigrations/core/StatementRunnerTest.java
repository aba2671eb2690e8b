package dev.cqlmigrations.core;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

class StatementRunnerTest {

	// Only identifies the node in the exceptions: the logic under test just classifies them.
	private static final Node NODE = Mockito.mock(Node.class);

	@Test
	void aStatementThatFoundNoConnectionWasNeverSent() {
		AllNodesFailedException noConnection = AllNodesFailedException
			.fromErrors(List.<Map.Entry<Node, Throwable>>of(new AbstractMap.SimpleEntry<>(NODE, new NodeUnavailableException(NODE))));

		assertThat(StatementRunner.neverSent(noConnection)).isTrue();
	}

	@Test
	void aStatementTheServerRejectedWasSent() {
		AllNodesFailedException rejected = AllNodesFailedException.fromErrors(List
			.<Map.Entry<Node, Throwable>>of(new AbstractMap.SimpleEntry<>(NODE, new InvalidQueryException(NODE, "bad"))));

		assertThat(StatementRunner.neverSent(rejected)).isFalse();
		assertThat(StatementRunner.neverSent(AllNodesFailedException.fromErrors(List.of()))).isFalse();
	}

	@Test
	void aLostConnectionOrAClientTimeoutLeavesTheOutcomeUnknownAServerErrorDoesNot() {
		assertThat(StatementRunner.outcomeUnknown(new DriverTimeoutException("timeout"))).isTrue();
		assertThat(StatementRunner.outcomeUnknown(new ClosedConnectionException("lost"))).isTrue();
		assertThat(StatementRunner.outcomeUnknown(AllNodesFailedException.fromErrors(List
			.<Map.Entry<Node, Throwable>>of(new AbstractMap.SimpleEntry<>(NODE, new ClosedConnectionException("lost"))))))
			.isTrue();
		assertThat(StatementRunner.outcomeUnknown(AllNodesFailedException.fromErrors(List
			.<Map.Entry<Node, Throwable>>of(new AbstractMap.SimpleEntry<>(NODE, new NodeUnavailableException(NODE))))))
			.isFalse();
		assertThat(StatementRunner.outcomeUnknown(new InvalidQueryException(NODE, "bad"))).isFalse();
	}

}
