package dev.comet.proof;

/** The bytes are not a well-formed Comet proof; the message says where in one line. */
public final class MalformedProofException extends Exception {
    public MalformedProofException(String message) {
        super(message);
    }
}
