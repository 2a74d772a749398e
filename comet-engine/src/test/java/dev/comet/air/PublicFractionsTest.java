package dev.comet.air;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Public LogUp fractions: the sum every verifier computes from the declared tuples. */
class PublicFractionsTest {
    private static final ExtensionField EXT = ExtensionField.ofDegree(2);

    @Test
    void theSumIsTheMultiplicityTimesTheInversesOfTheCompressedTuples() {
        List<long[]> challenges = List.of(new long[] {12345, 678}, new long[] {91011, 1213});
        PublicFractions f = new PublicFractions(0, 1, Goldilocks.P - 1, List.of(new long[] {0, 7, 1}, new long[] {1, 9, 0}));
        long[] expected = EXT.zero();
        for (long[] t : f.tuples()) {
            long[] beta = challenges.get(1);
            long[] value = EXT.add(EXT.fromBase(t[0]), EXT.mul(beta, EXT.add(EXT.fromBase(t[1]),
                    EXT.mul(beta, EXT.fromBase(t[2])))));
            expected = EXT.sub(expected, EXT.inv(EXT.sub(challenges.get(0), value)));
        }
        assertArrayEquals(expected, f.sum(challenges, EXT));
        assertArrayEquals(expected, PublicFractions.total(List.of(f), challenges, EXT));
        assertNull(PublicFractions.total(List.of(), challenges, EXT));
    }

    /** The Java field arithmetic expects canonical values, a contract's reduces any: both must see the same numbers. */
    @Test
    void valuesNotBelowPOrTuplesOfMixedAritiesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PublicFractions(0, 1, 1, List.of(new long[] {Goldilocks.P, 0})));
        assertThrows(IllegalArgumentException.class, () -> new PublicFractions(0, 1, Goldilocks.P, List.of(new long[] {1})));
        assertThrows(IllegalArgumentException.class,
                () -> new PublicFractions(0, 1, 1, List.of(new long[] {1, 2}, new long[] {3})));
    }
}
