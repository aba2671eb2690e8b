package dev.cqlmigrations.core;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationLockTest {

	// Only identifies the node in the exceptions: the logic under test just classifies them.
	private static final Node NODE = Mockito.mock(Node.class);

	@Test
	void aContendedLockInsertTriedOnTwoNodesIsAmbiguous() {
		CASWriteUnknownException unknown = new CASWriteUnknownException(NODE, DefaultConsistencyLevel.SERIAL, 1, 2);
		AllNodesFailedException allFailed = AllNodesFailedException.fromErrors(List.<Map.Entry<Node, Throwable>>of(
				new AbstractMap.SimpleEntry<>(NODE, new IllegalStateException("closed")),
				new AbstractMap.SimpleEntry<>(NODE, unknown)));
		AllNodesFailedException refused = AllNodesFailedException.fromErrors(List.<Map.Entry<Node, Throwable>>of(
				new AbstractMap.SimpleEntry<>(NODE, new UnavailableException(NODE, DefaultConsistencyLevel.SERIAL, 2,
						1))));

		assertThat(LockTable.isAmbiguous(allFailed)).isTrue();
		assertThat(LockTable.isAmbiguous(refused)).isFalse();
		assertThat(LockTable.isAmbiguous(unknown)).isFalse();
	}

}
