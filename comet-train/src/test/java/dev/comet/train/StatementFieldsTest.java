package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * One honest proof of each model as {@code comet train} makes it (standardised, seeded, with a
 * learning curve), and every field of its statement changed in turn: each change is either
 * refused as a statement or rejected by the verifier.
 */
class StatementFieldsTest {
    private static final ClassLabels CLASSES = ClassLabels.of(List.of("no", "yes"));

    private record Honest(TrainingStatement statement, StarkProof proof) {}

    private static Honest honest(boolean logistic) throws Exception {
        QuantizedDataset data = logistic ? LogisticRegressionTest.binary(21, 3, 0.7, 4) : StandardizedTrainingTest.raw(21, 3, 4);
        TrainingSpec spec = TrainingSpec.of("0.2", 5, 3, 3).withSeed(11);
        if (logistic) {
            spec = spec.forModel(ModelKind.LOGISTIC, CLASSES);
        }
        Standardization z = logistic ? Standardization.ofFeatures(data) : Standardization.of(data);
        DatasetCommitment c = DatasetCommitment.commit(data);
        TrainingStatement draft = new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(),
                data.featureNames(), data.targetName(), spec.model(), spec.classes(), z, spec.learningRateQ(),
                spec.batchSize(), spec.epochs(), spec.initialWeights(), spec.initialWeights(),
                LearningCurve.zeros(spec.epochs(), data.rows(), logistic), spec.initSeed());
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data);
        TrainingStatement st = Curves.outcome(draft, run);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(TrainingAir.forProver(st, c).tables(), run.traces(),
                TrainingAir.segments(c.segment()));
        return new Honest(st, proof);
    }

    /** Rebuilds {@code s} with one component replaced through {@code edit} of its parts. */
    private static TrainingStatement with(TrainingStatement s, UnaryOperator<Parts> edit) {
        Parts p = edit.apply(new Parts(s));
        return new TrainingStatement(p.root, p.rows, p.features, s.fractionBits(), p.featureNames, p.targetName, p.model,
                p.classes, p.standardization, p.lrQ, p.batch, p.epochs, p.initial, p.fin, p.curve, p.seed);
    }

    private static final class Parts {
        byte[] root;
        int rows;
        int features;
        List<String> featureNames;
        String targetName;
        ModelKind model;
        ClassLabels classes;
        Standardization standardization;
        long lrQ;
        int batch;
        int epochs;
        long[] initial;
        long[] fin;
        LearningCurve curve;
        Long seed;

        Parts(TrainingStatement s) {
            root = s.datasetRoot();
            rows = s.rows();
            features = s.features();
            featureNames = s.featureNames();
            targetName = s.targetName();
            model = s.model();
            classes = s.classes();
            standardization = s.standardization();
            lrQ = s.learningRateQ();
            batch = s.batchSize();
            epochs = s.epochs();
            initial = s.initialWeights();
            fin = s.finalWeights();
            curve = s.curve();
            seed = s.initSeed();
        }
    }

    private static Map<String, UnaryOperator<Parts>> changes(TrainingStatement s) {
        Map<String, UnaryOperator<Parts>> out = new LinkedHashMap<>();
        out.put("dataset root", p -> { p.root[5] ^= 1; return p; });
        out.put("rows - 1", p -> { p.rows -= 1; return p; });
        out.put("rows + 1", p -> { p.rows += 1; return p; });
        out.put("a feature renamed", p -> { p.featureNames = rename(p.featureNames); return p; });
        out.put("target renamed", p -> { p.targetName = p.targetName + "_"; return p; });
        out.put("other model", p -> { // with what the other model's statement needs: classes, target, curve
            p.model = p.model == ModelKind.LINEAR ? ModelKind.LOGISTIC : ModelKind.LINEAR;
            p.classes = p.model == ModelKind.LINEAR ? ClassLabels.NONE : CLASSES;
            long[] offsets = p.standardization.offsets();
            long[] scales = p.standardization.scales();
            offsets[p.features] = 0;
            scales[p.features] = Standardization.IDENTITY_SCALE;
            p.standardization = new Standardization(offsets, scales);
            p.curve = new LearningCurve(p.curve.lossSums(), p.model.isClassifier() ? new long[p.epochs] : new long[0]);
            return p;
        });
        out.put("offset + 1", p -> { p.standardization = shifted(p.standardization, 0, 1, 0); return p; });
        out.put("scale + 1", p -> { p.standardization = shifted(p.standardization, 1, 0, 1); return p; });
        out.put("learning rate + 1", p -> { p.lrQ += 1; return p; });
        out.put("batch - 1", p -> { p.batch -= 1; return p; });
        out.put("batch + 1", p -> { p.batch += 1; return p; });
        out.put("epochs + 1", p -> { p.epochs += 1; return p; });
        out.put("seed + 1", p -> { p.seed += 1; p.initial = SeededInit.weights(p.seed, p.features); return p; });
        out.put("no seed", p -> { p.seed = null; return p; });
        out.put("final weight + 1", p -> { p.fin[1] += 1; return p; });
        out.put("bias - 1", p -> { p.fin[p.features] -= 1; return p; });
        out.put("loss of the last epoch + 1", p -> {
            long[] loss = p.curve.lossSums();
            loss[loss.length - 1] += 1;
            p.curve = new LearningCurve(loss, p.curve.correct());
            return p;
        });
        out.put("no curve", p -> { p.curve = LearningCurve.NONE; return p; });
        if (s.model().isClassifier()) {
            out.put("other class labels", p -> { p.classes = ClassLabels.of(List.of("no", "yes!")); return p; });
            out.put("correct rows of epoch 1 - 1", p -> {
                long[] correct = p.curve.correct();
                correct[0] -= 1;
                p.curve = new LearningCurve(p.curve.lossSums(), correct);
                return p;
            });
        }
        return out;
    }

    private static List<String> rename(List<String> names) {
        List<String> out = new ArrayList<>(names);
        out.set(1, out.get(1) + "_");
        return out;
    }

    private static Standardization shifted(Standardization z, int column, long offset, long scale) {
        long[] offsets = z.offsets();
        long[] scales = z.scales();
        offsets[column] += offset;
        scales[column] += scale;
        return new Standardization(offsets, scales);
    }

    @Test
    void everyChangedFieldIsRefusedOrRejected() throws Exception {
        List<String> refused = new ArrayList<>();
        for (boolean logistic : new boolean[] {false, true}) {
            Honest h = honest(logistic);
            assertTrue(new StarkVerifier(0).verify(TrainingAir.forVerifier(h.statement()).tables(), h.proof()).valid());
            for (Map.Entry<String, UnaryOperator<Parts>> change : changes(h.statement()).entrySet()) {
                TrainingStatement moved;
                try {
                    moved = with(h.statement(), change.getValue());
                } catch (IllegalArgumentException e) {
                    refused.add(change.getKey());
                    continue; // not even a statement
                }
                if (moved.equals(h.statement())) {
                    fail(change.getKey() + " changed nothing");
                }
                boolean valid;
                try {
                    valid = new StarkVerifier(0).verify(TrainingAir.forVerifier(moved).tables(), h.proof()).valid();
                } catch (IllegalArgumentException e) {
                    refused.add(change.getKey());
                    continue; // a shape the tables cannot even be built for
                }
                assertFalse(valid, (logistic ? "logistic: " : "linear: ") + change.getKey());
            }
        }
        // Only the changes that contradict the statement's own rules are refused before verifying.
        assertEquals(List.of("epochs + 1", "epochs + 1"), refused);
    }
}
