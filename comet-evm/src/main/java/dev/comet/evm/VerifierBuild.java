package dev.comet.evm;

import dev.comet.air.TableSet;
import dev.comet.proof.ProofOptions;
import java.util.Comparator;
import java.util.Map;

/**
 * A verifier's sources ({@link StarkSolidity}) cut so that every contract compiles within
 * EIP-170's limit, with what solc made of them. The constraint libraries are cut by an estimate
 * of their code size, which fits Comet's regression tables closely but can be far low for others
 * (an MLP's, whose constraints the optimizer shares less code between); so the compiler's sizes
 * decide, and a library above the limit has the tables re-cut with a smaller budget.
 *
 * @param sources  file name to Solidity text
 * @param compiled every contract and library, by name
 */
public record VerifierBuild(Map<String, String> sources, Map<String, Solc.Compiled> compiled) {
    /** EIP-170's limit on a contract's runtime code. */
    public static final int CODE_SIZE_LIMIT = 24_576;
    /** The smallest constraint-library budget tried: the estimate's fixed part and a few constraints. */
    private static final int MIN_LIBRARY_BUDGET = 5_000;

    public VerifierBuild {
        sources = Map.copyOf(sources);
        compiled = Map.copyOf(compiled);
    }

    /**
     * The verifier of {@code set}'s proofs under {@code options}, as {@code contract}, compiled by
     * {@code solc} within the limit.
     *
     * @throws EvmException             if a contract other than a constraint library is above the
     *                                  limit, or the smallest budget still leaves one above it
     * @throws IllegalArgumentException if {@link StarkSolidity} does not cover the proof's options
     */
    public static VerifierBuild of(TableSet set, ProofOptions options, String contract, Solc solc) {
        return of(set, options, contract, null, solc);
    }

    /** As {@link #of(TableSet, ProofOptions, String, Solc)}, reading the statement as {@code statement} says (null: compiled in). */
    public static VerifierBuild of(TableSet set, ProofOptions options, String contract, ShapeStatement statement,
                                   Solc solc) {
        int budget = StarkSolidity.CONSTRAINT_LIBRARY_BYTES;
        while (true) {
            Map<String, String> sources = StarkSolidity.of(set, options, contract, budget, statement).sources();
            Map<String, Solc.Compiled> compiled = solc.compileAll(sources);
            Map.Entry<String, Solc.Compiled> largest = compiled.entrySet().stream()
                    .max(Comparator.comparingInt(e -> e.getValue().runtimeBytes())).orElseThrow();
            int size = largest.getValue().runtimeBytes();
            if (size <= CODE_SIZE_LIMIT) {
                return new VerifierBuild(sources, compiled);
            }
            if (!largest.getKey().contains("Constraints") || budget <= MIN_LIBRARY_BUDGET) {
                throw new EvmException(largest.getKey() + " has " + size + " bytes of code, above the limit of "
                        + CODE_SIZE_LIMIT);
            }
            // The estimate scales about with the code: aim the largest library a tenth below the limit.
            budget = Math.max(MIN_LIBRARY_BUDGET, (int) ((long) budget * CODE_SIZE_LIMIT * 9 / 10 / size));
        }
    }
}
