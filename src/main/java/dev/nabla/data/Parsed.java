package dev.nabla.data;

/** What one input record parsed into: a {@link ParsedRow} (no global index yet) or a {@link BadRow}. */
sealed interface Parsed permits ParsedRow, BadRow {}
