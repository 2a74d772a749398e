package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.field.CubicExtension;
import dev.comet.field.ExtensionField;
import dev.comet.field.QuadraticExtension;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The DEEP denominators' batch inversion: each value's own inverse, and a zero still refused. */
class DeepValuesTest {
    @Test
    void batchInverseIsEachValuesInverse() {
        SplittableRandom random = new SplittableRandom(3);
        for (ExtensionField ext : new ExtensionField[] {QuadraticExtension.INSTANCE, CubicExtension.INSTANCE}) {
            for (int n : new int[] {0, 1, 2, 7, 160}) {
                long[][] values = new long[n][];
                for (int i = 0; i < n; i++) {
                    values[i] = new long[ext.degree()];
                    for (int d = 0; d < ext.degree(); d++) {
                        values[i][d] = Long.remainderUnsigned(random.nextLong(), 0xFFFFFFFF00000001L);
                    }
                }
                long[][] inverses = DeepValues.batchInverse(ext, values);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(ext.inv(values[i]), inverses[i], ext + ", value " + i + " of " + n);
                }
            }
        }
    }

    @Test
    void aZeroDenominatorIsRefusedAsAnInversionOfZero() {
        ExtensionField ext = QuadraticExtension.INSTANCE;
        long[][] values = {ext.fromBase(5), ext.zero(), ext.fromBase(9)};
        assertThrows(ArithmeticException.class, () -> DeepValues.batchInverse(ext, values));
        assertThrows(ArithmeticException.class, () -> ext.inv(ext.zero()));
    }
}
