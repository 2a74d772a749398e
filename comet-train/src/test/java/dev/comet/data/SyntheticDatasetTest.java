package dev.comet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {
    @TempDir
    Path dir;

    @Test
    void deterministicAndSeedDependent() {
        RawDataset a = SyntheticDataset.generate(50, 3, 7);
        assertEquals(a, SyntheticDataset.generate(50, 3, 7));
        assertNotEquals(a, SyntheticDataset.generate(50, 3, 8));
        assertEquals(List.of("x1", "x2", "x3"), a.featureNames());
        assertEquals("y", a.targetName());
        assertEquals("synthetic(rows=50, features=3, seed=7)", a.source());
        assertEquals(2, a.lines()[0]);
        assertEquals(51, a.lines()[49]);
    }

    @Test
    void pinnedValues() {
        // Guards against accidental changes to the generator: benchmark datasets are named by seed.
        RawDataset data = SyntheticDataset.generate(2, 2, 42);
        SyntheticDataset.LinearRelation relation = SyntheticDataset.relation(2, 42);
        assertEquals(relation, SyntheticDataset.relation(2, 42));
        StringBuilder values = new StringBuilder();
        for (int r = 0; r < 2; r++) {
            values.append(data.features()[0][r]).append(' ').append(data.features()[1][r]).append(' ')
                    .append(data.targets()[r]).append('\n');
        }
        assertEquals(PINNED, relation + "\n" + values);
    }

    private static final String PINNED = """
            LinearRelation[weights=[0.656, 0.944], bias=-0.916]
            0.0167 0.5378 -0.4540
            0.1545 0.4367 -0.4655
            """;

    @Test
    void followsTheRelationWithin0Point1() {
        int rows = 200;
        int features = 5;
        RawDataset data = SyntheticDataset.generate(rows, features, 3);
        SyntheticDataset.LinearRelation relation = SyntheticDataset.relation(features, 3);
        BigDecimal limit = new BigDecimal("3.4640");
        double sumSquares = 0;
        for (int r = 0; r < rows; r++) {
            BigDecimal y = relation.bias();
            for (int j = 0; j < features; j++) {
                BigDecimal x = data.features()[j][r];
                assertEquals(SyntheticDataset.DECIMALS, x.scale());
                assertTrue(x.abs().compareTo(limit) <= 0, x::toString);
                y = y.add(relation.weights().get(j).multiply(x));
                sumSquares += x.doubleValue() * x.doubleValue();
            }
            BigDecimal noise = data.targets()[r].subtract(y.setScale(SyntheticDataset.DECIMALS, RoundingMode.HALF_EVEN));
            assertTrue(noise.abs().compareTo(new BigDecimal("0.1")) <= 0, noise::toString);
            assertEquals(SyntheticDataset.DECIMALS, data.targets()[r].scale());
        }
        double variance = sumSquares / (rows * features);
        assertTrue(variance > 0.8 && variance < 1.2, "feature variance " + variance);
    }

    @Test
    void roundTripsThroughCsv() throws Exception {
        RawDataset data = SyntheticDataset.generate(300, 4, 11);
        Path file = dir.resolve("synthetic.csv");
        SyntheticDataset.writeCsv(data, file);
        assertTrue(Files.readString(file).startsWith("x1,x2,x3,x4,y\n"));
        RawDataset back = CsvDataset.read(file, "y", List.of());
        assertEquals(data.featureNames(), back.featureNames());
        assertEquals(data.targetName(), back.targetName());
        assertArrayEquals(data.features(), back.features());
        assertArrayEquals(data.targets(), back.targets());
        assertArrayEquals(data.lines(), back.lines());
        Quantizer quantizer = new Quantizer();
        assertEquals(quantizer.quantize(data), quantizer.quantize(back));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList()); // no temporary file left behind
        }
    }

    @Test
    void widestDatasetQuantises() throws Exception {
        RawDataset data = SyntheticDataset.generate(3, SyntheticDataset.MAX_FEATURES, 1);
        assertEquals(SyntheticDataset.MAX_FEATURES, new Quantizer().quantize(data).numFeatures());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.generate(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.generate(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.generate(1, SyntheticDataset.MAX_FEATURES + 1, 1));
    }

    @Test
    void uniformCoversItsRangeOnly() {
        SplittableRandom random = new SplittableRandom(5);
        int[] counts = new int[7];
        for (int i = 0; i < 7000; i++) {
            counts[(int) SyntheticDataset.uniform(random, -3, 3) + 3]++;
        }
        for (int count : counts) {
            assertTrue(count > 850 && count < 1150, () -> java.util.Arrays.toString(counts));
        }
    }
}
