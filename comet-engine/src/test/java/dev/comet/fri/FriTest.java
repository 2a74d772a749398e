package dev.comet.fri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.poly.Ntt;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FRI over functions of different sizes (mixed-degree batching). */
class FriTest {
    private static final ExtensionField EXT = ExtensionField.ofDegree(2);
    private static final HashFunction HASH = HashFunction.defaultHash();
    private static final FriOptions OPTIONS = new FriOptions(8, 32);
    private static final int LOG_RATE = 2;
    private static final long SHIFT = Goldilocks.GENERATOR;

    @Test
    void layoutLandsOnEveryJoiningDomain() {
        FriLayout layout = FriLayout.of(OPTIONS, LOG_RATE, 22, 18, 5, 18);
        assertArrayEquals(new int[] {22, 19, 18, 15, 12, 9, 6}, layout.logDomains());
        assertArrayEquals(new int[] {3, 1, 3, 3, 3, 3, 1}, layout.logFolds());
        assertEquals(5, layout.logFinal());
        assertEquals(8, layout.remainderDegreeBound());
        FriLayout single = FriLayout.of(OPTIONS, LOG_RATE, 12);
        assertArrayEquals(new int[] {12, 9}, single.logDomains());
        assertEquals(6, single.logFinal());
        assertEquals(16, single.remainderDegreeBound());
    }

    /** Evaluations on the coset {@code SHIFT^(2^(top - logDomain))} of a random polynomial of degree below {@code degree}. */
    private static long[][] function(int logDomain, int top, int degree, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long shift = Goldilocks.pow(SHIFT, 1L << (top - logDomain));
        long[][] out = new long[EXT.degree()][];
        for (int d = 0; d < out.length; d++) {
            long[] c = new long[1 << logDomain];
            for (int i = 0; i < degree; i++) {
                c[i] = Goldilocks.reduce(random.nextLong());
            }
            Ntt.ofLogSize(logDomain).forwardCoset(c, shift);
            out[d] = c;
        }
        return out;
    }

    private static final int TOP = 12;

    /** Proves the functions and verifies with the values the verifier computes from them, possibly altered. */
    private static void proveAndVerify(List<long[][]> functions, long[][] alteredAtSize, int alteredLog) throws Exception {
        FriProver prover = new FriProver(OPTIONS, EXT, HASH);
        List<FriProver.Input> inputs = functions.stream().map(FriProver.Input::new).toList();
        Transcript pt = new Transcript(HASH, "fri-test");
        FriProver.Commitment commitment = prover.commit(inputs, SHIFT, LOG_RATE, pt);
        int[] positions = Arrays.stream(pt.drawIndices("q", 30, 1 << TOP)).sorted().distinct().toArray();
        FriProof proof = commitment.open(positions);

        int[] sizes = inputs.stream().mapToInt(FriProver.Input::logDomain).toArray();
        FriVerifier verifier = new FriVerifier(OPTIONS, EXT, HASH, SHIFT, LOG_RATE, sizes);
        Transcript vt = new Transcript(HASH, "fri-test");
        verifier.readCommitments(proof, vt);
        assertArrayEquals(positions, Arrays.stream(vt.drawIndices("q", 30, 1 << TOP)).sorted().distinct().toArray());
        Map<Integer, long[][]> values = new HashMap<>();
        for (long[][] f : functions) {
            int log = Integer.numberOfTrailingZeros(f[0].length);
            long[][] source = log == alteredLog ? alteredAtSize : f;
            int[] at = FriVerifier.positionsAt(positions, log);
            long[][] v = values.computeIfAbsent(log, k -> {
                long[][] zeros = new long[at.length][];
                for (int q = 0; q < at.length; q++) {
                    zeros[q] = EXT.zero();
                }
                return zeros;
            });
            for (int q = 0; q < at.length; q++) {
                v[q] = EXT.add(v[q], new long[] {source[0][at[q]], source[1][at[q]]});
            }
        }
        verifier.verifyQueries(proof, positions, values);
    }

    private static List<long[][]> mixed() {
        return List.of(function(TOP, TOP, 1 << (TOP - LOG_RATE), 1), function(9, TOP, 1 << (9 - LOG_RATE), 2),
                function(9, TOP, 1 << (9 - LOG_RATE), 3), function(5, TOP, 1 << (5 - LOG_RATE), 4));
    }

    @Test
    void honestFunctionsOfDifferentSizesVerify() {
        assertDoesNotThrow(() -> proveAndVerify(mixed(), null, -1));
    }

    @Test
    void aJoiningFunctionOfTooHighDegreeRejects() {
        List<long[][]> functions = List.of(function(TOP, TOP, 1 << (TOP - LOG_RATE), 1),
                function(9, TOP, 1 << 9, 2)); // full degree: not a codeword at rate 1/4
        assertThrows(FriVerifier.FriException.class, () -> proveAndVerify(functions, null, -1));
    }

    @Test
    void aJoiningFunctionTheProverChangedRejects() {
        List<long[][]> functions = mixed();
        long[][] other = function(5, TOP, 1 << (5 - LOG_RATE), 99);
        assertThrows(FriVerifier.FriException.class, () -> proveAndVerify(functions, other, 5));
    }
}
