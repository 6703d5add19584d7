package org.sipbridge.script.parse;

/**
 * A string literal after escape decoding, with the file offset of every decoded character
 * so that pseudo-variables found inside it get their real line and column.
 *
 * @param sourceOffsets {@code sourceOffsets[i]} is where {@code value.charAt(i)} came from;
 *                      one extra entry holds the closing quote's offset
 * @param source        the file the string was read from (an included file has its own)
 */
record DecodedString(String value, int[] sourceOffsets, SourceText source) {
}
