package dev.comet.evm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written Solidity of the on-chain verifier's fixed parts, shipped as resources of this module. */
public final class SolidityLibraries {
    private SolidityLibraries() {}

    /** {@code CometTranscript.sol}: the Fiat-Shamir transcript of {@link dev.comet.hash.Transcript}, over SHA-256. */
    public static String transcript() {
        return resource("CometTranscript.sol");
    }

    /** {@code CometMerkle.sol}: leaf digests and batch openings of {@link dev.comet.merkle.MerkleTree}, over SHA-256. */
    public static String merkle() {
        return resource("CometMerkle.sol");
    }

    /** {@code CometField.sol}: Goldilocks and its extensions, as {@link dev.comet.field}. */
    public static String field() {
        return resource("CometField.sol");
    }

    /** {@code CometFri.sol}: the FRI verifier of {@link dev.comet.fri.FriVerifier} for one function; needs the three above. */
    public static String fri() {
        return resource("CometFri.sol");
    }

    /** {@code CometStark.sol}: the one-table STARK verifier and its calldata decoder; needs the four above. */
    public static String stark() {
        return resource("CometStark.sol");
    }

    /** {@code CometRegistry.sol}: the registry of verified models, over shape verifiers ({@link Registry}). */
    public static String registry() {
        return resource("CometRegistry.sol");
    }

    /** {@code ModelEscrow.sol}: an example consumer of the registry, paying for a model trained on a named dataset. */
    public static String escrow() {
        return resource("ModelEscrow.sol");
    }

    private static String resource(String name) {
        try (InputStream in = SolidityLibraries.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
