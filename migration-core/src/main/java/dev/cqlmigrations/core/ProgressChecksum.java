package dev.cqlmigrations.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Checksum of the first statements of a script, recorded with the progress of a run so that a
 * resumed run can tell whether the statements that already ran are still the same.
 */
final class ProgressChecksum {

	private final CRC32 crc = new CRC32();

	private ProgressChecksum() {
	}

	static ProgressChecksum start() {
		return new ProgressChecksum();
	}

	/**
	 * Checksum of the first {@code count} statements.
	 * @param statements the statements
	 * @param count how many
	 * @return the checksum
	 */
	static int of(List<CqlStatement> statements, int count) {
		ProgressChecksum checksum = start();
		for (int i = 0; i < count; i++) {
			checksum.add(statements.get(i));
		}
		return checksum.value();
	}

	ProgressChecksum add(CqlStatement statement) {
		this.crc.update(statement.cql().getBytes(StandardCharsets.UTF_8));
		this.crc.update('\n');
		return this;
	}

	int value() {
		return (int) this.crc.getValue();
	}

}
