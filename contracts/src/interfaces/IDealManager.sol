// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Deal, DealPhase, DealRecord, Verdict} from "../types/DealTypes.sol";

/// @title IDealManager
/// @notice Compute deals following the CoopHive lifecycle (../shared/spec/protocol.md §3):
///         agree (collateral locked) → result posted (CID + fuel) → accepted, or disputed
///         and mediated, with an on-chain deadline for every phase.
/// @dev    Storage holds only `dealId => DealRecord` (one slot) and the hash of the result
///         CID. The terms travel in calldata: every call after agreement passes the `Deal`
///         again and the contract recomputes `dealId` from it. The full terms are in the
///         `DealAgreed` event. All money sits in the CollateralVault; this contract's escrow
///         there equals the sum of what its live deals hold (invariant D1).
///
///         EIP-712 domain: name "Pactum", version "1", chainId, verifyingContract = this.
///         Types (the Java side in protocol/ is byte-identical, tested against this contract):
///         - Deal(address client,address node,bytes32 jobOfferId,bytes32 resourceOfferId,
///           bytes jobSpecCid,uint64 maxFuel,uint256 price,uint256 pricePerFuel,
///           uint256 clientCollateral,uint256 nodeCollateral,uint256 cheatingCollateral,
///           uint256 mediationFee,address[] mediators,uint64 agreeDeadline,uint32 resultTimeout,
///           uint32 judgeTimeout,uint32 mediationTimeout)
///         - JobOffer and ResourceOffer as in DealTypes.sol (signed off-chain, checked by the
///           solver; their struct hashes are `jobOfferId` and `resourceOfferId`).
interface IDealManager {
    // ------------------------------------------------------------------ errors

    /// @notice The deal is not in a phase that allows this call. `expected` is a bitmap of
    ///         allowed phases (bit i = DealPhase(i)).
    error DealUnexpectedPhase(bytes32 dealId, DealPhase current, uint256 expected);
    /// @notice The caller is not the party this call belongs to.
    error DealUnauthorized(bytes32 dealId, address caller);
    /// @notice A signature does not belong to the party it is given for.
    error DealInvalidSignature(bytes32 dealId, address signer);
    /// @notice The terms are not acceptable (`reason` names the rule broken).
    error DealInvalidTerms(bytes32 reason);
    /// @notice The deadline of the phase has passed.
    error DealDeadlinePassed(bytes32 dealId, uint256 deadline);
    /// @notice The deadline of the phase has not passed yet.
    error DealDeadlineNotReached(bytes32 dealId, uint256 deadline);
    /// @notice The reported fuel is above the deal's `maxFuel`.
    error DealFuelAboveLimit(bytes32 dealId, uint64 fuelUsed, uint64 maxFuel);
    /// @notice The result CID is empty or longer than `MAX_CID_LENGTH`.
    error DealInvalidCid(bytes32 dealId);
    /// @notice Mediation was requested for a deal whose agreed mediator set is empty: such a
    ///         deal is judged by its client alone (accept, or let the judge window run out).
    error DealNoMediators(bytes32 dealId);
    /// @notice A constructor argument is unusable (`reason` names the rule broken).
    error DealInvalidConfig(bytes32 reason);

    // ------------------------------------------------------------------ events

    /// @notice One party agreed alone (the `agree` path); its collateral is locked.
    event DealPartyAgreed(bytes32 indexed dealId, address indexed party);
    /// @notice Both parties have agreed and locked; the result deadline runs from now.
    event DealAgreed(bytes32 indexed dealId, address indexed client, address indexed node, Deal deal);
    event ResultPosted(bytes32 indexed dealId, address indexed node, bytes resultCid, uint64 fuelUsed);
    /// @notice The deal was paid out: by the client's acceptance (`byClient`), or by anyone after
    ///         the judge window (a judge timeout counts as acceptance).
    event DealAccepted(
        bytes32 indexed dealId, bool byClient, uint256 nodePayment, uint256 networkFee, uint256 clientRefund
    );
    event MediationRequested(bytes32 indexed dealId, address indexed client, uint256 fee);
    event DealAgreeExpired(bytes32 indexed dealId, address indexed party, uint256 refunded);
    event DealResultTimedOut(bytes32 indexed dealId, uint256 clientRefund, uint256 nodeCollateralToClient);
    event DealMediationTimedOut(bytes32 indexed dealId, uint256 clientRefund, uint256 nodeRefund);
    /// @notice The court settled a disputed deal. Correct: the node got `nodePayment` plus its
    ///         cheating collateral, the treasury `networkFee`, the client `clientRefund`.
    ///         Incorrect: the node got nothing, the client `clientRefund` (its stake and the
    ///         node's cheating collateral less the mediators' pay). Either way `mediators` (those
    ///         who voted for the verdict) shared `mediatorPay` (the client's mediation fee).
    event DealMediated(
        bytes32 indexed dealId,
        Verdict verdict,
        uint256 nodePayment,
        uint256 networkFee,
        uint256 clientRefund,
        address[] mediators,
        uint256 mediatorPay
    );
    /// @notice Whoever triggered an expired deadline was paid `bounty` into its vault balance.
    event KeeperPaid(bytes32 indexed dealId, address indexed keeper, uint256 bounty);

    // --------------------------------------------------------------- lifecycle

    /// @notice Agree to `deal` as its client or node, locking the caller's collateral from its
    ///         free balance in the vault (client: price + clientCollateral; node: nodeCollateral).
    ///         The second party's call activates the deal. Before `agreeDeadline` only.
    function agree(Deal calldata deal) external returns (bytes32 dealId);

    /// @notice Agree for both parties in one transaction with their EIP-712 signatures over
    ///         `deal` (65-byte ECDSA, low-s, or ERC-1271). Anyone may submit (the solver does).
    function agreeBySig(Deal calldata deal, bytes calldata clientSig, bytes calldata nodeSig)
        external
        returns (bytes32 dealId);

    /// @notice Node only, before the result deadline: post the result (or failure outcome)
    ///         CID and the fuel used. Releases the node's timeout collateral and locks its
    ///         cheating collateral.
    function postResult(Deal calldata deal, bytes calldata resultCid, uint64 fuelUsed) external;

    /// @notice Client only, within the judge window: accept the result and pay the node.
    function acceptResult(Deal calldata deal) external;

    /// @notice Anyone, after the judge window with no dispute: pay out as if accepted (a judge
    ///         timeout counts as acceptance). A caller other than the client is paid the keeper
    ///         bounty out of the client's refund.
    function finalize(Deal calldata deal) external;

    /// @notice Client only, within the judge window: dispute the result and lock the mediation fee.
    function requestMediation(Deal calldata deal) external;

    /// @notice Anyone, after `agreeDeadline`, when only one party agreed: refund that party. A
    ///         caller other than that party is paid the keeper bounty out of the refund (the
    ///         party that never agreed has nothing locked to pay it from).
    function expireAgreement(Deal calldata deal) external;

    /// @notice Anyone, after the result deadline with no result: the client is refunded and
    ///         receives the node's timeout collateral, less the keeper bounty paid to the caller.
    function timeoutResult(Deal calldata deal) external;

    /// @notice MediationCourt only: end a disputed deal with the panel's `verdict` (None: the
    ///         mediation timed out, both parties refunded in full, nobody else paid), paying the
    ///         mediation fee in equal shares to `mediators` (the rounding remainder to the first).
    function settleMediation(Deal calldata deal, Verdict verdict, address[] calldata mediators) external;

    // ------------------------------------------------------------------- views

    /// @notice The EIP-712 struct hash of `deal` (its id).
    function hashDeal(Deal calldata deal) external view returns (bytes32);
    /// @notice The EIP-712 digest the parties sign for `deal`.
    function dealDigest(Deal calldata deal) external view returns (bytes32);
    function dealRecord(bytes32 dealId) external view returns (DealRecord memory);
    /// @notice keccak256 of the posted result CID (zero before a result).
    function resultCidHash(bytes32 dealId) external view returns (bytes32);
    /// @notice What the node is paid for `deal` given `fuelUsed`, before the network fee.
    function paymentFor(Deal calldata deal, uint64 fuelUsed) external pure returns (uint256);
    /// @notice What `deal` holds in this contract's vault escrow in its current phase (0 once it
    ///         has ended). Σ over live deals == vault.escrowOf(token, this) (invariant D1).
    function escrowOfDeal(Deal calldata deal) external view returns (uint256);
    /// @notice The deadline currently running for the deal (0 if none) and whether it has passed.
    ///         While disputed, the court's (mediation round, or appeal window).
    function currentDeadline(Deal calldata deal) external view returns (uint256 deadline, bool passed);

    function vault() external view returns (address);
    function token() external view returns (address);
    /// @notice Network fee in basis points, taken from the node's payment for the treasury.
    function networkFeeBps() external view returns (uint16);
    /// @notice The MediationCourt, the only caller of `settleMediation`.
    function court() external view returns (address);
    /// @notice The most a keeper is paid for triggering an expired deadline.
    function keeperBounty() external view returns (uint256);
    /// @notice Most mediators a deal may name (7).
    function MAX_MEDIATORS() external view returns (uint256);
    /// @notice Longest job-spec or result CID accepted, in bytes (128).
    function MAX_CID_LENGTH() external view returns (uint256);
    /// @notice keccak256 of the EIP-712 `Deal` type string above (for cross-checks off-chain).
    function DEAL_TYPEHASH() external view returns (bytes32);
}
