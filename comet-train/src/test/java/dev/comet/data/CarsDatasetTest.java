package dev.comet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled Auto MPG file in raw units (data/cars-raw.csv) reads and quantises with the defaults. */
class CarsDatasetTest {
    static Path carsCsv() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data/cars-raw.csv");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/cars-raw.csv not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void readsAllRowsAndColumns() throws Exception {
        RawDataset raw = CsvDataset.read(carsCsv(), "mpg", List.of());
        assertEquals(392, raw.rows());
        assertEquals(List.of("cylinders", "displacement", "horsepower", "weight", "acceleration", "year"),
                raw.featureNames());
        assertEquals(7, raw.numFeatures() + 1);

        QuantizedDataset data = new Quantizer().quantize(raw);
        assertEquals(new DataShape(392, 6, 16, raw.featureNames(), "mpg"), data.shape());
        assertEquals(18.0, data.target(0));       // chevrolet chevelle malibu
        assertEquals(3504.0, data.feature(3, 0));
        assertEquals(11.5, data.feature(4, 1));   // buick skylark 320
        for (int row = 0; row < data.rows(); row++) {
            assertTrue(data.target(row) > 0);
            assertTrue(data.feature(5, row) >= 1970 && data.feature(5, row) <= 1982);
        }
    }
}
