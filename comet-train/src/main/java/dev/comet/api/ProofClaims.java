package dev.comet.api;

import dev.comet.proof.MalformedProofException;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.SecurityReport;
import dev.comet.train.TrainingStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The claims a model file makes about its proof that the proof does not bind: the proof file's
 * digest and size, the options, the preset's name, the security figure and its formula, and the
 * commitment scheme. The verifier takes the options from the proof itself, so any of these could
 * be edited and the proof would still verify, while a reader of the model file (or of
 * {@code comet inspect}) would believe it: a test proof labelled 'high' and 128 bits. Each claim
 * is therefore compared with what the proof and this verifier say; the first contradiction is
 * one line naming the field.
 *
 * <p>To check a new field, add a row to {@code HEADER} (or {@code FILE}).
 */
public final class ProofClaims {
    /** What {@code proof.preset} says of options that are no named preset. */
    public static final String CUSTOM = Comet.CUSTOM_OPTIONS;

    private ProofClaims() {}

    /** What the header claims are compared with: the proof's options and their figures for the stated run. */
    private record Header(ProofOptions options, SecurityReport security) {}

    /**
     * One claim: the model file's field, its value there, the value the proof implies, and how to
     * say the latter after "but ".
     */
    private record Claim<E>(String field, Function<ModelFile, Object> claimed, Function<E, Object> actual,
                            Function<Object, String> proofSays) {
        Optional<String> contradiction(ModelFile model, E evidence) {
            Object says = claimed.apply(model);
            Object is = actual.apply(evidence);
            return Objects.equals(says, is) ? Optional.empty()
                    : Optional.of(field + " says " + show(says) + " but " + proofSays.apply(is));
        }
    }

    /** Claims about the file as bytes; checked first, since another file makes every other comparison moot. */
    private static final List<Claim<byte[]>> FILE = List.of(
            new Claim<>("proof.sha256", m -> m.proof().sha256(), ProofCodec::digestHex,
                    v -> "the proof file's SHA-256 is " + show(v)),
            new Claim<>("proof.bytes", m -> m.proof().bytes(), bytes -> (long) bytes.length,
                    v -> "the proof file has " + v + " bytes"));

    private static final List<Claim<Header>> HEADER = List.of(
            option("blowup", ModelFile.Options::blowup, ProofOptions::blowup),
            option("queries", ModelFile.Options::queries, ProofOptions::numQueries),
            option("data_queries", ModelFile.Options::dataQueries, ProofOptions::dataQueries),
            option("grinding_bits", ModelFile.Options::grindingBits, ProofOptions::grindingBits),
            option("extension_degree", ModelFile.Options::extensionDegree, ProofOptions::extensionDegree),
            option("folding_factor", ModelFile.Options::foldingFactor, ProofOptions::foldingFactor),
            option("remainder_size", ModelFile.Options::remainderSize, ProofOptions::remainderSize),
            option("hash", ModelFile.Options::hash, o -> o.hash().name()),
            new Claim<>("proof.preset", m -> m.proof().preset(), h -> presetName(h.options()),
                    v -> "the proof was made with " + (CUSTOM.equals(v) ? "custom options" : "the " + show(v) + " preset's options")),
            new Claim<>("proof.security_bits", m -> m.proof().securityBits(), h -> h.security().bits(),
                    v -> "the proof's options give " + v + " bits of conjectured security for this run"),
            new Claim<>("proof.security_formula", m -> m.proof().securityFormula(), h -> SecurityReport.CONJECTURED_FORMULA,
                    v -> "the figure is computed by " + show(v)),
            new Claim<>("data.scheme", m -> m.data().scheme(), h -> ModelFile.SCHEME,
                    v -> "this verifier checks " + show(v)));

    private static Claim<Header> option(String name, Function<ModelFile.Options, Object> claimed,
                                        Function<ProofOptions, Object> actual) {
        return new Claim<>("proof.options." + name, m -> claimed.apply(m.proof().options()), h -> actual.apply(h.options()),
                v -> "the proof was made with " + show(v));
    }

    /**
     * The first claim of {@code model} about {@code encoded} that is false, as one line naming the
     * field, or empty when all hold. {@code statement} is the model's own (its run sets the
     * security figure). A proof that does not decode contradicts the claim that it is one.
     */
    public static Optional<String> contradiction(ModelFile model, TrainingStatement statement, byte[] encoded) {
        for (Claim<byte[]> claim : FILE) {
            Optional<String> c = claim.contradiction(model, encoded);
            if (c.isPresent()) {
                return c;
            }
        }
        ProofOptions options;
        try {
            options = ProofCodec.decode(encoded).options();
        } catch (MalformedProofException e) {
            return Optional.of(e.getMessage());
        }
        Header header = new Header(options, Comet.security(statement, options));
        for (Claim<Header> claim : HEADER) {
            Optional<String> c = claim.contradiction(model, header);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** The preset whose options these are, or {@link #CUSTOM}: what {@code proof.preset} must say. */
    public static String presetName(ProofOptions options) {
        return options.presetName().orElse(CUSTOM);
    }

    private static String show(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
