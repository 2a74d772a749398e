package dev.comet.verifier;

import dev.comet.field.ExtensionField;
import dev.comet.proof.DeepTerms;

/** Opens the verifier's package-private DEEP evaluation to prover-side tests that compare the two. */
public final class DeepValuesProbe {
    private DeepValuesProbe() {}

    public static long[][] at(ExtensionField ext, DeepTerms terms, long[] rows, int width, int[] positions, int logLde,
                              long shift, long[] point, long generator) {
        return DeepValues.at(ext, terms, rows, width, positions, logLde, shift, point, generator);
    }
}
