// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// What the registry asks of a verifier: Comet's generated verifier of one AIR shape
/// (`comet solidity`), which reads the statement it is given and verifies a proof of it.
interface ICometShapeVerifier {
    /// Whether proof (w, digests) proves statement, a statement of the verifier's shape.
    function verify(bytes calldata statement, uint256[] calldata w, bytes32[] calldata digests)
        external view returns (bool);

    /// The dataset commitment statement names; zero if it is not a statement of the shape.
    function commitment(bytes calldata statement) external view returns (bytes32);

    /// The conjectured security of the verifier's proof options for its shape, in bits.
    function securityBits() external view returns (uint256);
}

/// A registry of models whose training proofs a verifier accepted, for other contracts to build
/// on. A model's statement is the bytes `comet` writes (dataset commitment, model,
/// hyperparameters, standardisation, initial and final weights, learning curve).
///
/// Anyone may register, naming the verifier that checks the proof: the registry records which one,
/// and a consumer trusts a verifier (of the shape it wants: model kind, rows, features, batch,
/// epochs are fixed by the verifier) by its address, after regenerating it with `comet solidity`.
/// A record's id is modelId(verifier, statement, registrant): a contract that accepts anything
/// cannot take the id of a genuine verifier's record, and a copy of someone's registration sent
/// first makes the copier's record, not theirs.
contract CometRegistry {
    struct Model {
        /// the verifier that accepted the proof (zero: not registered)
        address verifier;
        /// the dataset commitment the statement names
        bytes32 datasetCommitment;
        /// the verifier's conjectured security, in bits
        uint32 securityBits;
        /// the block of the registration
        uint64 blockNumber;
        /// who registered it
        address registrant;
    }

    /// The least security a registration needs, in bits.
    uint256 public immutable minimumSecurityBits;

    mapping(bytes32 => Model) private models;

    event ModelRegistered(bytes32 indexed id, address indexed verifier, bytes32 indexed datasetCommitment,
        uint256 securityBits, address registrant);

    error AlreadyRegistered(bytes32 id);
    error NotAStatementOfTheShape(address verifier);
    error ProofRejected(bytes32 id);
    error SecurityTooLow(uint256 bits, uint256 minimum);

    constructor(uint256 minimumBits) {
        minimumSecurityBits = minimumBits;
    }

    /// Verifies the proof of statement with verifier and records the model; reverts, recording
    /// nothing, if it is registered already, the verifier's security is below the minimum, the
    /// statement is not of the verifier's shape or the proof does not verify.
    function register(address verifier, bytes calldata statement, uint256[] calldata w, bytes32[] calldata digests)
        external returns (bytes32 id)
    {
        id = modelId(verifier, statement, msg.sender);
        if (models[id].verifier != address(0)) {
            revert AlreadyRegistered(id);
        }
        ICometShapeVerifier v = ICometShapeVerifier(verifier);
        uint256 bits = v.securityBits();
        if (bits < minimumSecurityBits) {
            revert SecurityTooLow(bits, minimumSecurityBits);
        }
        bytes32 commitment = v.commitment(statement);
        if (commitment == bytes32(0)) {
            revert NotAStatementOfTheShape(verifier);
        }
        if (!v.verify(statement, w, digests)) {
            revert ProofRejected(id);
        }
        models[id] = Model(verifier, commitment, uint32(bits), uint64(block.number), msg.sender);
        emit ModelRegistered(id, verifier, commitment, bits, msg.sender);
    }

    /// The id of statement's record when verifier accepted it from registrant.
    function modelId(address verifier, bytes calldata statement, address registrant) public pure returns (bytes32) {
        return keccak256(abi.encode(verifier, keccak256(statement), registrant));
    }

    /// Whether model id is registered (by whichever verifier: check it with isVerifiedBy).
    function isRegistered(bytes32 id) external view returns (bool) {
        return models[id].verifier != address(0);
    }

    /// Whether model id is registered, its proof accepted by verifier.
    function isVerifiedBy(bytes32 id, address verifier) public view returns (bool) {
        return verifier != address(0) && models[id].verifier == verifier;
    }

    /// Whether model id, accepted by verifier, was trained on the dataset of commitment (the digest
    /// `comet commit` prints: the table root with the rows, scale, names and classes).
    function trainedOn(bytes32 id, address verifier, bytes32 commitment) external view returns (bool) {
        return isVerifiedBy(id, verifier) && models[id].datasetCommitment == commitment;
    }

    /// Whether statement is that of record id accepted by verifier: a consumer reads the spec
    /// (learning rate, weights, curve) from the statement it passes.
    function hasStatement(bytes32 id, bytes calldata statement, address verifier) external view returns (bool) {
        return isVerifiedBy(id, verifier) && modelId(verifier, statement, models[id].registrant) == id;
    }

    /// Model id's record (all zero when it is not registered).
    function model(bytes32 id) external view returns (Model memory) {
        return models[id];
    }
}
