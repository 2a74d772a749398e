package dev.comet.proof;

import dev.comet.field.ExtensionField;
import dev.comet.fri.FriOptions;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import java.util.List;
import java.util.Optional;

/**
 * Everything that fixes the proof system's parameters. Bound into the transcript, so a proof made
 * with one set of options never verifies under another.
 *
 * @param logBlowup         log2 of the low-degree-extension blowup (1..6)
 * @param numQueries        FRI query count of the trace (1..255)
 * @param dataQueries       query count on a precommitted segment's own domain (1..255); these
 *                          openings are what binds a proof to one dataset per commitment, at
 *                          about 0.91 bits each (see {@link SecurityReport}); unused by AIRs that
 *                          read no precommitted segment
 * @param grindingBits      proof-of-work bits required before queries are drawn (0..32)
 * @param extensionDegree   degree of the field extension for challenges (1, 2 or 3)
 * @param foldingFactor     FRI folding factor (2, 4, 8, 16)
 * @param remainderSize     FRI remainder degree bound (power of two, at most 1024)
 * @param hash              hash for Merkle trees and the transcript
 */
public record ProofOptions(int logBlowup, int numQueries, int dataQueries, int grindingBits, int extensionDegree,
                           int foldingFactor, int remainderSize, HashId hash) {
    public ProofOptions {
        if (logBlowup < 1 || logBlowup > 6) {
            throw new IllegalArgumentException("blowup must be 2^1..2^6, got 2^" + logBlowup);
        }
        if (numQueries < 1 || numQueries > 255) {
            throw new IllegalArgumentException("number of queries must be 1..255, got " + numQueries);
        }
        if (dataQueries < 1 || dataQueries > 255) {
            throw new IllegalArgumentException("number of data queries must be 1..255, got " + dataQueries);
        }
        if (grindingBits < 0 || grindingBits > 32) {
            throw new IllegalArgumentException("grinding bits must be 0..32, got " + grindingBits);
        }
        if (extensionDegree < 1 || extensionDegree > 3) {
            throw new IllegalArgumentException("extension degree must be 1, 2 or 3, got " + extensionDegree);
        }
        new FriOptions(foldingFactor, remainderSize);
    }

    /** Fast and INSECURE (about 16 bits): for unit tests only. */
    public static ProofOptions test() {
        return new ProofOptions(2, 8, 32, 0, 2, 4, 8, HashFunction.defaultHash().id());
    }

    /** At least 100 bits of conjectured security over the quadratic extension. */
    public static ProofOptions standard() {
        return new ProofOptions(2, 40, 88, 20, 2, 8, 32, HashFunction.defaultHash().id());
    }

    /**
     * At least 100 bits of conjectured security over the quadratic extension, for verification on
     * chain: blowup 16 and half the default's trace queries (20 x 4 bits + 20 of grinding), so
     * half the openings a verifier pays for, for a prover's low-degree extension four times the
     * default's. The data queries stay: they bind the dataset, on the segment's own blowup.
     */
    public static ProofOptions chain() {
        return new ProofOptions(4, 20, 88, 20, 2, 8, 32, HashFunction.defaultHash().id());
    }

    /** At least 128 bits of conjectured security over the cubic extension. */
    public static ProofOptions high() {
        return new ProofOptions(4, 29, 123, 16, 3, 8, 32, HashFunction.defaultHash().id());
    }

    /**
     * At least 100 bits of proven security (list decoding up to the Johnson bound) over the cubic
     * extension, for traces up to 2^24 rows.
     */
    public static ProofOptions proven() {
        return new ProofOptions(4, 47, 88, 20, 3, 8, 32, HashFunction.defaultHash().id());
    }

    /** The named presets, weakest first; their names are what the CLI and model files use. */
    public static final List<String> PRESETS = List.of("test", "default", "chain", "high", "proven");

    /** Looks up a preset by its CLI name: {@code test}, {@code default}, {@code chain}, {@code high}, {@code proven}. */
    public static ProofOptions preset(String name) {
        return switch (name) {
            case "test" -> test();
            case "default" -> standard();
            case "chain" -> chain();
            case "high" -> high();
            case "proven" -> proven();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (expected "
                    + String.join(", ", PRESETS) + ")");
        };
    }

    /** The name of the preset these options are, if any. */
    public Optional<String> presetName() {
        return PRESETS.stream().filter(name -> preset(name).equals(this)).findFirst();
    }

    /**
     * Whether these options are at least as strong as {@code other} in every parameter: no smaller
     * blowup, query counts, grinding or extension (every hash a proof can name has 128 collision
     * bits, so the hash may differ), and the same FRI folding and remainder (which move no security figure by more than a fraction of a bit, but are kept
     * equal so that "at least as strong" needs no argument).
     */
    public boolean atLeastAsStrongAs(ProofOptions other) {
        return logBlowup >= other.logBlowup && numQueries >= other.numQueries && dataQueries >= other.dataQueries
                && grindingBits >= other.grindingBits && extensionDegree >= other.extensionDegree
                && foldingFactor == other.foldingFactor && remainderSize == other.remainderSize;
    }

    /** The same options with another hash. */
    public ProofOptions withHash(HashId other) {
        return new ProofOptions(logBlowup, numQueries, dataQueries, grindingBits, extensionDegree, foldingFactor,
                remainderSize, other);
    }

    public int blowup() {
        return 1 << logBlowup;
    }

    public ExtensionField extension() {
        return ExtensionField.ofDegree(extensionDegree);
    }

    public FriOptions fri() {
        return new FriOptions(foldingFactor, remainderSize);
    }
}
