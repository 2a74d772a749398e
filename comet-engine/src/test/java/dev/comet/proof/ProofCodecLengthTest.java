package dev.comet.proof;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The format's maximum length is checked before anything is parsed, and only above the maximum. */
class ProofCodecLengthTest {
    @Test
    void decodeRejectsInputLongerThanTheFormatsMaximum() {
        byte[] tooLong = new byte[ProofCodec.MAX_ENCODED_BYTES + 1];
        System.arraycopy(ProofCodec.MAGIC, 0, tooLong, 0, ProofCodec.MAGIC.length);
        MalformedProofException e = assertThrows(MalformedProofException.class, () -> ProofCodec.decode(tooLong));
        assertTrue(e.getMessage().contains("more than the format's maximum of " + ProofCodec.MAX_ENCODED_BYTES),
                e.getMessage());
    }

    @Test
    void inputOfExactlyTheMaximumIsParsed() {
        // Parsed (and refused for its content), so the limit is not off by one.
        byte[] atLimit = new byte[ProofCodec.MAX_ENCODED_BYTES];
        MalformedProofException e = assertThrows(MalformedProofException.class, () -> ProofCodec.decode(atLimit));
        assertTrue(e.getMessage().contains("wrong magic"), e.getMessage());
    }
}
