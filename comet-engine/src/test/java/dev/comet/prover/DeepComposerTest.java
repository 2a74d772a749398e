package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.field.QuadraticExtension;
import dev.comet.poly.LowDegreeExtension;
import dev.comet.poly.Ntt;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.DeepValuesProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DEEP quotient with one coefficient per column for every frame row: low-degree when every
 * claimed out-of-domain value is right, far from it when any single one is wrong (whichever
 * column, segment and row), and the verifier's values at opened positions are the prover's.
 */
class DeepComposerTest {
    private static final ExtensionField EXT = QuadraticExtension.INSTANCE;
    private static final int LOG_N = 6;
    private static final int N = 1 << LOG_N;
    private static final int LOG_LDE = LOG_N + 2;
    private static final int MAIN = 3;
    private static final int AUX = 2;
    private static final int COMPOSITION = 2;
    private static final int ROWS = 2;

    private record Setup(long[][] coefficients, long[][] lde, long[] z, List<long[]> gammas) {}

    /** Random columns of degree below {@code n}: main, auxiliary coordinates, composition coordinates. */
    private static Setup setup(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int columns = MAIN + 2 * AUX + 2 * COMPOSITION;
        long[][] coefficients = new long[columns][N];
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

    /** The honest frame: every column's value at {@code z g^o}, extension columns combined. */
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

    private static long[][] quotient(Setup s, StarkProof.OodFrame frame) {
        DeepTerms terms = DeepTerms.build(EXT, s.gammas(), frame, MAIN, AUX, COMPOSITION);
        return DeepComposer.evaluate(EXT, terms, s.lde(), LOG_LDE, Goldilocks.GENERATOR, s.z(),
                Goldilocks.rootOfUnity(LOG_N));
    }

    /** Whether every coordinate of {@code values} (on the LDE coset) has degree below {@code n}. */
    private static boolean lowDegree(long[][] values) {
        for (long[] coordinate : values) {
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

    private static long[] bump(long[] v) {
        return new long[] {Goldilocks.add(v[0], 1), v[1]};
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void honestClaimsGiveALowDegreeQuotientThatTheVerifierRecomputes(long seed) {
        Setup s = setup(seed);
        StarkProof.OodFrame frame = frame(s);
        long[][] q = quotient(s, frame);
        assertTrue(lowDegree(q));
        int[] positions = {0, 5, 77, 255};
        int width = s.lde().length;
        long[] rows = new long[positions.length * width];
        for (int k = 0; k < positions.length; k++) {
            for (int c = 0; c < width; c++) {
                rows[k * width + c] = s.lde()[c][positions[k]];
            }
        }
        long[][] verifier = DeepValuesProbe.at(EXT,
                DeepTerms.build(EXT, s.gammas(), frame, MAIN, AUX, COMPOSITION), rows, width, positions, LOG_LDE,
                Goldilocks.GENERATOR, s.z(), Goldilocks.rootOfUnity(LOG_N));
        for (int k = 0; k < positions.length; k++) {
            assertArrayEquals(new long[] {q[0][positions[k]], q[1][positions[k]]}, verifier[k]);
        }
    }

    @ParameterizedTest(name = "wrong {0} value {1} at frame row {2}")
    @CsvSource({"main, 0, 0", "main, 2, 1", "main, 1, 1", "aux, 0, 1", "aux, 1, 0", "composition, 1, 0"})
    void anyWrongClaimMakesItFarFromLowDegree(String segment, int column, int row) {
        Setup s = setup(7);
        StarkProof.OodFrame honest = frame(s);
        long[][][] main = Arrays.stream(honest.main()).map(r -> r.clone()).toArray(long[][][]::new);
        long[][][] aux = Arrays.stream(honest.aux()).map(r -> r.clone()).toArray(long[][][]::new);
        long[][] comp = honest.composition().clone();
        switch (segment) {
            case "main" -> main[row][column] = bump(main[row][column]);
            case "aux" -> aux[row][column] = bump(aux[row][column]);
            default -> comp[column] = bump(comp[column]);
        }
        assertFalse(lowDegree(quotient(s, new StarkProof.OodFrame(main, aux, comp, new long[0][]))));
    }
}
