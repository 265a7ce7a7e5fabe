// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";
import {IDealManager} from "./interfaces/IDealManager.sol";
import {IMediationCourt} from "./interfaces/IMediationCourt.sol";
import {DealLib} from "./libraries/DealLib.sol";
import {Deal, DealPhase, DealRecord, Verdict} from "./types/DealTypes.sol";

/// @title DealManager
/// @notice Compute deals: agree → result posted → accepted / mediation requested, with an
///         on-chain deadline for every phase. See {IDealManager} and docs/contracts/deals.md.
/// @dev    Storage: one `DealRecord` slot per deal and the hash of its result CID. Terms travel
///         in calldata and are bound by `dealId = hashStruct(deal)`. All money sits in the
///         vault, in this contract's escrow there (D1: escrow == Σ `escrowOfDeal` over live deals).
///         Every transition writes the new phase before it calls the vault (checks-effects-
///         interactions); the vault is trusted, immutable and calls nothing back.
///         Mediation (panel draw, votes, appeal, mediation timeout) lives in the MediationCourt
///         (docs/adr/0005-mediation-court.md); it ends a disputed deal through `settleMediation`,
///         the only function it may call here. Timeouts pay the caller a keeper bounty out of the
///         funds of the party at fault (see each function).
///         Immutable: no owner, no proxy, no parameter can change after deployment.
contract DealManager is IDealManager, EIP712 {
    using DealLib for Deal;

    /// @inheritdoc IDealManager
    uint256 public constant MAX_MEDIATORS = DealLib.MAX_MEDIATORS;
    /// @inheritdoc IDealManager
    uint256 public constant MAX_CID_LENGTH = DealLib.MAX_CID_LENGTH;
    /// @inheritdoc IDealManager
    bytes32 public constant DEAL_TYPEHASH = DealLib.DEAL_TYPEHASH;

    /// @inheritdoc IDealManager
    address public immutable vault;
    /// @inheritdoc IDealManager
    address public immutable token;
    /// @inheritdoc IDealManager
    uint16 public immutable networkFeeBps;
    /// @inheritdoc IDealManager
    address public immutable court;
    /// @inheritdoc IDealManager
    uint256 public immutable keeperBounty;

    mapping(bytes32 dealId => DealRecord record) private _records;
    mapping(bytes32 dealId => bytes32 cidHash) private _resultCidHashes;

    /// @param vault_ the CollateralVault; this contract must be one of its lockers
    /// @param token_ the ERC-20 every deal of this manager is priced and collateralised in
    /// @param networkFeeBps_ network fee taken from the node's payment, at most 10,000
    /// @param court_ the MediationCourt allowed to settle disputed deals
    /// @param keeperBounty_ what whoever triggers an expired deadline is paid (capped by what the
    ///        party at fault has in the deal)
    constructor(address vault_, address token_, uint16 networkFeeBps_, address court_, uint256 keeperBounty_)
        EIP712("Pactum", "1")
    {
        if (vault_ == address(0)) revert DealInvalidConfig("VAULT_ZERO");
        if (token_ == address(0)) revert DealInvalidConfig("TOKEN_ZERO");
        if (court_ == address(0)) revert DealInvalidConfig("COURT_ZERO");
        if (networkFeeBps_ > DealLib.BPS) revert DealInvalidConfig("FEE_ABOVE_100_PERCENT");
        vault = vault_;
        token = token_;
        networkFeeBps = networkFeeBps_;
        court = court_;
        keeperBounty = keeperBounty_;
    }

    // --------------------------------------------------------------- lifecycle

    /// @inheritdoc IDealManager
    function agree(Deal calldata deal) external returns (bytes32 dealId) {
        dealId = deal.hash();
        DealPhase phase = _records[dealId].phase;
        // INVARIANT: nobody locks into a deal after its agree deadline.
        if (block.timestamp > deal.agreeDeadline) revert DealDeadlinePassed(dealId, deal.agreeDeadline);
        if (msg.sender == deal.client) {
            // INVARIANT: the client locks at most once, first or second.
            _requirePhase(dealId, phase, DealLib.bit(DealPhase.None) | DealLib.bit(DealPhase.NodeAgreed));
            if (phase == DealPhase.None) {
                deal.validate();
                _records[dealId].phase = DealPhase.ClientAgreed;
            } else {
                _records[dealId] = _agreedRecord();
            }
            _lock(deal.client, deal.clientStake());
        } else if (msg.sender == deal.node) {
            // INVARIANT: the node locks at most once, first or second.
            _requirePhase(dealId, phase, DealLib.bit(DealPhase.None) | DealLib.bit(DealPhase.ClientAgreed));
            if (phase == DealPhase.None) {
                deal.validate();
                _records[dealId].phase = DealPhase.NodeAgreed;
            } else {
                _records[dealId] = _agreedRecord();
            }
            _lock(deal.node, deal.nodeCollateral);
        } else {
            revert DealUnauthorized(dealId, msg.sender);
        }
        if (phase == DealPhase.None) {
            emit DealPartyAgreed(dealId, msg.sender);
        } else {
            emit DealAgreed(dealId, deal.client, deal.node, deal);
        }
    }

    /// @inheritdoc IDealManager
    function agreeBySig(Deal calldata deal, bytes calldata clientSig, bytes calldata nodeSig)
        external
        returns (bytes32 dealId)
    {
        dealId = deal.hash();
        // INVARIANT: a deal id is agreed at most once, ever (no signature replay).
        _requirePhase(dealId, _records[dealId].phase, DealLib.bit(DealPhase.None));
        if (block.timestamp > deal.agreeDeadline) revert DealDeadlinePassed(dealId, deal.agreeDeadline);
        deal.validate();
        bytes32 digest = _hashTypedDataV4(dealId);
        if (!_isValidSignature(deal.client, digest, clientSig)) revert DealInvalidSignature(dealId, deal.client);
        if (!_isValidSignature(deal.node, digest, nodeSig)) revert DealInvalidSignature(dealId, deal.node);
        _records[dealId] = _agreedRecord();
        ICollateralVault(vault).lockPair(token, deal.client, deal.clientStake(), deal.node, deal.nodeCollateral);
        emit DealAgreed(dealId, deal.client, deal.node, deal);
    }

    /// @inheritdoc IDealManager
    function postResult(Deal calldata deal, bytes calldata resultCid, uint64 fuelUsed) external {
        bytes32 dealId = deal.hash();
        if (msg.sender != deal.node) revert DealUnauthorized(dealId, msg.sender);
        DealRecord storage record = _records[dealId];
        // INVARIANT: one result per deal, only while the node's timeout collateral is locked.
        _requirePhase(dealId, record.phase, DealLib.bit(DealPhase.Agreed));
        uint40 agreedAt = record.agreedAt;
        uint256 deadline = uint256(agreedAt) + deal.resultTimeout;
        if (block.timestamp > deadline) revert DealDeadlinePassed(dealId, deadline);
        if (fuelUsed > deal.maxFuel) revert DealFuelAboveLimit(dealId, fuelUsed, deal.maxFuel);
        if (resultCid.length == 0 || resultCid.length > MAX_CID_LENGTH) revert DealInvalidCid(dealId);

        _records[dealId] = DealRecord({
            phase: DealPhase.ResultPosted,
            agreedAt: agreedAt,
            resultAt: uint40(block.timestamp),
            disputedAt: 0,
            fuelUsed: fuelUsed,
            disputeBlock: 0
        });
        _resultCidHashes[dealId] = keccak256(resultCid);

        // Swap node timeout collateral for cheating collateral with one vault call.
        uint256 released = deal.nodeCollateral;
        uint256 locked = deal.cheatingCollateral;
        if (locked > released) {
            _lock(deal.node, locked - released);
        } else if (released > locked) {
            _release(deal.node, released - locked);
        }
        emit ResultPosted(dealId, msg.sender, resultCid, fuelUsed);
    }

    /// @inheritdoc IDealManager
    function acceptResult(Deal calldata deal) external {
        bytes32 dealId = deal.hash();
        if (msg.sender != deal.client) revert DealUnauthorized(dealId, msg.sender);
        DealRecord storage record = _records[dealId];
        // INVARIANT: a result is paid out at most once, and never while disputed.
        _requirePhase(dealId, record.phase, DealLib.bit(DealPhase.ResultPosted));
        uint256 deadline = uint256(record.resultAt) + deal.judgeTimeout;
        if (block.timestamp > deadline) revert DealDeadlinePassed(dealId, deadline);
        _payOut(dealId, deal, record.fuelUsed, true);
    }

    /// @inheritdoc IDealManager
    function finalize(Deal calldata deal) external {
        bytes32 dealId = deal.hash();
        DealRecord storage record = _records[dealId];
        // INVARIANT: a result is paid out at most once, and never while disputed.
        _requirePhase(dealId, record.phase, DealLib.bit(DealPhase.ResultPosted));
        uint256 deadline = uint256(record.resultAt) + deal.judgeTimeout;
        if (block.timestamp <= deadline) revert DealDeadlineNotReached(dealId, deadline);
        _payOut(dealId, deal, record.fuelUsed, false);
    }

    /// @inheritdoc IDealManager
    /// @dev Reverts `DealNoMediators` when the agreed mediator set is empty.
    function requestMediation(Deal calldata deal) external {
        bytes32 dealId = deal.hash();
        if (msg.sender != deal.client) revert DealUnauthorized(dealId, msg.sender);
        DealRecord memory record = _records[dealId];
        // INVARIANT: a result is disputed at most once, and only before it was paid out.
        _requirePhase(dealId, record.phase, DealLib.bit(DealPhase.ResultPosted));
        uint256 deadline = uint256(record.resultAt) + deal.judgeTimeout;
        if (block.timestamp > deadline) revert DealDeadlinePassed(dealId, deadline);
        if (deal.mediators.length == 0) revert DealNoMediators(dealId);

        record.phase = DealPhase.MediationRequested;
        record.disputedAt = uint40(block.timestamp);
        record.disputeBlock = uint64(block.number); // same slot: no extra storage write
        _records[dealId] = record;
        if (deal.mediationFee != 0) _lock(deal.client, deal.mediationFee);
        emit MediationRequested(dealId, msg.sender, deal.mediationFee);
    }

    /// @inheritdoc IDealManager
    function settleMediation(Deal calldata deal, Verdict verdict, address[] calldata mediators) external {
        bytes32 dealId = deal.hash();
        if (msg.sender != court) revert DealUnauthorized(dealId, msg.sender);
        // INVARIANT: a disputed deal is settled once, only by the court.
        _requirePhase(dealId, _records[dealId].phase, DealLib.bit(DealPhase.MediationRequested));
        uint256 fee = deal.mediationFee;
        if (verdict == Verdict.None) {
            _records[dealId].phase = DealPhase.MediationTimedOut;
            uint256 refund = deal.clientStake() + fee;
            ICollateralVault(vault).releasePair(token, deal.client, refund, deal.node, deal.cheatingCollateral, 0);
            emit DealMediationTimedOut(dealId, refund, deal.cheatingCollateral);
            return;
        }
        if (mediators.length == 0) revert DealNoMediators(dealId);
        if (verdict == Verdict.Correct) {
            _records[dealId].phase = DealPhase.MediatedCorrect;
            (uint256 nodePayment, uint256 networkFee, uint256 clientRefund) =
                _releaseCorrect(deal, _records[dealId].fuelUsed, mediators[0], _firstShare(fee, mediators.length));
            _payMediators(mediators, fee);
            emit DealMediated(dealId, verdict, nodePayment, networkFee, clientRefund, mediators, fee);
        } else {
            // Incorrect: the node is not paid. Its cheating collateral is slashed: the mediators
            // get the fee's worth of it, the client the rest, and the client's own fee back.
            _records[dealId].phase = DealPhase.MediatedIncorrect;
            uint256 clientRefund = deal.clientStake() + deal.cheatingCollateral;
            ICollateralVault(vault)
                .releasePair(token, deal.client, clientRefund, mediators[0], _firstShare(fee, mediators.length), 0);
            _payMediators(mediators, fee);
            emit DealMediated(dealId, verdict, 0, 0, clientRefund, mediators, fee);
        }
    }

    /// @inheritdoc IDealManager
    function expireAgreement(Deal calldata deal) external {
        bytes32 dealId = deal.hash();
        DealPhase phase = _records[dealId].phase;
        // INVARIANT: only a half-agreed deal expires; it holds exactly the one party's stake.
        _requirePhase(dealId, phase, DealLib.bit(DealPhase.ClientAgreed) | DealLib.bit(DealPhase.NodeAgreed));
        if (block.timestamp <= deal.agreeDeadline) revert DealDeadlineNotReached(dealId, deal.agreeDeadline);

        _records[dealId].phase = DealPhase.AgreeExpired;
        (address party, uint256 stake) =
            phase == DealPhase.ClientAgreed ? (deal.client, deal.clientStake()) : (deal.node, deal.nodeCollateral);
        // The party that never agreed has nothing locked: the bounty comes out of the lone party's
        // stake, unless that party ends the deal itself (then it keeps everything).
        uint256 bounty = msg.sender == party ? 0 : _bounty(stake);
        uint256 refund = stake - bounty;
        _releaseWithBounty(dealId, party, refund, bounty);
        emit DealAgreeExpired(dealId, party, refund);
    }

    /// @inheritdoc IDealManager
    function timeoutResult(Deal calldata deal) external {
        bytes32 dealId = deal.hash();
        DealRecord memory record = _records[dealId];
        // INVARIANT: a stalled node forfeits its timeout collateral to the client, once.
        _requirePhase(dealId, record.phase, DealLib.bit(DealPhase.Agreed));
        uint256 deadline = uint256(record.agreedAt) + deal.resultTimeout;
        if (block.timestamp <= deadline) revert DealDeadlineNotReached(dealId, deadline);

        _records[dealId].phase = DealPhase.ResultTimedOut;
        uint256 refund = deal.clientStake();
        // The node is at fault: the bounty comes out of its timeout collateral.
        uint256 bounty = _bounty(deal.nodeCollateral);
        uint256 toClient = deal.nodeCollateral - bounty;
        _releaseWithBounty(dealId, deal.client, refund + toClient, bounty);
        emit DealResultTimedOut(dealId, refund, toClient);
    }

    // ------------------------------------------------------------------- views

    /// @inheritdoc IDealManager
    function hashDeal(Deal calldata deal) external pure returns (bytes32) {
        return deal.hash();
    }

    /// @inheritdoc IDealManager
    function dealDigest(Deal calldata deal) external view returns (bytes32) {
        return _hashTypedDataV4(deal.hash());
    }

    /// @inheritdoc IDealManager
    function dealRecord(bytes32 dealId) external view returns (DealRecord memory) {
        return _records[dealId];
    }

    /// @inheritdoc IDealManager
    function resultCidHash(bytes32 dealId) external view returns (bytes32) {
        return _resultCidHashes[dealId];
    }

    /// @inheritdoc IDealManager
    function paymentFor(Deal calldata deal, uint64 fuelUsed) external pure returns (uint256) {
        return deal.paymentFor(fuelUsed);
    }

    /// @inheritdoc IDealManager
    function escrowOfDeal(Deal calldata deal) external view returns (uint256) {
        return deal.heldIn(_records[deal.hash()].phase);
    }

    /// @inheritdoc IDealManager
    function currentDeadline(Deal calldata deal) external view returns (uint256 deadline, bool passed) {
        DealRecord memory record = _records[deal.hash()];
        DealPhase phase = record.phase;
        if (phase <= DealPhase.NodeAgreed) {
            deadline = deal.agreeDeadline;
        } else if (phase == DealPhase.Agreed) {
            deadline = uint256(record.agreedAt) + deal.resultTimeout;
        } else if (phase == DealPhase.ResultPosted) {
            deadline = uint256(record.resultAt) + deal.judgeTimeout;
        } else if (phase == DealPhase.MediationRequested) {
            return IMediationCourt(court).currentDeadline(deal);
        } else {
            return (0, false);
        }
        passed = block.timestamp > deadline;
    }

    // ---------------------------------------------------------------- internal

    /// @dev Pays out an accepted result: the node gets its payment minus the network fee plus
    ///      its cheating collateral, the treasury the fee, the client the unused price and its
    ///      timeout collateral. Together exactly what the deal held (price + clientCollateral +
    ///      cheatingCollateral).
    ///      After the judge window (`byClient` false) the client is at fault: the caller's keeper
    ///      bounty comes out of the client's refund.
    function _payOut(bytes32 dealId, Deal calldata deal, uint64 fuelUsed, bool byClient) private {
        _records[dealId].phase = DealPhase.Accepted;
        uint256 payment = deal.paymentFor(fuelUsed);
        uint256 fee = DealLib.feeOn(payment, networkFeeBps);
        uint256 nodePayment = payment - fee;
        uint256 clientRefund = deal.price - payment + deal.clientCollateral;
        uint256 bounty;
        if (!byClient && msg.sender != deal.client) {
            bounty = _bounty(clientRefund);
            clientRefund -= bounty;
        }
        ICollateralVault(vault)
            .releasePair(token, deal.node, nodePayment + deal.cheatingCollateral, deal.client, clientRefund, fee);
        if (bounty != 0) _payKeeper(dealId, bounty);
        emit DealAccepted(dealId, byClient, nodePayment, fee, clientRefund);
    }

    /// @dev The record of a deal both parties have just locked into.
    function _agreedRecord() private view returns (DealRecord memory) {
        return DealRecord({
            phase: DealPhase.Agreed,
            agreedAt: uint40(block.timestamp),
            resultAt: 0,
            disputedAt: 0,
            fuelUsed: 0,
            disputeBlock: 0
        });
    }

    /// @dev ECDSA first (65-byte, low-s, v 27/28), then ERC-1271 for contract signers. Unlike
    ///      `SignatureChecker.isValidSignatureNowCalldata`, an EOA signature is accepted without
    ///      reading the signer's code size first (a cold EXTCODESIZE, 2,600 gas per party);
    ///      this also accepts the key of an EIP-7702 delegated account, which still controls it.
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }

    /// @dev Correct verdict: node paid as accepted, treasury its fee, client the unused price and
    ///      its collateral, and the first mediator its share of the fee.
    function _releaseCorrect(Deal calldata deal, uint64 fuelUsed, address firstMediator, uint256 firstShare)
        private
        returns (uint256 nodePayment, uint256 networkFee, uint256 clientRefund)
    {
        uint256 payment = deal.paymentFor(fuelUsed);
        networkFee = DealLib.feeOn(payment, networkFeeBps);
        nodePayment = payment - networkFee;
        clientRefund = deal.price - payment + deal.clientCollateral;
        ICollateralVault(vault)
            .releasePair(token, deal.node, nodePayment + deal.cheatingCollateral, deal.client, clientRefund, networkFee);
        _release(firstMediator, firstShare);
    }

    /// @dev Equal shares of `fee`; the first mediator also gets the rounding remainder.
    function _firstShare(uint256 fee, uint256 count) private pure returns (uint256) {
        return fee - (fee / count) * (count - 1);
    }

    /// @dev Pays the shares of every mediator but the first (paid with the main release).
    function _payMediators(address[] calldata mediators, uint256 fee) private {
        uint256 count = mediators.length;
        uint256 share = fee / count;
        for (uint256 i = 1; i < count; ++i) {
            _release(mediators[i], share);
        }
    }

    /// @dev The keeper bounty, capped by `available` (what the party at fault has in the deal).
    function _bounty(uint256 available) private view returns (uint256) {
        uint256 bounty = keeperBounty;
        return bounty < available ? bounty : available;
    }

    /// @dev Releases `amount` to `account` and `bounty` to the caller in one vault call.
    function _releaseWithBounty(bytes32 dealId, address account, uint256 amount, uint256 bounty) private {
        if (bounty == 0) {
            _release(account, amount);
        } else {
            ICollateralVault(vault).releasePair(token, account, amount, msg.sender, bounty, 0);
            emit KeeperPaid(dealId, msg.sender, bounty);
        }
    }

    function _payKeeper(bytes32 dealId, uint256 bounty) private {
        ICollateralVault(vault).release(token, msg.sender, bounty);
        emit KeeperPaid(dealId, msg.sender, bounty);
    }

    function _lock(address account, uint256 amount) private {
        if (amount != 0) ICollateralVault(vault).lock(token, account, amount);
    }

    function _release(address account, uint256 amount) private {
        if (amount != 0) ICollateralVault(vault).release(token, account, amount);
    }

    function _requirePhase(bytes32 dealId, DealPhase current, uint256 expected) private pure {
        if (DealLib.bit(current) & expected == 0) revert DealUnexpectedPhase(dealId, current, expected);
    }
}
