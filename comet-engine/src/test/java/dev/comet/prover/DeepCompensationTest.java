package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.field.QuadraticExtension;
import dev.comet.poly.LowDegreeExtension;
import dev.comet.poly.Ntt;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DEEP with one coefficient per column shared by every frame row (comet-stark-v4): can a wrong
 * claim at one frame row be compensated by a wrong claim elsewhere? Across rows never, even for
 * a prover that knew the coefficients: each row's error is a pole at its own point
 * {@code z g^o}. Within one row only with the coefficients in hand, which is why they must be
 * drawn after the claims are absorbed (the last test shows what such a prover would get).
 */
class DeepCompensationTest {
    private static final ExtensionField EXT = QuadraticExtension.INSTANCE;
    private static final int LOG_N = 5;
    private static final int N = 1 << LOG_N;
    private static final int LOG_LDE = LOG_N + 2;
    private static final int MAIN = 2;
    private static final int AUX = 1;
    private static final int COMPOSITION = 2;
    private static final int ROWS = 3;

    private record Setup(long[][] coefficients, long[][] lde, long[] z, List<long[]> gammas) {}

    private static Setup setup(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[][] coefficients = new long[MAIN + 2 * AUX + 2 * COMPOSITION][N];
        for (long[] c : coefficients) {
            for (int i = 0; i < N; i++) {
                c[i] = Goldilocks.reduce(random.nextLong());
            }
        }
        long[][] lde = LowDegreeExtension.evaluateOnCoset(coefficients, LOG_LDE, Goldilocks.GENERATOR);
        long[] z = {Goldilocks.reduce(random.nextLong()), Goldilocks.reduce(random.nextLong())};
        List<long[]> gammas = new ArrayList<>();
        for (int i = 0; i < DeepTerms.numChallenges(MAIN, AUX, COMPOSITION); i++) {
            gammas.add(new long[] {Goldilocks.reduce(random.nextLong()), Goldilocks.reduce(random.nextLong())});
        }
        return new Setup(coefficients, lde, z, gammas);
    }

    private static StarkProof.OodFrame frame(Setup s) {
        long g = Goldilocks.rootOfUnity(LOG_N);
        long[][][] main = new long[ROWS][][];
        long[][][] aux = new long[ROWS][][];
        for (int o = 0; o < ROWS; o++) {
            long[][] values = OodEvaluator.evaluate(s.coefficients(), EXT.mulBase(s.z(), Goldilocks.pow(g, o)));
            main[o] = Arrays.copyOfRange(values, 0, MAIN);
            aux[o] = OodEvaluator.combineCoordinates(EXT, Arrays.copyOfRange(values, MAIN, MAIN + 2 * AUX));
        }
        long[][] comp = OodEvaluator.combineCoordinates(EXT, Arrays.copyOfRange(
                OodEvaluator.evaluate(s.coefficients(), s.z()), MAIN + 2 * AUX, MAIN + 2 * AUX + 2 * COMPOSITION));
        return new StarkProof.OodFrame(main, aux, comp, new long[0][]);
    }

    private static StarkProof.OodFrame copy(StarkProof.OodFrame f) {
        return new StarkProof.OodFrame(
                Arrays.stream(f.main()).map(r -> Arrays.stream(r).map(long[]::clone).toArray(long[][]::new)).toArray(long[][][]::new),
                Arrays.stream(f.aux()).map(r -> Arrays.stream(r).map(long[]::clone).toArray(long[][]::new)).toArray(long[][][]::new),
                Arrays.stream(f.composition()).map(long[]::clone).toArray(long[][]::new), new long[0][]);
    }

    private static boolean lowDegree(Setup s, StarkProof.OodFrame frame) {
        DeepTerms terms = DeepTerms.build(EXT, s.gammas(), frame, MAIN, AUX, COMPOSITION);
        long[][] q = DeepComposer.evaluate(EXT, terms, s.lde(), LOG_LDE, Goldilocks.GENERATOR, s.z(),
                Goldilocks.rootOfUnity(LOG_N));
        for (long[] coordinate : q) {
            long[] c = coordinate.clone();
            Ntt.ofLogSize(LOG_LDE).inverseCoset(c, Goldilocks.GENERATOR);
            for (int i = N; i < c.length; i++) {
                if (c[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long[] scaled(long[] delta, long[] factor) {
        return EXT.mul(delta, factor);
    }

    /**
     * One column, errors at two rows that cancel in every simple sense: opposite errors, errors in
     * the ratio of the points, and the error at row o scaled by {@code g^o}; also all three rows.
     */
    @Test
    void errorsAtTwoRowsOfOneColumnNeverCancel() {
        Setup s = setup(11);
        StarkProof.OodFrame honest = frame(s);
        long g = Goldilocks.rootOfUnity(LOG_N);
        long[] delta = {12345, 678};
        long[][] partners = {EXT.neg(delta), EXT.neg(EXT.mulBase(delta, g)), EXT.neg(EXT.mulBase(delta, Goldilocks.inv(g))),
            EXT.mul(EXT.neg(delta), EXT.inv(s.z()))};
        assertTrue(lowDegree(s, honest));
        for (int column = 0; column < MAIN; column++) {
            for (int[] rows : new int[][] {{0, 1}, {1, 2}, {0, 2}}) {
                for (long[] partner : partners) {
                    StarkProof.OodFrame bad = copy(honest);
                    bad.main()[rows[0]][column] = EXT.add(bad.main()[rows[0]][column], delta);
                    bad.main()[rows[1]][column] = EXT.add(bad.main()[rows[1]][column], partner);
                    assertFalse(lowDegree(s, bad), "column " + column + ", rows " + Arrays.toString(rows));
                }
            }
            StarkProof.OodFrame three = copy(honest);
            three.main()[0][column] = EXT.add(three.main()[0][column], delta);
            three.main()[1][column] = EXT.add(three.main()[1][column], EXT.neg(EXT.add(delta, delta)));
            three.main()[2][column] = EXT.add(three.main()[2][column], delta);
            assertFalse(lowDegree(s, three), "second difference zero, column " + column);
        }
        // The auxiliary column too, against a main column's error at the other row.
        StarkProof.OodFrame mixed = copy(honest);
        mixed.aux()[1][0] = EXT.add(mixed.aux()[1][0], delta);
        mixed.main()[0][0] = EXT.add(mixed.main()[0][0], EXT.neg(delta));
        assertFalse(lowDegree(s, mixed));
    }

    /**
     * Even knowing the coefficients, a prover cannot cancel an error at row 1 with errors at other
     * rows: the residues at {@code z g} and {@code z} are separate. Here the row-0 errors are chosen
     * with the coefficients so that the combined row-0 constant absorbs the row-1 error.
     */
    @Test
    void knownCoefficientsStillCannotMoveAnErrorToAnotherRow() {
        Setup s = setup(12);
        StarkProof.OodFrame bad = copy(frame(s));
        long[] delta = {9, 1};
        long[] g0 = s.gammas().get(0);
        long[] g1 = s.gammas().get(1);
        bad.main()[1][0] = EXT.add(bad.main()[1][0], delta);
        // Row-0 error in column 1 that makes the row-0 constant move by -gamma_0 delta, "paying" for row 1.
        bad.main()[0][1] = EXT.add(bad.main()[0][1], EXT.neg(scaled(delta, EXT.mul(g0, EXT.inv(g1)))));
        assertFalse(lowDegree(s, bad));
    }

    /**
     * What the ordering protects: with the coefficients in hand, two errors in one row that cancel
     * in that row's constant ({@code gamma_a d_a + gamma_b d_b = 0}) leave the quotient low-degree.
     * The protocol therefore draws the DEEP coefficients only after absorbing every claim; a change
     * of a claim changes them.
     */
    @Test
    void withinOneRowOnlyAProverKnowingTheCoefficientsCompensates() {
        Setup s = setup(13);
        StarkProof.OodFrame bad = copy(frame(s));
        long[] delta = {5, 3};
        long[] g0 = s.gammas().get(0);
        long[] g1 = s.gammas().get(1);
        bad.main()[1][0] = EXT.add(bad.main()[1][0], delta);
        bad.main()[1][1] = EXT.add(bad.main()[1][1], EXT.neg(EXT.mul(EXT.mul(g0, delta), EXT.inv(g1))));
        assertTrue(lowDegree(s, bad), "the residue at z g cancels: the attack the transcript order must prevent");
        // The same errors against other (later-drawn) coefficients: caught.
        Setup other = new Setup(s.coefficients(), s.lde(), s.z(), setup(14).gammas());
        assertFalse(lowDegree(other, bad));
    }
}
