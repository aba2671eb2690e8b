package dev.cqlmigrations.core;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Checksums of migration scripts. The text is normalized first so that a script checked out with
 * Windows line endings, or saved by an editor that adds a byte order mark, keeps its checksum.
 */
final class Checksums {

	private Checksums() {
	}

	/**
	 * CRC32 of a script's text: UTF-8 bytes, without a leading BOM, line endings as {@code \n}.
	 * @param text the script's text
	 * @return the checksum
	 */
	public static int crc32(String text) {
		CRC32 crc = new CRC32();
		crc.update(normalize(text).getBytes(StandardCharsets.UTF_8));
		return (int) crc.getValue();
	}

	static String normalize(String text) {
		String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
		return withoutBom.replace("\r\n", "\n").replace('\r', '\n');
	}

}
