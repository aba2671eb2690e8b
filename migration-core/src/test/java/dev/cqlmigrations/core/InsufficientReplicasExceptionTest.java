package dev.cqlmigrations.core;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

class InsufficientReplicasExceptionTest {

	// Only identifies the coordinator in the exceptions: the logic under test just classifies them.
	private static final Node NODE = Mockito.mock(Node.class);

	@Test
	void tooFewAliveReplicasAreFoundInsideTheDriversAllNodesFailedError() {
		UnavailableException unavailable = new UnavailableException(NODE, DefaultConsistencyLevel.QUORUM, 2, 1);
		AllNodesFailedException allFailed = AllNodesFailedException
			.fromErrors(List.<Map.Entry<Node, Throwable>>of(new AbstractMap.SimpleEntry<>(NODE, unavailable)));

		assertThat(InsufficientReplicasException.findShortage(allFailed)).isSameAs(unavailable);
		assertThat(InsufficientReplicasException.findShortage(new MigrationException("wrapped", unavailable)))
			.isSameAs(unavailable);
	}

	@Test
	void aReadTooFewReplicasAnsweredIsAShortageButASerialReadOrAWriteTimeoutIsNot() {
		ReadTimeoutException tooFew = new ReadTimeoutException(NODE, DefaultConsistencyLevel.QUORUM, 1, 2, false);
		ReadTimeoutException enoughButNoData = new ReadTimeoutException(NODE, DefaultConsistencyLevel.QUORUM, 2, 2,
				false);
		WriteTimeoutException write = new WriteTimeoutException(NODE, DefaultConsistencyLevel.QUORUM, 1, 2,
				DefaultWriteType.SIMPLE);

		ReadTimeoutException contended = new ReadTimeoutException(NODE, DefaultConsistencyLevel.SERIAL, 0, 2, false);

		assertThat(InsufficientReplicasException.findShortage(tooFew)).isSameAs(tooFew);
		assertThat(InsufficientReplicasException.findShortage(contended)).isNull();
		assertThat(InsufficientReplicasException.findShortage(enoughButNoData)).isNull();
		assertThat(InsufficientReplicasException.findShortage(write)).isNull();
		assertThat(InsufficientReplicasException.findShortage(new IllegalStateException("other"))).isNull();
	}

}
