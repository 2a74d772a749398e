package dev.comet.data;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A dataset that cannot be used, with a message fit to show a user as is.
 *
 * <p>The message is always one line of the form {@code <file>[, line <n>][, column '<name>']:
 * <problem>}, e.g. {@code data/cars.csv, line 14, column 'horsepower': missing value}. Lines are
 * 1-based and count the header as line 1. Control characters from the input (a quoted field may
 * hold a line break) are escaped and long values are shortened, so printing the message never
 * breaks a terminal line.
 */
public final class DataException extends Exception {
    private static final int MAX_QUOTED = 40;

    private final String file;
    private final long line;
    private final String column;
    private final String problem;

    /**
     * @param file    the file (or other source) the data came from
     * @param line    1-based line, or 0 if the problem is not tied to a line
     * @param column  column name, or {@code null} if the problem is not tied to a column
     * @param problem what is wrong, without the location
     */
    public DataException(String file, long line, String column, String problem) {
        this(file, line, column, problem, null);
    }

    /** A problem with the file as a whole (missing, unreadable, empty). */
    public DataException(String file, String problem, Throwable cause) {
        this(file, 0, null, problem, cause);
    }

    private DataException(String file, long line, String column, String problem, Throwable cause) {
        super(format(file, line, column, problem), cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + line);
        }
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public String file() {
        return file;
    }

    /** The 1-based line, if the problem is tied to one. */
    public OptionalLong line() {
        return line == 0 ? OptionalLong.empty() : OptionalLong.of(line);
    }

    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** The problem without its location. */
    public String problem() {
        return problem;
    }

    private static String format(String file, long line, String column, String problem) {
        StringBuilder sb = new StringBuilder(escape(file));
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column ").append(quote(column));
        }
        return sb.append(": ").append(escape(problem)).toString();
    }

    /**
     * Quotes a value from the input for a message: single quotes, control characters escaped,
     * shortened to about 40 characters.
     */
    static String quote(String value) {
        if (value.length() <= MAX_QUOTED) {
            return "'" + escape(value) + "'";
        }
        int cut = MAX_QUOTED - 3;
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--;
        }
        return "'" + escape(value.substring(0, cut)) + "...'";
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
