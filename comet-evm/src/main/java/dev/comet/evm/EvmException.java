package dev.comet.evm;

/** The EVM tooling or a node failed; the message is one line for the user. */
public final class EvmException extends RuntimeException {
    public EvmException(String message) {
        super(message);
    }

    public EvmException(String message, Throwable cause) {
        super(message, cause);
    }
}
