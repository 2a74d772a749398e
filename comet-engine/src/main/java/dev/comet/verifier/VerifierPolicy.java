package dev.comet.verifier;

import dev.comet.proof.ProofOptions;
import dev.comet.proof.SecurityReport;
import java.util.Optional;

/**
 * What a verifier accepts besides a correct proof: a minimum conjectured security and which proof
 * options. By default only the named presets, or options at least as strong as a secure preset in
 * every parameter ({@link ProofOptions#atLeastAsStrongAs}): a formula that trades blowup for
 * queries can reach the conjectured minimum with options whose proven security is far lower
 * (blowup 2, 100 queries, no grinding: conjectured 100 bits, proven about 45), and such trades
 * should be a deliberate choice of the one who verifies.
 *
 * @param minimumBits         least conjectured security ({@link SecurityReport#conjectured()})
 * @param acceptCustomOptions accept any options that reach the minimum
 */
public record VerifierPolicy(int minimumBits, boolean acceptCustomOptions) {
    public static final int DEFAULT_MINIMUM_BITS = 100;

    public static VerifierPolicy defaults() {
        return new VerifierPolicy(DEFAULT_MINIMUM_BITS, false);
    }

    public VerifierPolicy withMinimumBits(int bits) {
        return new VerifierPolicy(bits, acceptCustomOptions);
    }

    public VerifierPolicy withCustomOptions() {
        return new VerifierPolicy(minimumBits, true);
    }

    /** Why a proof with these options and figures is refused, if it is. */
    Optional<String> refusal(ProofOptions options, SecurityReport security) {
        if (security.bits() < minimumBits) {
            return Optional.of("proof has " + security.bits() + " bits of conjectured security, below the required "
                    + minimumBits + " (" + security.conjectured().weakest().name() + " term)");
        }
        if (!acceptCustomOptions && !isNamedOrStronger(options)) {
            return Optional.of("proof options are not a named preset (" + String.join(", ", ProofOptions.PRESETS)
                    + ") nor at least as strong as a secure one in every parameter; accept custom options explicitly");
        }
        return Optional.empty();
    }

    private static boolean isNamedOrStronger(ProofOptions options) {
        if (options.presetName().isPresent()) {
            return true;
        }
        return ProofOptions.PRESETS.stream().filter(name -> !name.equals("test"))
                .anyMatch(name -> options.atLeastAsStrongAs(ProofOptions.preset(name)));
    }
}
