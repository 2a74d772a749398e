package dev.comet.proof;

import dev.comet.field.ExtensionField;
import dev.comet.fri.FriOptions;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;

/**
 * Everything that fixes the proof system's parameters. Bound into the transcript, so a proof made
 * with one set of options never verifies under another.
 *
 * @param logBlowup         log2 of the low-degree-extension blowup (1..6)
 * @param numQueries        FRI query count (1..255)
 * @param grindingBits      proof-of-work bits required before queries are drawn (0..32)
 * @param extensionDegree   degree of the field extension for challenges (1, 2 or 3)
 * @param foldingFactor     FRI folding factor (2, 4, 8, 16)
 * @param remainderSize     FRI remainder degree bound (power of two, at most 1024)
 * @param hash              hash for Merkle trees and the transcript
 */
public record ProofOptions(int logBlowup, int numQueries, int grindingBits, int extensionDegree,
                           int foldingFactor, int remainderSize, HashId hash) {
    public ProofOptions {
        if (logBlowup < 1 || logBlowup > 6) {
            throw new IllegalArgumentException("blowup must be 2^1..2^6, got 2^" + logBlowup);
        }
        if (numQueries < 1 || numQueries > 255) {
            throw new IllegalArgumentException("number of queries must be 1..255, got " + numQueries);
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
        return new ProofOptions(2, 8, 0, 2, 4, 8, HashFunction.defaultHash().id());
    }

    /** At least 100 bits of conjectured security over the quadratic extension. */
    public static ProofOptions standard() {
        return new ProofOptions(2, 40, 20, 2, 8, 32, HashFunction.defaultHash().id());
    }

    /** At least 128 bits of conjectured security over the cubic extension. */
    public static ProofOptions high() {
        return new ProofOptions(4, 29, 16, 3, 8, 32, HashFunction.defaultHash().id());
    }

    /** Looks up a preset by its CLI name: {@code test}, {@code default}, {@code high}. */
    public static ProofOptions preset(String name) {
        return switch (name) {
            case "test" -> test();
            case "default" -> standard();
            case "high" -> high();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (expected test, default or high)");
        };
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

    public SecurityEstimate security() {
        return SecurityEstimate.conjectured(this);
    }
}
