/**
 * Datasets as Comet sees them: CSV ingestion ({@link dev.comet.data.CsvDataset}), exact decimal
 * values ({@link dev.comet.data.RawDataset}), fixed-point quantisation
 * ({@link dev.comet.data.Quantizer}, {@link dev.comet.data.QuantizedDataset}) and a deterministic
 * synthetic generator for benchmarks ({@link dev.comet.data.SyntheticDataset}). Rows read to
 * apply a model, whose target is optional, are {@link dev.comet.data.RawFeatures} and
 * {@link dev.comet.data.QuantizedFeatures}.
 *
 * <p>Values never pass through {@code double} on their way to the field: text is parsed with
 * {@link java.math.BigDecimal} and rounded once, so the quantised integers (and with them the
 * dataset commitment) are the same on every platform. Bad input is reported as a
 * {@link dev.comet.data.DataException} whose message is one line naming file, line and column.
 */
package dev.comet.data;
