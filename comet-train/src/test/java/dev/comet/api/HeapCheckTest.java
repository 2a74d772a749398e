package dev.comet.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.ClassLabels;
import dev.comet.proof.ProofOptions;
import dev.comet.train.DataMoments;
import dev.comet.train.LearningCurve;
import dev.comet.train.ModelKind;
import dev.comet.train.SeededInit;
import dev.comet.train.Network;
import dev.comet.train.Standardization;
import dev.comet.train.TrainingStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-flight heap check: a run whose proof cannot fit the JVM's heap is refused before any work. */
class HeapCheckTest {
    private static TrainingStatement mlp(int features, int hidden, int classes, int rows) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("f" + j);
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            labels.add("c" + k);
        }
        long[] w = SeededInit.weights(1, new Network(features, List.of(hidden), classes));
        return new TrainingStatement(new byte[32], rows, features, 16, names, "y", ModelKind.MLP, ClassLabels.of(labels),
                Standardization.identity(features), 6554, 32, 10, w, w, LearningCurve.NONE, 1L, DataMoments.NONE,
                List.of(hidden));
    }

    @Test
    void theIssuesNetworkFitsSixteenGigabytesAndAWiderOneIsRefusedWithTheFigures() {
        TrainingStatement target = mlp(64, 32, 10, 1797); // 8,288 columns (no curve) x 2^15 rows; the run with its curve measured 12.5 GB
        assertDoesNotThrow(() -> Comet.requireHeap(target, ProofOptions.standard(), 16_000_000_000L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comet.requireHeap(target, ProofOptions.standard(), 8_000_000_000L));
        assertTrue(e.getMessage().contains("8,288 trace columns x 32,768 rows") && e.getMessage().contains("8.0 GB"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Comet.requireHeap(mlp(64, 48, 10, 1797),
                ProofOptions.standard(), 16_000_000_000L), "12,253 columns: about 22 GB");
    }
}
