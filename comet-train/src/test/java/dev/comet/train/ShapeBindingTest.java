package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.PublicFractions;
import dev.comet.air.StatementBinding;
import dev.comet.air.TableSet;
import dev.comet.api.Comet;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One verifier per shape is sound only if everything a statement of the shape may change reaches
 * the constraints as a public value read from the statement, never as a constant compiled in.
 * Two runs of each model kind with one shape and different data, learning rate, seed, final
 * weights and curve: the verifier built for the first reads the second's tables exactly as Java
 * builds them from the second statement (public inputs, root, every constraint and fraction),
 * and everything else in their programs is the same.
 */
class ShapeBindingTest {
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("linear", ModelKind.LINEAR, 0, List.of()),
                Arguments.of("logistic", ModelKind.LOGISTIC, 2, List.of()),
                Arguments.of("softmax", ModelKind.SOFTMAX, 3, List.of()),
                Arguments.of("mlp", ModelKind.MLP, 3, List.of(4)),
                Arguments.of("mlp regression", ModelKind.MLP_REGRESSION, 0, List.of(3, 2)));
    }

    private static TrainingStatement run(ModelKind kind, int classes, List<Integer> hidden, long seed, String lr)
            throws Exception {
        int rows = 19;
        int features = 3;
        QuantizedDataset data = switch (kind) {
            case LINEAR, MLP_REGRESSION -> StandardizedTrainingTest.raw(rows, features, seed);
            case LOGISTIC -> LogisticRegressionTest.binary(rows, features, 0.7, seed);
            case SOFTMAX, MLP -> SoftmaxRegressionTest.data(rows, features, classes, seed);
        };
        ClassLabels labels = kind == ModelKind.LOGISTIC ? ClassLabels.of(List.of("no", "yes"))
                : SoftmaxRegressionTest.labels(classes);
        TrainingSpec spec = TrainingSpec.of(lr, 4, 3, features);
        if (kind != ModelKind.LINEAR) {
            spec = spec.forModel(kind, kind.isClassifier() ? labels : ClassLabels.NONE, hidden);
        }
        spec = spec.withSeed(seed);
        Standardization z = kind.isClassifier() ? Standardization.ofFeatures(data) : Standardization.of(data);
        return Comet.train(data, spec, z, "test").statement();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aShapesVerifierReadsEveryStatementOfTheShape(String name, ModelKind kind, int classes, List<Integer> hidden)
            throws Exception {
        TrainingStatement a = run(kind, classes, hidden, 1, "0.2");
        TrainingStatement b = run(kind, classes, hidden, 2, "0.3");
        TableSet setA = TrainingAir.forVerifier(a).tables();
        TableSet setB = TrainingAir.forVerifier(b).tables();
        StatementBinding binding = TrainingAir.statementBinding(setA, a);
        binding.check(setA);
        TrainingAir.statementBinding(setB, b).check(setB);

        byte[] statement = b.encode();
        StatementBinding.Parsed parsed = StatementBinding.parse(statement, binding.fields());
        TrainingStatement.Fields fields = a.fields();
        assertNotEquals(value(parsed, binding, fields.learningRate(), 0), value(StatementBinding.parse(a.encode(),
                binding.fields()), binding, fields.learningRate(), 0), "the two runs differ in their learning rate");
        for (int i = 0; i < setA.size(); i++) {
            Air ta = setA.table(i);
            Air tb = setB.table(i);
            assertArrayEquals(tb.publicInputs(), binding.tableInputs(statement, i), ta.name() + " public inputs");
            assertEquals(ta.name(), tb.name());
            assertEquals(ta.traceInfo(), tb.traceInfo());
            assertEquals(ta.periodicColumns(), tb.periodicColumns(), ta.name() + " periodic columns");
            int root = binding.rootFields()[i];
            if (root >= 0) {
                assertArrayEquals(tb.precommittedRoot(), Arrays.copyOfRange(statement, parsed.starts()[root],
                        parsed.starts()[root] + 32));
            } else if (ta.traceInfo().hasPrecommitted()) {
                assertArrayEquals(ta.precommittedRoot(), tb.precommittedRoot(), ta.name() + " fixed root");
            }
            sameProgramButValues(ta, tb, parsed.values());
            sameFractionsButValues(ta, tb, parsed.values());
        }
    }

    private static long value(StatementBinding.Parsed parsed, StatementBinding binding, int field, int k) {
        return parsed.values()[binding.firstValue(field) + k];
    }

    /** Instruction for instruction the same, a public value being the second statement's own. */
    private static void sameProgramButValues(Air a, Air b, long[] values) {
        ConstraintProgram pa = ConstraintProgram.compile(a.constraints());
        ConstraintProgram pb = ConstraintProgram.compile(b.constraints());
        assertEquals(pa.size(), pb.size(), a.name() + " program size");
        int publics = 0;
        for (int r = 0; r < pa.size(); r++) {
            assertEquals(pa.op(r), pb.op(r), a.name() + " instruction " + r);
            if (pa.op(r) == ConstraintProgram.Op.PUBLIC) {
                publics++;
                assertEquals(pa.publicIndex(r), pb.publicIndex(r));
                assertEquals(values[pb.publicIndex(r)], pb.constant(r), a.name() + " public value " + pb.publicIndex(r));
            } else {
                assertEquals(pa.argA(r), pb.argA(r), a.name() + " instruction " + r);
                assertEquals(pa.argB(r), pb.argB(r), a.name() + " instruction " + r);
                if (pa.op(r) == ConstraintProgram.Op.CONST) {
                    assertEquals(pa.constant(r), pb.constant(r), a.name() + " constant of instruction " + r);
                }
            }
        }
        if (a instanceof TrainingAir || a.name().contains("bounds")) {
            assertTrue(publics > 0, a.name() + " reads the statement");
        }
    }

    private static void sameFractionsButValues(Air a, Air b, long[] values) {
        List<PublicFractions> fa = a.publicFractions();
        List<PublicFractions> fb = b.publicFractions();
        assertEquals(fa.size(), fb.size());
        for (int k = 0; k < fa.size(); k++) {
            List<long[]> ta = fa.get(k).tuples();
            List<long[]> tb = fb.get(k).tuples();
            List<int[]> ia = fa.get(k).publicIndices();
            assertEquals(ta.size(), tb.size());
            for (int t = 0; t < ta.size(); t++) {
                assertArrayEquals(ia.get(t), fb.get(k).publicIndices().get(t));
                for (int c = 0; c < ta.get(t).length; c++) {
                    long expected = ia.get(t)[c] >= 0 ? values[ia.get(t)[c]] : ta.get(t)[c];
                    assertEquals(expected, tb.get(t)[c], a.name() + " fraction " + t + " component " + c);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aStatementOfAnotherShapeDoesNotParse(String name, ModelKind kind, int classes, List<Integer> hidden)
            throws Exception {
        TrainingStatement a = run(kind, classes, hidden, 1, "0.2");
        StatementBinding binding = TrainingAir.statementBinding(TrainingAir.forVerifier(a).tables(), a);
        byte[] s = a.encode();
        List<StatementBinding.Field> fields = binding.fields();
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(Arrays.copyOf(s, s.length - 1), fields));
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(Arrays.copyOf(s, s.length + 1), fields));
        int rowsAt = StatementBinding.parse(s, fields).starts()[a.fields().root() + 1] + 3; // the row count's low byte
        byte[] moreRows = s.clone();
        moreRows[rowsAt]++;
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(moreRows, fields));
    }
}
