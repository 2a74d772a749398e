package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.CsvDataset;
import dev.comet.data.QuantizedDataset;
import dev.comet.data.Quantizer;
import dev.comet.data.RawDataset;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The bundled demo data: its units, and the demo run on it (lr 0.01, batch 32, 20 epochs). */
class CarsTrainingTest {
    private static final List<String> FEATURES =
            List.of("cylinders", "displacement", "horsepower", "weight", "acceleration", "year");

    @Test
    void carsCsvIsTheRawFileInTheDocumentedUnits() throws Exception {
        RawDataset raw = CsvDataset.read(Datasets.dataFile("cars-raw.csv"), "mpg", List.of());
        RawDataset cars = CsvDataset.read(Datasets.dataFile("cars.csv"), "mpg", List.of());
        assertEquals(FEATURES, raw.featureNames());
        assertEquals(FEATURES, cars.featureNames());
        assertEquals(392, cars.rows());
        assertEquals(raw.rows(), cars.rows());
        int[] shift = {0, 2, 2, 3, 1, 1}; // divide by 10^shift (year after subtracting 1970)
        for (int row = 0; row < raw.rows(); row++) {
            assertEquals(0, raw.targets()[row].compareTo(cars.targets()[row]), "mpg, row " + (row + 1));
            for (int j = 0; j < FEATURES.size(); j++) {
                BigDecimal v = raw.features()[j][row];
                if (FEATURES.get(j).equals("year")) {
                    v = v.subtract(BigDecimal.valueOf(1970));
                }
                assertEquals(0, v.movePointLeft(shift[j]).compareTo(cars.features()[j][row]),
                        FEATURES.get(j) + ", row " + (row + 1));
            }
        }
    }

    @Test
    void demoRunConvergesCloseToTheFloat64Twin() throws Exception {
        QuantizedDataset data = new Quantizer().quantize(CsvDataset.read(Datasets.dataFile("cars.csv"), "mpg", List.of()));
        TrainingSpec spec = TrainingSpec.of("0.01", 32, 20, data.numFeatures());

        long start = System.nanoTime();
        TrainingResult result = FixedPointTrainer.train(data, spec);
        double millis = (System.nanoTime() - start) / 1e6;
        TrainingReport report = TrainingReport.of(data, spec, result.weights());

        System.out.printf(Locale.ROOT, "cars.csv, lr 0.01, batch 32, 20 epochs: fixed-point training took %.1f ms%n", millis);
        System.out.printf(Locale.ROOT, "  weights %s%n  fixed   %s%n  float64 %s%n  lstsq   %s%n", report.weightNames(),
                Arrays.toString(report.fixedRealWeights()), Arrays.toString(report.floatWeights()),
                Arrays.toString(report.leastSquaresWeights()));
        System.out.printf(Locale.ROOT, "  max |fixed - float64| = %.3g; MSE fixed %.4f, float64 %.4f, least squares %.4f%n",
                report.maxWeightGap(), report.fixedMse(), report.floatMse(), report.leastSquaresMse());

        assertEquals(13, result.batchesPerEpoch());
        assertTrue(report.maxWeightGap() < 1e-2, "gap " + report.maxWeightGap());
        assertEquals(report.floatMse(), report.fixedMse(), 0.05);
        // 20 epochs of plain SGD are far from converged; least squares is the floor.
        assertTrue(report.leastSquaresMse() < report.floatMse());
        assertTrue(report.fixedMse() < 40, "mse " + report.fixedMse()); // the variance of mpg is about 61
    }

    @Test
    void rawUnitsOverflowAtTheDemoLearningRate() throws Exception {
        QuantizedDataset data = new Quantizer().quantize(CsvDataset.read(Datasets.dataFile("cars-raw.csv"), "mpg", List.of()));
        TrainingOverflowException e = assertThrows(TrainingOverflowException.class,
                () -> FixedPointTrainer.train(data, TrainingSpec.of("0.01", 32, 20, data.numFeatures())));
        assertTrue(e.getMessage().startsWith("overflow at epoch 1, batch 1 (rows 1-32): weight 'weight' "), e.getMessage());
    }
}
