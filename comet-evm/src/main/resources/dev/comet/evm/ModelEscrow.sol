// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import "./CometRegistry.sol";

/// An example consumer of the registry: a buyer pays into escrow for a model trained on a named
/// dataset; the payment goes to the seller once the seller has registered, after the escrow was
/// opened, a model accepted by the verifier the buyer trusts (of the shape the buyer wants) and
/// trained on that dataset, and back to the buyer if none is delivered by the deadline. A buyer
/// with further conditions (a learning rate, a final loss) would read them from the statement,
/// checked against the record with `registry.hasStatement`.
contract ModelEscrow {
    CometRegistry public immutable registry;
    address public immutable verifier;
    bytes32 public immutable datasetCommitment;
    address payable public immutable buyer;
    address payable public immutable seller;
    uint256 public immutable deadline;
    uint256 public immutable openedAt;

    /// the model paid for (zero until then)
    bytes32 public delivered;
    bool public settled;

    event Released(bytes32 indexed id, address seller, uint256 amount);
    event Refunded(address buyer, uint256 amount);

    error AlreadySettled();
    error NotVerifiedByTheVerifier(bytes32 id);
    error NotTheSellers(bytes32 id);
    error TrainedOnOtherData(bytes32 id);
    error TooEarly(uint256 deadline);
    error TooLate(uint256 deadline);
    error NotTheBuyer();

    constructor(CometRegistry registry_, address verifier_, bytes32 datasetCommitment_, address payable seller_,
                uint256 deadline_) payable {
        registry = registry_;
        verifier = verifier_;
        datasetCommitment = datasetCommitment_;
        openedAt = block.number;
        buyer = payable(msg.sender);
        seller = seller_;
        deadline = deadline_;
    }

    /// Pays the seller for record id: the seller's, registered since the escrow opened, accepted by
    /// the trusted verifier, trained on the dataset.
    function release(bytes32 id) external {
        if (settled) {
            revert AlreadySettled();
        }
        if (block.timestamp > deadline) {
            revert TooLate(deadline);
        }
        if (!registry.isVerifiedBy(id, verifier)) {
            revert NotVerifiedByTheVerifier(id);
        }
        if (!registry.trainedOn(id, verifier, datasetCommitment)) {
            revert TrainedOnOtherData(id);
        }
        CometRegistry.Model memory m = registry.model(id);
        if (m.registrant != seller || m.blockNumber < openedAt) {
            revert NotTheSellers(id);
        }
        settled = true;
        delivered = id;
        uint256 amount = address(this).balance;
        emit Released(id, seller, amount);
        (bool ok, ) = seller.call{value: amount}("");
        require(ok, "payment");
    }

    /// Returns the payment to the buyer after the deadline, if no model was delivered.
    function refund() external {
        if (msg.sender != buyer) {
            revert NotTheBuyer();
        }
        if (settled) {
            revert AlreadySettled();
        }
        if (block.timestamp <= deadline) {
            revert TooEarly(deadline);
        }
        settled = true;
        uint256 amount = address(this).balance;
        emit Refunded(buyer, amount);
        (bool ok, ) = buyer.call{value: amount}("");
        require(ok, "refund");
    }
}
