package dev.comet.train;

/**
 * A value of a training run left the range that {@code docs/TRAINING.md} allows, so the run
 * stops instead of producing weights whose arithmetic a proof could not vouch for.
 *
 * <p>The message is one line, fit to show a user as is. Epochs and batches are numbered from 1
 * and rows are data rows numbered from 1 (the first row after a CSV header is row 1), e.g.
 * {@code overflow at epoch 3, batch 7, row 230: prediction 40211.5 is outside |pred| < 32768}.
 * Values and bounds are given in real units ({@code q / 2^16}).
 */
public final class TrainingOverflowException extends Exception {
    public TrainingOverflowException(String message) {
        super(message);
    }

    /** A breach while processing one sample; {@code epoch}, {@code batch} and {@code row} are 0-based. */
    static TrainingOverflowException atSample(int epoch, int batch, int row, String quantity, long value, String bound) {
        return new TrainingOverflowException("overflow at epoch " + (epoch + 1) + ", batch " + (batch + 1)
                + ", row " + (row + 1L) + ": " + quantity + " " + FixedPointStep.format(value) + " is outside " + bound);
    }

    /** A weight out of range after the update of a batch of rows {@code [firstRow, firstRow + m)}, all 0-based. */
    static TrainingOverflowException atUpdate(int epoch, int batch, int firstRow, int m, String weight, long value) {
        // weight is e.g. "weight 'horsepower'" or "bias", already quoted
        String rows = m == 1 ? "row " + (firstRow + 1L) : "rows " + (firstRow + 1L) + "-" + ((long) firstRow + m);
        return new TrainingOverflowException("overflow at epoch " + (epoch + 1) + ", batch " + (batch + 1)
                + " (" + rows + "): " + weight + " " + FixedPointStep.format(value) + " is outside |w| < "
                + FixedPointStep.format(FixedPointStep.WEIGHT_BOUND));
    }

    /** A feature or target out of range before training; {@code row} is 0-based. */
    static TrainingOverflowException inData(int row, String column, long value, String symbol) {
        return new TrainingOverflowException("data out of range at row " + (row + 1L) + ", column " + quote(column) + ": value "
                + FixedPointStep.format(value) + " is outside |" + symbol + "| < "
                + FixedPointStep.format(FixedPointStep.DATA_BOUND));
    }

    /** {@code 'name'} with control characters escaped, so that a column name cannot break the line. */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder("'");
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('\'').toString();
    }
}
