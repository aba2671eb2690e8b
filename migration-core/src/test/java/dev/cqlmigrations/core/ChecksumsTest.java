package dev.cqlmigrations.core;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Checksums}.
 */
class ChecksumsTest {

	@Test
	void isCrc32OfUtf8Bytes() {
		String text = "CREATE TABLE t (k int PRIMARY KEY); -- Grüße";
		CRC32 crc = new CRC32();
		crc.update(text.getBytes(StandardCharsets.UTF_8));
		assertThat(Checksums.crc32(text)).isEqualTo((int) crc.getValue());
	}

	@Test
	void knownValue() {
		// CRC32 check value of the standard test vector.
		assertThat(Checksums.crc32("123456789")).isEqualTo(0xCBF43926);
	}

	@Test
	void ignoresLineEndingsAndByteOrderMark() {
		int unix = Checksums.crc32("DROP TABLE a;\nDROP TABLE b;\n");
		assertThat(Checksums.crc32("DROP TABLE a;\r\nDROP TABLE b;\r\n")).isEqualTo(unix);
		assertThat(Checksums.crc32("DROP TABLE a;\rDROP TABLE b;\r")).isEqualTo(unix);
		assertThat(Checksums.crc32("\uFEFFDROP TABLE a;\r\nDROP TABLE b;\n")).isEqualTo(unix);
	}

	@Test
	void changesWithContent() {
		assertThat(Checksums.crc32("DROP TABLE a;")).isNotEqualTo(Checksums.crc32("DROP TABLE b;"));
		assertThat(Checksums.crc32("DROP TABLE a;")).isNotEqualTo(Checksums.crc32("DROP TABLE a; "));
		assertThat(Checksums.crc32("a\n\nb")).isNotEqualTo(Checksums.crc32("a\nb"));
	}

	@Test
	void onlyLeadingByteOrderMarkIsRemoved() {
		assertThat(Checksums.crc32("a\uFEFF")).isNotEqualTo(Checksums.crc32("a"));
	}

	@Test
	void emptyText() {
		assertThat(Checksums.crc32("")).isZero();
		assertThat(Checksums.crc32("\uFEFF")).isZero();
	}

}
