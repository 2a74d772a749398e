package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.comet.data.CsvDataset;
import dev.comet.data.Quantizer;
import dev.comet.data.QuantizedDataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The native trainer and the trace generator are two implementations of one spec: bit for bit. */
class TraceMatchesTrainerTest {
    private static long[] traceWeights(QuantizedDataset data, TrainingSpec spec) {
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        long[] w0 = spec.initialWeights();
        TrainingStatement statement = new TrainingStatement(commitment.root(), data.rows(), data.numFeatures(),
                data.fractionBits(), data.featureNames(), data.targetName(), spec.learningRateQ(), spec.batchSize(),
                spec.epochs(), w0, w0);
        return TrainingTrace.build(statement, commitment, data).finalWeights();
    }

    @ParameterizedTest(name = "{0} rows x {1} features, batch {2}, {3} epochs, lr {4}")
    @CsvSource({"20, 1, 4, 1, 0.1", "37, 3, 8, 2, 0.05", "100, 2, 7, 3, 0.01", "64, 4, 64, 1, 0.2", "10, 5, 3, 4, 0.03",
        "5, 2, 16, 3, 0.5", "200, 8, 1, 1, 0.001"})
    void syntheticRunsAgree(int rows, int features, int batch, int epochs, String lr) throws Exception {
        QuantizedDataset data = TrainingProofTest.synthetic(rows, features, rows + 7L * features);
        TrainingSpec spec = TrainingSpec.of(lr, batch, epochs, features);
        assertArrayEquals(FixedPointTrainer.train(data, spec).weights(), traceWeights(data, spec));
    }

    @Test
    void bundledCarsRunAgrees() throws Exception {
        QuantizedDataset data = new Quantizer().quantize(CsvDataset.read(Path.of("../data/cars.csv"), "mpg", List.of()));
        TrainingSpec spec = TrainingSpec.of("0.01", 32, 20, data.numFeatures());
        assertArrayEquals(FixedPointTrainer.train(data, spec).weights(), traceWeights(data, spec));
    }
}
