package dev.comet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvDatasetTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.write(file, content);
        return file;
    }

    private static BigDecimal[] decimals(String... values) {
        return Stream.of(values).map(BigDecimal::new).toArray(BigDecimal[]::new);
    }

    /** Reads and expects failure; checks the message is the location plus {@code problem}, on one line. */
    private DataException fails(Path file, String target, List<String> features, String location, String problem) {
        DataException e = assertThrows(DataException.class, () -> CsvDataset.read(file, target, features));
        assertEquals(file + location + ": " + problem, e.getMessage());
        assertEquals(problem, e.problem());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        return e;
    }

    @Test
    void readsTargetAndFeaturesExactly() throws Exception {
        Path file = file("a,b,y\n1,0.1,-2.50\n 3 ,1e2, +.5 \n");
        RawDataset data = CsvDataset.read(file, "y", List.of());
        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals("y", data.targetName());
        assertEquals(2, data.rows());
        assertEquals(2, data.numFeatures());
        assertArrayEquals(decimals("1", "3"), data.features()[0]);
        assertArrayEquals(decimals("0.1", "1e2"), data.features()[1]);
        assertArrayEquals(decimals("-2.50", "+.5"), data.targets());
        assertArrayEquals(new long[] {2, 3}, data.lines());
        assertEquals(file.toString(), data.source());
    }

    @Test
    void featuresInRequestedOrderAndUnusedColumnsAreNotParsed() throws Exception {
        Path file = file("name,x1,x2,x3,y\nford pinto,1,2,3,4\n\"chevy, malibu\",5,6,7,8\n");
        RawDataset data = CsvDataset.read(file, "y", List.of("x3", "x1"));
        assertEquals(List.of("x3", "x1"), data.featureNames());
        assertArrayEquals(decimals("3", "7"), data.features()[0]);
        assertArrayEquals(decimals("1", "5"), data.features()[1]);
        assertArrayEquals(decimals("4", "8"), data.targets());
    }

    @Test
    void targetMayBeAnyColumn() throws Exception {
        RawDataset data = CsvDataset.read(file("y,a,b\n1,2,3\n"), "y", List.of());
        assertEquals(List.of("a", "b"), data.featureNames());
        assertArrayEquals(decimals("1"), data.targets());
    }

    @Test
    void toleratesBomCrlfBlankLinesAndHeaderWhitespace() throws Exception {
        byte[] text = "\uFEFF a , y \r\n1,2\r\n\r\n   \r\n3,4\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        RawDataset data = CsvDataset.read(file(text), "y", List.of());
        assertEquals(List.of("a"), data.featureNames());
        assertArrayEquals(decimals("1", "3"), data.features()[0]);
        assertArrayEquals(new long[] {2, 5}, data.lines());
    }

    @Test
    void lineNumbersCountLineBreaksInsideQuotedFields() throws Exception {
        Path file = file("name,a,y\n\"two\nlines\",1,2\n\nx,3,\n");
        fails(file, "y", List.of("a"), ", line 5, column 'y'", "missing value");
    }

    @Test
    void lastRowWithoutLineBreak() throws Exception {
        RawDataset data = CsvDataset.read(file("a,y\n1,2\n3,4"), "y", List.of());
        assertArrayEquals(new long[] {2, 3}, data.lines());
        fails(file("a,y\n1,2\n3,"), "y", List.of(), ", line 3, column 'y'", "missing value");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.csv");
        DataException e = fails(missing, "y", List.of(), "", "file not found");
        assertEquals(OptionalLong.empty(), e.line());
    }

    @Test
    void directory() {
        fails(dir, "y", List.of(), "", "is a directory, not a CSV file");
    }

    @Test
    void emptyFiles() throws Exception {
        String problem = "file is empty (expected a header row of column names)";
        fails(file(""), "y", List.of(), "", problem);
        fails(file("\n\n  \n"), "y", List.of(), "", problem);
        fails(file(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), "y", List.of(), "", problem);
    }

    @Test
    void headerOnly() throws Exception {
        fails(file("a,y\n"), "y", List.of(), "", "no data rows (only a header on line 1)");
        fails(file("a,y"), "y", List.of(), "", "no data rows (only a header on line 1)");
    }

    @Test
    void duplicateAndEmptyColumnNames() throws Exception {
        fails(file("a,y,a\n1,2,3\n"), "y", List.of(), ", line 1, column 'a'",
                "duplicate column name (header columns 1 and 3)");
        fails(file("a, a ,y\n1,2,3\n"), "y", List.of(), ", line 1, column 'a'",
                "duplicate column name (header columns 1 and 2)");
        fails(file("a,,y\n1,2,3\n"), "y", List.of(), ", line 1", "header column 2 has no name");
    }

    @Test
    void unknownColumns() throws Exception {
        Path file = file("mpg,weight,year\n1,2,3\n");
        fails(file, "mpgg", List.of(), ", line 1, column 'mpgg'",
                "no such target column; the columns are mpg, weight, year");
        fails(file, "mpg", List.of("weight", "hp"), ", line 1, column 'hp'",
                "no such feature column; the columns are mpg, weight, year");
    }

    @Test
    void targetAlsoFeatureAndRepeatedFeature() throws Exception {
        Path file = file("mpg,weight,year\n1,2,3\n");
        fails(file, "mpg", List.of("weight", "mpg"), ", line 1, column 'mpg'",
                "is the target and cannot also be a feature");
        fails(file, "mpg", List.of("weight", "year", "weight"), ", line 1, column 'weight'",
                "listed twice as a feature");
    }

    @Test
    void onlyTheTargetColumn() throws Exception {
        fails(file("y\n1\n"), "y", List.of(), ", line 1", "no feature columns: the only column is the target 'y'");
    }

    @Test
    void missingValue() throws Exception {
        Path file = file("mpg,horsepower,weight\n18,130,3504\n15, ,3693\n");
        DataException e = fails(file, "mpg", List.of(), ", line 3, column 'horsepower'", "missing value");
        assertEquals(OptionalLong.of(3), e.line());
        assertEquals("horsepower", e.column().orElseThrow());
        assertEquals(file.toString(), e.file());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("abc", "'abc' is not a number"),
                Arguments.of("\"1,5\"", "'1,5' is not a number (use '.' as the decimal point)"),
                Arguments.of("1.2.3", "'1.2.3' is not a number"),
                Arguments.of("0x10", "'0x10' is not a number"),
                Arguments.of("1_000", "'1_000' is not a number"),
                Arguments.of("e5", "'e5' is not a number"),
                Arguments.of("-", "'-' is not a number"),
                Arguments.of("\u0661\u0662", "'\u0661\u0662' is not a number"),
                Arguments.of("NaN", "'NaN' is not a finite number"),
                Arguments.of("nan", "'nan' is not a finite number"),
                Arguments.of("inf", "'inf' is not a finite number"),
                Arguments.of("-inf", "'-inf' is not a finite number"),
                Arguments.of("+INF", "'+INF' is not a finite number"),
                Arguments.of("Infinity", "'Infinity' is not a finite number"),
                Arguments.of("-infinity", "'-infinity' is not a finite number"),
                Arguments.of("1e99999999999", "'1e99999999999' is out of range (exponent too large)"),
                Arguments.of("\"a\nb\"", "'a\\nb' is not a number"),
                Arguments.of("x".repeat(100), "'" + "x".repeat(37) + "...' is not a number"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValue(String field, String problem) throws Exception {
        Path file = file("a,y\n1,2\n3,4\n" + field + ",5\n");
        fails(file, "y", List.of(), ", line 4, column 'a'", problem);
    }

    @Test
    void raggedRows() throws Exception {
        fails(file("a,b,y\n1,2,3\n4,5\n"), "y", List.of(), ", line 3, column 'y'",
                "missing field: the row has 2 fields, the header has 3");
        fails(file("a,b,y\n1,2,3\n4,5,6,7\n"), "y", List.of(), ", line 3",
                "too many fields: the row has 4 fields, the header has 3");
        // a decimal comma outside quotes splits the field
        fails(file("a,y\n1,5,2\n"), "y", List.of(), ", line 2",
                "too many fields: the row has 3 fields, the header has 2");
        // also when the extra field is in a column that is not used
        fails(file("a,b,y\n1,2,3\n4,5,6,\n"), "y", List.of("a"), ", line 3",
                "too many fields: the row has 4 fields, the header has 3");
    }

    @Test
    void malformedCsvAndBadEncoding() throws Exception {
        fails(file("a,y\n1,2\n3,\"4\n"), "y", List.of(), ", line 3",
                "malformed CSV: EOF reached before encapsulated token finished");
        String problem = "not UTF-8 text (invalid byte sequence)";
        fails(file(new byte[] {'a', ',', 'y', '\r', '\n', '1', ',', (byte) 0xC3, '\n'}), "y", List.of(), ", line 2", problem);
        byte[] late = ("a,y\n" + "1,2\n".repeat(10_000) + "1,\"\r\r\" \n").getBytes(StandardCharsets.US_ASCII);
        late[late.length - 3] = (byte) 0xFF;
        fails(file(late), "y", List.of(), ", line 10004", problem);
    }

    @Test
    void readFeaturesWithTheTargetWhenTheFileHasIt() throws Exception {
        Path file = file("name,x2,y,x1\nford,1,2,3\n\n\"chevy, malibu\",4,5,6\n");
        RawFeatures data = CsvDataset.readFeatures(file, List.of("x1", "x2"), "y");
        assertEquals(List.of("x1", "x2"), data.featureNames());
        assertTrue(data.hasTarget());
        assertEquals("y", data.targetName());
        assertArrayEquals(decimals("3", "6"), data.features()[0]);
        assertArrayEquals(decimals("1", "4"), data.features()[1]);
        assertArrayEquals(decimals("2", "5"), data.targets());
        assertArrayEquals(new long[] {2, 4}, data.lines());
        assertEquals(file.toString(), data.source());

        RawFeatures noTarget = CsvDataset.readFeatures(file, List.of("x1", "x2"), null);
        assertFalse(noTarget.hasTarget());
        assertEquals(data.featureNames(), noTarget.featureNames());
        assertArrayEquals(data.features(), noTarget.features());
    }

    @Test
    void readFeaturesWithoutATargetColumn() throws Exception {
        RawFeatures data = CsvDataset.readFeatures(file("x1,x2\n1,2\n 3 , +.5 "), List.of("x2", "x1"), "y");
        assertFalse(data.hasTarget());
        assertNull(data.targetName());
        assertNull(data.targets());
        assertEquals(2, data.rows());
        assertArrayEquals(decimals("2", "+.5"), data.features()[0]);
        assertArrayEquals(decimals("1", "3"), data.features()[1]);
        assertArrayEquals(new long[] {2, 3}, data.lines());
        RawFeatures all = CsvDataset.readFeatures(file("b,a\n1,2\n"), List.of(), "y");
        assertEquals(List.of("b", "a"), all.featureNames());
        assertFalse(all.hasTarget());
    }

    /** Reads features and expects failure, as {@link #fails}. */
    private void featuresFail(Path file, List<String> features, String target, String location, String problem) {
        DataException e = assertThrows(DataException.class, () -> CsvDataset.readFeatures(file, features, target));
        assertEquals(file + location + ": " + problem, e.getMessage());
    }

    @Test
    void readFeaturesChecksOnlyTheHeaderCellsOfColumnsItReads() throws Exception {
        RawFeatures data = CsvDataset.readFeatures(file(",a,a,x1\n0,1,2,3\n"), List.of("x1"), "y");
        assertArrayEquals(decimals("3"), data.features()[0]);
        featuresFail(file("x1,x2,x1\n1,2,3\n"), List.of("x1", "x2"), "y", ", line 1, column 'x1'",
                "duplicate column name (header columns 1 and 3)");
        featuresFail(file("x1,y,x2,y\n1,2,3,4\n"), List.of("x1", "x2"), "y", ", line 1, column 'y'",
                "duplicate column name (header columns 2 and 4)");
        // every column is read when no features are named
        featuresFail(file(",x1\n0,1\n"), List.of(), "y", ", line 1", "header column 1 has no name");
        featuresFail(file("x,y,x\n0,1,2\n"), List.of(), null, ", line 1, column 'x'",
                "duplicate column name (header columns 1 and 3)");
    }

    @Test
    void readFeaturesFollowsTheReadingRules() throws Exception {
        featuresFail(file("x1,y\n1,2\n"), List.of("x1", "x2"), "y", ", line 1, column 'x2'",
                "no such feature column; the columns are x1, y");
        featuresFail(file("x1,x2\n1,2\n\n3\n"), List.of("x1", "x2"), "y", ", line 4, column 'x2'",
                "missing field: the row has 1 fields, the header has 2");
        featuresFail(file("x1,y\n1,\n"), List.of("x1"), "y", ", line 2, column 'y'", "missing value");
        featuresFail(file("x1,y\n1,\n"), List.of("x1", "y"), "y", ", line 1, column 'y'",
                "is the target and cannot also be a feature");
        featuresFail(file("x1\nNaN\n"), List.of("x1"), null, ", line 2, column 'x1'", "'NaN' is not a finite number");
        featuresFail(file("x1\n"), List.of("x1"), null, "", "no data rows (only a header on line 1)");
        featuresFail(file(""), List.of("x1"), null, "", "file is empty (expected a header row of column names)");
        featuresFail(file(new byte[] {'x', '\n', (byte) 0xC3, '\n'}), List.of("x"), null, ", line 2",
                "not UTF-8 text (invalid byte sequence)");
        featuresFail(dir.resolve("nope.csv"), List.of("x1"), null, "", "file not found");
    }
}
