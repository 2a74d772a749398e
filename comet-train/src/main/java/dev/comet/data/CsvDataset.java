package dev.comet.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes numeric CSV datasets.
 *
 * <p>The format is RFC 4180 CSV in UTF-8 (a leading byte order mark is skipped) with a header
 * row of distinct, non-empty column names. Every row has exactly as many fields as the header;
 * blank lines are skipped. A used value is a plain decimal such as {@code 12}, {@code -0.5},
 * {@code .25} or {@code 1.5e3}, with surrounding whitespace ignored, and is kept exactly as a
 * {@link BigDecimal}; columns that are neither target nor feature are not parsed, so a file may
 * carry text columns such as names. Anything else is a {@link DataException} naming the file,
 * the 1-based line (the header is line 1) and the column.
 *
 * <p>Training reads with {@link #read}; applying a model to new rows reads with
 * {@link #readFeatures}, where the target column may be missing and only the header cells of
 * the columns read need to be names.
 */
public final class CsvDataset {
    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(false) // skipped here instead, so that line numbers stay exact
            .build();
    private static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder()
            .setRecordSeparator('\n')
            .build();
    /** ASCII decimal with optional sign, fraction and exponent; BigDecimal alone would also take non-ASCII digits. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]*,[0-9]+");
    private static final int MAX_LISTED_COLUMNS = 20;
    /** Larger files with bad UTF-8 get an error without a line number. */
    private static final long MAX_RESCAN_BYTES = 256L << 20;

    private CsvDataset() {
    }

    /**
     * Reads {@code target} and {@code features} from {@code file}.
     *
     * @param file     a CSV file with a header row
     * @param target   the target column's name
     * @param features feature column names in the order wanted; empty for every column but the
     *                 target, in file order
     * @throws DataException if the file cannot be read or any rule above is broken; the message
     *                       is one line
     */
    public static RawDataset read(Path file, String target, List<String> features) throws DataException {
        RawFeatures data = read(file, features, Objects.requireNonNull(target, "target"), true);
        return new RawDataset(data.source(), data.featureNames(), data.targetName(), data.features(), data.targets(),
                data.lines());
    }

    /** A dataset whose target column holds class labels, read as their indices in {@code classes}. */
    public record Classified(RawDataset data, ClassLabels classes) {
    }

    /**
     * Reads a class target and {@code features} from {@code file}: as {@link #read}, except that
     * the target column holds class labels (any non-empty text, or integers), which become the
     * indices {@code 0..K-1} of {@link ClassLabels#of} the file's labels.
     *
     * @throws DataException as {@link #read}, and when the target has fewer than 2 or more than
     *                       {@link ClassLabels#MAX_CLASSES} classes
     */
    public static Classified readClassified(Path file, String target, List<String> features) throws DataException {
        return readClassified(file, target, features, null);
    }

    /**
     * As {@link #readClassified(Path, String, List)} with the classes given instead of found: every
     * label must be one of {@code classes}, which need not all occur (to recompute the commitment
     * of a classifier's training data, for instance).
     */
    public static Classified readClassified(Path file, String target, List<String> features, ClassLabels classes)
            throws DataException {
        Objects.requireNonNull(target, "target");
        if (classes != null && classes.isEmpty()) {
            throw new IllegalArgumentException("a class target needs classes");
        }
        Reading reading = new Reading(file, target, List.copyOf(features), true, classes);
        RawFeatures data = run(reading);
        return new Classified(new RawDataset(data.source(), data.featureNames(), data.targetName(), data.features(),
                data.targets(), data.lines()), reading.classes);
    }

    /**
     * As {@link #readFeatures}, for a classifier's rows: the target column, when the file has it,
     * holds labels of {@code classes}, read as their indices; any other label is an error.
     */
    public static RawFeatures readFeatures(Path file, List<String> features, String target, ClassLabels classes)
            throws DataException {
        return run(new Reading(file, target, List.copyOf(features), false, classes));
    }

    /**
     * Reads {@code features} from {@code file}, and {@code target} too if the file has that
     * column. The rules are those of {@link #read} except for the header: its cells must be
     * distinct, non-empty names only where they name a column that is read (all of them when
     * {@code features} is empty), so a file may carry, say, an unnamed index column.
     *
     * @param file     a CSV file with a header row
     * @param features feature column names in the order wanted, each of which the file must have;
     *                 empty for every column but the target, in file order
     * @param target   the target column's name, read when the file has it; {@code null} to read no target
     * @return the values, with a target exactly when {@code target} is given and the file has it
     * @throws DataException as {@link #read}
     */
    public static RawFeatures readFeatures(Path file, List<String> features, String target) throws DataException {
        return read(file, features, target, false);
    }

    /** {@code training}: the target column is required and every header cell must be a distinct name. */
    private static RawFeatures read(Path file, List<String> features, String target, boolean training) throws DataException {
        return run(new Reading(file, target, List.copyOf(features), training, ClassLabels.NONE));
    }

    private static RawFeatures run(Reading reading) throws DataException {
        try (BufferedReader reader = open(reading.path, reading.file)) {
            return reading.run(reader);
        } catch (IOException e) { // from close(); reading errors are handled inside
            throw new DataException(reading.file, "cannot read file: " + describe(e), e);
        }
    }

    /**
     * Writes {@code data} as CSV with the header {@code features..., target} and every value in
     * plain decimal notation, so that {@link #read} gives the same values back (with the same
     * scale). The file is written next to its final name and then renamed into place.
     */
    public static void write(RawDataset data, Path file) throws IOException {
        dev.comet.files.AtomicFiles.write(file, stream -> {
            Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
            try (CSVPrinter printer = new CSVPrinter(out, WRITE_FORMAT)) {
                List<String> header = new ArrayList<>(data.featureNames());
                header.add(data.targetName());
                printer.printRecord(header);
                String[] row = new String[header.size()];
                for (int r = 0; r < data.rows(); r++) {
                    for (int f = 0; f < data.numFeatures(); f++) {
                        row[f] = data.features()[f][r].toPlainString();
                    }
                    row[row.length - 1] = data.targets()[r].toPlainString();
                    printer.printRecord((Object[]) row);
                }
            }
        });
    }

    private static BufferedReader open(Path file, String name) throws DataException {
        if (Files.isDirectory(file)) {
            throw new DataException(name, "is a directory, not a CSV file", null);
        }
        try {
            // newBufferedReader reports malformed UTF-8 instead of replacing it
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (NoSuchFileException e) {
            throw new DataException(name, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new DataException(name, "permission denied", e);
        } catch (CharacterCodingException e) {
            throw encodingError(file);
        } catch (IOException e) {
            throw new DataException(name, "cannot read file: " + describe(e), e);
        }
    }

    /**
     * The decoder works a buffer ahead of the parser, so the line of a bad byte sequence is
     * found by decoding the bytes again (this happens only on the error path).
     */
    private static DataException encodingError(Path file) {
        String problem = "not UTF-8 text (invalid byte sequence)";
        try {
            if (Files.size(file) <= MAX_RESCAN_BYTES) {
                byte[] bytes = Files.readAllBytes(file);
                ByteBuffer in = ByteBuffer.wrap(bytes);
                CharBuffer out = CharBuffer.allocate(8192);
                CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
                CoderResult result;
                do {
                    out.clear();
                    result = decoder.decode(in, out, true);
                } while (result.isOverflow());
                if (result.isError()) {
                    return new DataException(file.toString(), lineAt(bytes, in.position()), null, problem);
                }
            }
        } catch (IOException e) {
            // report without a line
        }
        return new DataException(file.toString(), 0, null, problem);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** 1-based line of byte {@code offset}, counting LF, CRLF and lone CR as line breaks like the parser. */
    private static long lineAt(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /** One pass over one file; holds the state that error messages need. */
    private static final class Reading {
        private final Path path;
        private final String file;
        private final String target; // null: none
        private final List<String> features;
        private final boolean training;
        /** The target's classes: NONE for a numeric target, null while they are still to be found from the file. */
        private ClassLabels classes;
        private CSVParser parser;
        private Iterator<CSVRecord> records;
        private long line; // 1-based line of the record last returned by next()

        Reading(Path path, String target, List<String> features, boolean training, ClassLabels classes) {
            this.path = path;
            this.file = path.toString();
            this.target = target;
            this.features = features;
            this.training = training;
            this.classes = classes;
        }

        private boolean classTarget() {
            return classes == null || !classes.isEmpty();
        }

        RawFeatures run(BufferedReader reader) throws DataException {
            try {
                parser = READ_FORMAT.parse(reader);
            } catch (IOException e) {
                throw new DataException(file, "cannot read file: " + describe(e), e);
            }
            records = parser.iterator();

            CSVRecord headerRecord = next();
            if (headerRecord == null) {
                throw new DataException(file, 0, null, "file is empty (expected a header row of column names)");
            }
            long headerLine = line;
            List<String> header = header(headerRecord, headerLine, training || features.isEmpty());
            int targetIndex = target == null ? -1 : columnIndex(header, target, "target", training, headerLine);
            int[] featureIndex = featureIndexes(header, targetIndex, headerLine);
            int width = featureIndex.length + (targetIndex < 0 ? 0 : 1);

            // used[c] = position of file column c in the output (features..., target), or -1
            int[] used = new int[header.size()];
            Arrays.fill(used, -1);
            for (int f = 0; f < featureIndex.length; f++) {
                used[featureIndex[f]] = f;
            }
            if (targetIndex >= 0) {
                used[targetIndex] = featureIndex.length;
            }

            List<BigDecimal[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            long[] lines = new long[64];
            for (CSVRecord record = next(); record != null; record = next()) {
                if (record.size() < header.size()) {
                    throw new DataException(file, line, header.get(record.size()), "missing field: the row has "
                            + record.size() + " fields, the header has " + header.size());
                }
                if (record.size() > header.size()) {
                    throw new DataException(file, line, null, "too many fields: the row has "
                            + record.size() + " fields, the header has " + header.size());
                }
                BigDecimal[] values = new BigDecimal[width];
                for (int c = 0; c < used.length; c++) {
                    if (c == targetIndex && classTarget()) {
                        labels.add(label(record.get(c), header.get(c)));
                    } else if (used[c] >= 0) {
                        values[used[c]] = parseValue(record.get(c), header.get(c));
                    }
                }
                if (rows.size() == lines.length) {
                    lines = Arrays.copyOf(lines, lines.length * 2);
                }
                lines[rows.size()] = line;
                rows.add(values);
            }
            if (rows.isEmpty()) {
                throw new DataException(file, 0, null, "no data rows (only a header on line " + headerLine + ")");
            }
            if (targetIndex >= 0 && classTarget()) {
                setClassIndexes(rows, labels, lines, featureIndex.length);
            }
            return transpose(rows, lines, featureIndex, header, targetIndex);
        }

        /** The next non-blank record, or null at the end; sets {@link #line}. */
        private CSVRecord next() throws DataException {
            while (true) {
                // The parser counts line breaks consumed so far and reads no further than the
                // end of a record, so the record about to be read starts on the next line.
                long start = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        return null;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    throw readError(start, e.getCause());
                } catch (IllegalStateException e) {
                    throw readError(start, e);
                }
                line = start;
                if (!(record.size() == 1 && record.get(0).isBlank())) {
                    return record;
                }
            }
        }

        private DataException readError(long start, Throwable cause) {
            if (cause instanceof CharacterCodingException) {
                return encodingError(path);
            }
            String detail = String.valueOf(cause.getMessage()).replaceFirst("^\\(startline \\d+\\)\\s*", "");
            return new DataException(file, start, null, "malformed CSV: " + detail);
        }

        /** The header's names, stripped; {@code check}: every cell must be a distinct, non-empty name. */
        private List<String> header(CSVRecord record, long headerLine, boolean check) throws DataException {
            List<String> names = new ArrayList<>(record.size());
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < record.size(); c++) {
                String name = record.get(c).strip();
                if (check && name.isEmpty()) {
                    throw new DataException(file, headerLine, null, "header column " + (c + 1) + " has no name");
                }
                Integer previous = seen.putIfAbsent(name, c);
                if (check && previous != null) {
                    throw duplicate(name, previous, c, headerLine);
                }
                names.add(name);
            }
            return names;
        }

        private DataException duplicate(String name, int first, int second, long headerLine) {
            return new DataException(file, headerLine, name, "duplicate column name (header columns "
                    + (first + 1) + " and " + (second + 1) + ")");
        }

        /** The column named {@code name}, or -1 if there is none and it is not {@code required}. */
        private int columnIndex(List<String> header, String name, String role, boolean required, long headerLine)
                throws DataException {
            int index = header.indexOf(name);
            if (index < 0) {
                if (!required) {
                    return -1;
                }
                throw new DataException(file, headerLine, name, "no such " + role + " column; the columns are "
                        + listColumns(header));
            }
            int again = header.subList(index + 1, header.size()).indexOf(name); // if the header was not checked
            if (again >= 0) {
                throw duplicate(name, index, index + 1 + again, headerLine);
            }
            return index;
        }

        private int[] featureIndexes(List<String> header, int targetIndex, long headerLine) throws DataException {
            if (features.isEmpty()) {
                int[] all = new int[header.size() - (targetIndex < 0 ? 0 : 1)];
                if (all.length == 0) {
                    throw new DataException(file, headerLine, null, "no feature columns: the only column is the target "
                            + DataException.quote(target));
                }
                for (int c = 0, f = 0; c < header.size(); c++) {
                    if (c != targetIndex) {
                        all[f++] = c;
                    }
                }
                return all;
            }
            int[] indexes = new int[features.size()];
            for (int f = 0; f < features.size(); f++) {
                String feature = features.get(f);
                if (feature.equals(target)) {
                    throw new DataException(file, headerLine, feature, "is the target and cannot also be a feature");
                }
                if (features.subList(0, f).contains(feature)) {
                    throw new DataException(file, headerLine, feature, "listed twice as a feature");
                }
                indexes[f] = columnIndex(header, feature, "feature", true, headerLine);
            }
            return indexes;
        }

        private BigDecimal parseValue(String field, String column) throws DataException {
            String text = field.strip();
            if (text.isEmpty()) {
                throw new DataException(file, line, column, "missing value");
            }
            if (DECIMAL.matcher(text).matches()) {
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) { // exponent beyond int range
                    throw new DataException(file, line, column, DataException.quote(text) + " is out of range (exponent too large)");
                }
            }
            String word = text.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            if (word.equals("nan") || word.equals("inf") || word.equals("infinity")) {
                throw new DataException(file, line, column, DataException.quote(text) + " is not a finite number");
            }
            String hint = DECIMAL_COMMA.matcher(text).matches() ? " (use '.' as the decimal point)" : "";
            throw new DataException(file, line, column, DataException.quote(text) + " is not a number" + hint);
        }

        private String label(String field, String column) throws DataException {
            String text = field.strip();
            // Also space characters that strip() keeps (such as U+00A0): a label nobody can see is no label.
            if (text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                throw new DataException(file, line, column, "missing class label");
            }
            if (ClassLabels.canonical(text).length() > ClassLabels.MAX_LABEL_LENGTH) {
                throw new DataException(file, line, column, "class label longer than " + ClassLabels.MAX_LABEL_LENGTH
                        + " characters");
            }
            return text;
        }

        /** Finds the classes if they are not given, and writes each row's class index as its target. */
        private void setClassIndexes(List<BigDecimal[]> rows, List<String> labels, long[] lines, int targetSlot)
                throws DataException {
            if (classes == null) {
                java.util.LinkedHashSet<String> distinct = new java.util.LinkedHashSet<>();
                for (String label : labels) {
                    // checked as the set grows, so that a numeric column named by mistake fails early
                    if (distinct.add(label) && distinct.size() > ClassLabels.MAX_CLASSES) {
                        classesOf(distinct);
                    }
                }
                classes = classesOf(distinct);
                if (classes.count() < 2) {
                    throw new DataException(file, 0, target, "has only one class, " + DataException.quote(classes.label(0))
                            + "; a classifier needs at least 2");
                }
            }
            for (int r = 0; r < rows.size(); r++) {
                java.util.Optional<Integer> k = classes.indexOf(labels.get(r));
                if (k.isEmpty()) {
                    throw new DataException(file, lines[r], target, DataException.quote(labels.get(r))
                            + " is not one of the model's classes " + quoted(classes));
                }
                rows.get(r)[targetSlot] = BigDecimal.valueOf(k.get());
            }
        }

        private static String quoted(ClassLabels classes) {
            return classes.labels().stream().map(DataException::quote).collect(java.util.stream.Collectors.joining(", ",
                    "(", ")"));
        }

        private ClassLabels classesOf(java.util.Set<String> labels) throws DataException {
            try {
                return ClassLabels.of(labels);
            } catch (IllegalArgumentException e) {
                throw new DataException(file, 0, target, "has more than " + ClassLabels.MAX_CLASSES
                        + " classes, the most a classifier supports");
            }
        }

        private RawFeatures transpose(List<BigDecimal[]> rows, long[] lines, int[] featureIndex,
                                      List<String> header, int targetIndex) {
            int n = rows.size();
            BigDecimal[][] columns = new BigDecimal[featureIndex.length][n];
            BigDecimal[] targets = targetIndex < 0 ? null : new BigDecimal[n];
            for (int r = 0; r < n; r++) {
                BigDecimal[] values = rows.get(r);
                for (int f = 0; f < featureIndex.length; f++) {
                    columns[f][r] = values[f];
                }
                if (targets != null) {
                    targets[r] = values[featureIndex.length];
                }
            }
            List<String> featureNames = new ArrayList<>(featureIndex.length);
            for (int index : featureIndex) {
                featureNames.add(header.get(index));
            }
            return new RawFeatures(file, featureNames, targetIndex < 0 ? null : header.get(targetIndex), columns, targets,
                    Arrays.copyOf(lines, n));
        }

        private static String listColumns(List<String> header) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < Math.min(header.size(), MAX_LISTED_COLUMNS); c++) {
                sb.append(c == 0 ? "" : ", ").append(header.get(c));
            }
            if (header.size() > MAX_LISTED_COLUMNS) {
                sb.append(", ... (").append(header.size()).append(" in all)");
            }
            return sb.toString();
        }
    }
}
