package dev.cqlmigrations.cli;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.metadata.Node;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

import dev.cqlmigrations.core.InsufficientReplicasException;
import dev.cqlmigrations.core.MigrationException;

/**
 * Turns an exception into the message an operator reads: an unreachable cluster in one line, an
 * engine error as the engine wrote it, anything else as its most telling message. Spring's bean
 * creation wrappers are looked through; stack traces are for {@code --debug}.
 */
public final class FailureMessage {

	private FailureMessage() {
	}

	/**
	 * Describes a failure.
	 * @param failure what was thrown
	 * @return the message for the operator
	 */
	public static String describe(Throwable failure) {
		// Too few replicas is the cluster answering, not a connection problem: the engine's message says which.
		InsufficientReplicasException replicas = find(failure, InsufficientReplicasException.class);
		if (replicas != null) {
			return String.valueOf(replicas.getMessage());
		}
		AllNodesFailedException unreachable = find(failure, AllNodesFailedException.class);
		if (unreachable != null) {
			return unreachable(unreachable);
		}
		MigrationException migration = find(failure, MigrationException.class);
		if (migration != null) {
			return String.valueOf(migration.getMessage());
		}
		BindException binding = find(failure, BindException.class);
		if (binding != null) {
			return binding(binding);
		}
		return mostTelling(failure);
	}

	// Spring's own message names the bean and class, not the property the operator typed.
	private static String binding(BindException ex) {
		ConfigurationProperty property = ex.getProperty();
		List<Throwable> chain = chain(ex);
		Throwable root = chain.get(chain.size() - 1);
		String value = (property != null) ? " '" + property.getValue() + "'" : "";
		String origin = (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")"
				: "";
		return "Invalid value" + value + " for " + ex.getName() + origin + ": "
				+ oneLine((root != ex && root.getMessage() != null) ? root.getMessage()
						: String.valueOf(ex.getMessage()))
				+ ". Fix " + ex.getName() + " on the command line or in the application's configuration.";
	}

	/**
	 * One line naming the nodes that could not be reached and why.
	 * @param ex the driver's error
	 * @return the line
	 */
	static String unreachable(AllNodesFailedException ex) {
		StringJoiner nodes = new StringJoiner("; ");
		for (Map.Entry<Node, List<Throwable>> entry : ex.getAllErrors().entrySet()) {
			Set<String> reasons = new LinkedHashSet<>();
			entry.getValue().forEach((error) -> reasons.add(oneLine(reason(error))));
			nodes.add(entry.getKey().getEndPoint() + " (" + String.join(", ", reasons) + ")");
		}
		String detail = (nodes.length() > 0) ? nodes.toString() : oneLine(String.valueOf(ex.getMessage()));
		return "Cannot connect to Cassandra: " + detail + ". Check spring.cassandra.contact-points, "
				+ "local-datacenter and the credentials.";
	}

	// The outermost message that is not a Spring wrapper's, with the root cause when it adds something.
	private static String mostTelling(Throwable failure) {
		List<Throwable> chain = chain(failure);
		Throwable telling = chain.stream()
			.filter((ex) -> !ex.getClass().getName().startsWith("org.springframework.beans."))
			.findFirst()
			.orElse(chain.get(chain.size() - 1));
		String message = (telling.getMessage() != null) ? telling.getMessage() : telling.getClass().getSimpleName();
		Throwable root = chain.get(chain.size() - 1);
		if (root != telling && root.getMessage() != null && !message.contains(root.getMessage())) {
			message = message + ": " + root.getMessage();
		}
		return message;
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable ex : chain(failure)) {
			if (type.isInstance(ex)) {
				return type.cast(ex);
			}
		}
		return null;
	}

	private static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable ex = failure; ex != null && !chain.contains(ex); ex = ex.getCause()) {
			chain.add(ex);
		}
		return chain;
	}

	// The driver reports "failed to send request"; the socket's own reason ("Connection refused",
	// "connection timed out") is a suppressed exception of that error.
	private static String reason(Throwable error) {
		for (Throwable ex : chain(error)) {
			for (Throwable candidate : withSuppressed(ex)) {
				if (candidate instanceof ConnectException && candidate.getMessage() != null) {
					return candidate.getMessage().replaceFirst(": /\\S+$", "");
				}
			}
		}
		return (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
	}

	private static List<Throwable> withSuppressed(Throwable ex) {
		List<Throwable> all = new ArrayList<>();
		all.add(ex);
		all.addAll(Arrays.asList(ex.getSuppressed()));
		return all;
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").trim();
	}

}
