package dev.comet.evm;

/**
 * A rule a statement's values must meet beyond their bounds, as a generated Solidity library the
 * statement's reader calls: {@code check(bytes calldata statement, uint256[] memory at,
 * uint256[] memory values) public pure returns (bool)}, with {@code at} each field's start (and the
 * statement's length last) and {@code values} the public values as field elements.
 *
 * @param library the library's name
 * @param source  its Solidity source
 */
public record StatementCheck(String library, String source) {
    public StatementCheck {
        if (!library.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("not a Solidity library name: " + library);
        }
    }
}
