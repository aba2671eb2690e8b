package dev.cqlmigrations.core;

import java.util.Arrays;

/**
 * Turns offsets in a text into 1-based line and column numbers, for messages that point at a
 * place in a script.
 */
final class LinePositions {

	private final int[] lineStarts;

	/**
	 * Indexes the lines of a text.
	 * @param text the text, with {@code \n} line endings
	 */
	LinePositions(String text) {
		int[] starts = new int[16];
		int count = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				if (count == starts.length) {
					starts = Arrays.copyOf(starts, count * 2);
				}
				starts[count++] = i + 1;
			}
		}
		this.lineStarts = Arrays.copyOf(starts, count);
	}

	/**
	 * The position of an offset.
	 * @param offset the offset in the text
	 * @return the line and the column, both from 1
	 */
	int[] lineAndColumn(int offset) {
		int index = Arrays.binarySearch(this.lineStarts, offset);
		int line = (index >= 0) ? index : -index - 2;
		return new int[] { line + 1, offset - this.lineStarts[line] + 1 };
	}

}
