// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PoSeTypedData} from "../../utils/PoSeTypedData.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {Vm} from "forge-std/Vm.sol";

import {Deploy} from "../../../script/Deploy.s.sol";
import {PactumToken} from "../../../src/PactumToken.sol";
import {CollateralVault} from "../../../src/CollateralVault.sol";
import {NodeRegistry} from "../../../src/NodeRegistry.sol";
import {PoSeManagerV2} from "../../../src/PoSeManagerV2.sol";
import {FaultManager} from "../../../src/FaultManager.sol";
import {RewardDistributor} from "../../../src/RewardDistributor.sol";
import {PoSeLib} from "../../../src/libraries/PoSeLib.sol";
import {
    ChallengeMessageV2, ReceiptMessageV2, ReceiptLeaf, Attestation, FaultType
} from "../../../src/types/PoSeTypes.sol";

/// @notice Shared world of the PoSe v2 invariant suite (PoSeInvariants.t.sol): the deployment,
///         the actors and their keys (8 node keys, 4 operators, 3 reporters, 3 strangers, the
///         owner who is also the reward oracle, one allowlisted challenger), what the handlers
///         built (committed receipts trees, fault commitments with their evidence, reward trees)
///         and the ghost variables the invariants read. Not a fuzz target itself.
contract PoSeStore is CommonBase, StdUtils {
    uint256 public constant NODES = 8;
    uint8 public constant CAP_U = 1;
    /// @dev Leaf kinds of a committed receipts tree: one clean defect each (or none), so the
    ///      fault a leaf proves is known in advance.
    uint8 public constant KIND_HONEST = 0;
    uint8 public constant KIND_BAD_SIG = 1; // node signature is not the node's → InvalidSignature
    uint8 public constant KIND_LATE_PASS = 2; // pass recorded for a late answer → TimeoutAsPass
    uint8 public constant KIND_FORGED = 3; // unknown result code, ids do not bind → BatchForgery

    PactumToken public immutable token;
    CollateralVault public immutable vault;
    NodeRegistry public immutable registry;
    PoSeManagerV2 public immutable manager;
    FaultManager public immutable faults;
    RewardDistributor public immutable rewards;
    address public immutable owner; // owns every contract and is the reward oracle
    address public immutable challenger;
    uint256 internal immutable challengerKey;

    address[] internal _lockers;
    uint256[] internal _nodeKeys;
    bytes[] internal _pubkeys;
    bytes32[] internal _nodeIds;
    mapping(bytes32 nodeId => uint256 indexPlusOne) internal _nodeIndex;
    address[] public operators;
    address[] public reporters;
    address[] public strangers;
    uint64 internal _nonce;

    // ----------------------------------------------------------- built by handlers

    struct EpochRec {
        bool committed;
        bool dirty;
        bool verified;
        bytes32 aggregator;
    }

    struct FaultRec {
        bytes32 id;
        bytes32 commitment;
        address reporter;
        uint64 epochId;
        bytes32 target;
        FaultType faultType;
        bytes32 salt;
        bytes evidence; // abi-encoded DoubleSignEvidence or LeafEvidence
        bool expectProven; // the evidence proves the fault (before checking it was used already)
        bool copy; // a copy of another reporter's commitment: must never reveal
        bool withhold; // the reporter never reveals it
        bytes32 evidenceKey;
    }

    struct RootRec {
        bytes32 root;
        uint256 budget;
        bytes32[] nodes;
        uint256[] amounts;
    }

    struct SlashRec {
        address operator;
        address reporter;
        uint64 epochId;
        uint256 amount;
        uint256 burned;
        uint256 toReporter;
        uint256 toInsurance;
    }

    struct OperatorEpoch {
        address operator;
        uint64 epochId;
    }

    mapping(uint64 epochId => EpochRec rec) internal _epochs;
    mapping(uint64 epochId => bytes[] leaves) internal _leaves; // abi-encoded ReceiptLeaf
    mapping(uint64 epochId => bytes32[] hashes) internal _leafHashes;
    mapping(uint64 epochId => uint8[] kinds) internal _leafKinds;
    uint64[] internal _committedEpochs;
    uint64[] internal _verifiedEpochs;

    FaultRec[] internal _faults;
    mapping(bytes32 evidenceKey => bool used) public evidenceUsed;

    mapping(uint64 epochId => RootRec rec) internal _roots;
    uint64[] internal _rootEpochs;
    mapping(uint64 epochId => bool listed) internal _rootListed;

    // ------------------------------------------------------------------- ghosts

    uint256 public ghostDeposited; // tokens the handlers moved into the vault
    uint256 public ghostWithdrawn; // tokens the handlers took out of the vault
    uint256 public ghostBurned; // Σ burned over every slash (vault Slashed events)
    uint256 public ghostTreasury; // Σ swept reward rests
    uint256 public ghostInsuranceFromSlashes; // Σ insurance shares of slashes
    uint256 public ghostForfeitedBonds; // Σ fault bonds sent to insurance (rejected, rebutted, expired)

    SlashRec[] internal _slashes;
    OperatorEpoch[] internal _operatorEpochs;
    mapping(address operator => mapping(uint64 epochId => uint256 amount)) public ghostSlashed;
    mapping(address operator => mapping(uint64 epochId => uint256 stake)) public ghostCapBase;
    mapping(address operator => mapping(uint64 epochId => bool seen)) internal _seen;

    mapping(uint64 epochId => mapping(bytes32 nodeId => uint256 count)) public claimCount;
    mapping(uint64 epochId => uint256 amount) public claimedSum;

    /// @dev Property violations seen by the handlers, by property id, with the last reason.
    mapping(bytes32 id => uint256 count) public violations;
    mapping(bytes32 id => string why) public lastViolation;
    /// @dev Successful actions, for reachability (test_walk_*) and the report.
    mapping(bytes32 action => uint256 count) public calls;

    constructor(Deploy.Deployment memory d, address owner_, uint256 challengerKey_) {
        (token, vault, registry, manager, faults, rewards) =
            (d.token, d.vault, d.nodeRegistry, d.poseManager, d.faultManager, d.rewardDistributor);
        owner = owner_;
        challengerKey = challengerKey_;
        challenger = vm.addr(challengerKey_);
        _lockers.push(address(d.nodeRegistry));
        _lockers.push(address(d.faultManager));
        _lockers.push(address(d.rewardDistributor));
        _lockers.push(address(d.dealManager));
        _lockers.push(address(d.court));
        for (uint256 i = 0; i < NODES; ++i) {
            Vm.Wallet memory w = vm.createWallet(0x1001 + i);
            bytes memory pk = abi.encodePacked(w.publicKeyX, w.publicKeyY);
            _nodeKeys.push(w.privateKey);
            _pubkeys.push(pk);
            _nodeIds.push(keccak256(pk));
            _nodeIndex[keccak256(pk)] = i + 1;
        }
        for (uint256 i = 0; i < 4; ++i) {
            operators.push(vm.addr(0xA000 + i));
        }
        for (uint256 i = 0; i < 3; ++i) {
            reporters.push(vm.addr(0xB000 + i));
            strangers.push(vm.addr(0x5000 + i));
        }
    }

    // ------------------------------------------------------------------- actors

    function nodeId(uint256 i) external view returns (bytes32) {
        return _nodeIds[i % NODES];
    }

    function pubkey(uint256 i) external view returns (bytes memory) {
        return _pubkeys[i % NODES];
    }

    /// @notice Index of one of the suite's node keys, or NODES for any other id.
    function nodeIndexOf(bytes32 id) external view returns (uint256) {
        uint256 p = _nodeIndex[id];
        return p == 0 ? NODES : p - 1;
    }

    function operatorAt(uint256 seed) external view returns (address) {
        return operators[seed % operators.length];
    }

    function reporterAt(uint256 seed) external view returns (address) {
        return reporters[seed % reporters.length];
    }

    function strangerAt(uint256 seed) external view returns (address) {
        return strangers[seed % strangers.length];
    }

    /// @notice Every account that can ever hold a free vault balance.
    function accounts() public view returns (address[] memory all) {
        all = new address[](2 + operators.length + reporters.length + strangers.length);
        uint256 k;
        all[k++] = owner;
        all[k++] = challenger;
        for (uint256 i = 0; i < operators.length; ++i) {
            all[k++] = operators[i];
        }
        for (uint256 i = 0; i < reporters.length; ++i) {
            all[k++] = reporters[i];
        }
        for (uint256 i = 0; i < strangers.length; ++i) {
            all[k++] = strangers[i];
        }
    }

    /// @notice Every vault locker of the deployment (PoSe and deals).
    function lockers() external view returns (address[] memory) {
        return _lockers;
    }

    // -------------------------------------------------------------------- money

    /// @notice Mints and deposits so that `who` has at least `amount` free in the vault.
    function ensureFree(address who, uint256 amount) public {
        uint256 free = vault.freeBalance(address(token), who);
        if (free >= amount) return;
        uint256 missing = amount - free;
        vm.prank(owner);
        token.mint(who, missing);
        vm.prank(who);
        token.approve(address(vault), missing);
        vm.prank(who);
        vault.deposit(address(token), who, missing);
        ghostDeposited += missing;
    }

    function addWithdrawn(uint256 amount) external {
        ghostWithdrawn += amount;
    }

    function addTreasury(uint256 amount) external {
        ghostTreasury += amount;
    }

    function addForfeitedBond(uint256 amount) external {
        ghostForfeitedBonds += amount;
    }

    // --------------------------------------------------------------- signatures

    function sign(uint256 key, bytes32 digest) public pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice A node key's signature of a PoSe struct hash (manager's domain).
    function nodeSig(uint256 i, bytes32 structHash) public view returns (bytes memory) {
        return sign(_nodeKeys[i % NODES], PoSeLib.digest(address(manager), structHash));
    }

    function registrationSig(uint256 i, address operator, uint8 caps, bytes32 endpoint, uint64 nonce, uint64 deadline)
        external
        view
        returns (bytes memory)
    {
        bytes32 digest = registry.registrationDigest(_nodeIds[i % NODES], operator, caps, endpoint, nonce, deadline);
        return sign(_nodeKeys[i % NODES], digest);
    }

    function hashChallenge(ChallengeMessageV2 memory c) public pure returns (bytes32) {
        return PoSeTypedData.hashChallenge(c);
    }

    function hashReceipt(ReceiptMessageV2 memory r) public pure returns (bytes32) {
        return PoSeTypedData.hashReceipt(r);
    }

    function leafHash(ReceiptLeaf memory l) public pure returns (bytes32) {
        return PoSeLib.leafHashOf(
            hashChallenge(l.challenge), hashReceipt(l.receipt), l.resultCode, keccak256(l.challengerSig), keccak256(l.nodeSig)
        );
    }

    function nextNonce() public returns (uint64) {
        return ++_nonce;
    }

    /// @notice A receipt of node `i` to a fresh U challenge of `epochId`, signed as `kind` says.
    function makeLeaf(uint64 epochId, uint256 i, uint8 kind) external returns (ReceiptLeaf memory l) {
        (l.challenge, l.receipt) = PoSeTypedData.uptimeMessages(
            epochId, _nodeIds[i % NODES], nextNonce(), challenger, uint64(manager.epochStart(epochId)), kind == KIND_LATE_PASS
        );
        l.resultCode = kind == KIND_FORGED ? 4 : PoSeLib.RESULT_PASS;
        l.challengerSig = sign(challengerKey, PoSeLib.digest(address(manager), hashChallenge(l.challenge)));
        l.nodeSig = kind == KIND_BAD_SIG ? l.challengerSig : nodeSig(i, hashReceipt(l.receipt));
    }

    /// @notice A quorum of attestations, in slot order, by the epoch's witnesses (all of them
    ///         are suite keys) for (challengeId, receiptHash, resultCode).
    function attest(uint64 epochId, bytes32 cid, bytes32 receiptHash, uint8 resultCode)
        external
        view
        returns (Attestation[] memory atts)
    {
        uint256 m = manager.epochInfo(epochId).witnessCount;
        uint256 q = manager.quorum(epochId);
        atts = new Attestation[](q);
        uint256 found = 0;
        for (uint256 slot = 1; slot <= m && found < q; ++slot) {
            for (uint256 i = 0; i < NODES; ++i) {
                bytes32 w = _nodeIds[i];
                if (manager.witnessSlot(epochId, w) != slot) continue;
                bytes32 sh = PoSeLib.hashAttestation(cid, epochId, receiptHash, w, resultCode);
                atts[found++] = Attestation({witnessNodeId: w, signature: nodeSig(i, sh)});
            }
        }
        require(found == q, "PoSeStore: a witness is not a suite key");
    }

    // ------------------------------------------------------------------- epochs

    function addEpoch(uint64 epochId, bytes32 aggregator, bool dirty, ReceiptLeaf[] memory leaves, uint8[] memory kinds)
        external
    {
        _epochs[epochId] = EpochRec({committed: true, dirty: dirty, verified: false, aggregator: aggregator});
        for (uint256 i = 0; i < leaves.length; ++i) {
            _leaves[epochId].push(abi.encode(leaves[i]));
            _leafHashes[epochId].push(leafHash(leaves[i]));
            _leafKinds[epochId].push(kinds[i]);
        }
        _committedEpochs.push(epochId);
    }

    function markVerified(uint64 epochId) external {
        if (_epochs[epochId].verified) return;
        _epochs[epochId].verified = true;
        _verifiedEpochs.push(epochId);
    }

    function epochRec(uint64 epochId) external view returns (EpochRec memory) {
        return _epochs[epochId];
    }

    function committedEpochs() external view returns (uint64[] memory) {
        return _committedEpochs;
    }

    function verifiedEpochs() external view returns (uint64[] memory) {
        return _verifiedEpochs;
    }

    function leafAt(uint64 epochId, uint256 i) external view returns (ReceiptLeaf memory) {
        return abi.decode(_leaves[epochId][i], (ReceiptLeaf));
    }

    function leafKind(uint64 epochId, uint256 i) external view returns (uint8) {
        return _leafKinds[epochId][i];
    }

    function leafHashes(uint64 epochId) external view returns (bytes32[] memory) {
        return _leafHashes[epochId];
    }

    // ------------------------------------------------------------------- faults

    function addFault(FaultRec memory f) external {
        _faults.push(f);
    }

    function faultCount() external view returns (uint256) {
        return _faults.length;
    }

    function faultAt(uint256 i) external view returns (FaultRec memory) {
        return _faults[i];
    }

    /// @notice The cheap part of fault record `i` (pickers scan every record).
    function faultBrief(uint256 i) external view returns (bytes32 id, uint64 epochId, bool copy, bool withhold) {
        FaultRec storage f = _faults[i];
        return (f.id, f.epochId, f.copy, f.withhold);
    }

    function markEvidenceUsed(bytes32 key) external {
        evidenceUsed[key] = true;
    }

    // ------------------------------------------------------------------ slashes

    /// @notice Records one settlement: the operator's stake just before it (the cap base of the
    ///         operator's first settlement in that epoch) and, if anything was slashed, the split.
    function recordSettlement(address operator, uint64 epochId, uint256 stakeBefore, SlashRec memory s) external {
        if (!_seen[operator][epochId]) {
            _seen[operator][epochId] = true;
            ghostCapBase[operator][epochId] = stakeBefore;
            _operatorEpochs.push(OperatorEpoch(operator, epochId));
        }
        if (s.amount == 0) return;
        ghostSlashed[operator][epochId] += s.amount;
        ghostBurned += s.burned;
        ghostInsuranceFromSlashes += s.toInsurance;
        _slashes.push(s);
    }

    function slashCount() external view returns (uint256) {
        return _slashes.length;
    }

    function slashAt(uint256 i) external view returns (SlashRec memory) {
        return _slashes[i];
    }

    function operatorEpochs() external view returns (OperatorEpoch[] memory) {
        return _operatorEpochs;
    }

    // ------------------------------------------------------------------ rewards

    function addRoot(uint64 epochId, bytes32 root, uint256 budget, bytes32[] memory nodes, uint256[] memory amounts)
        external
    {
        RootRec storage r = _roots[epochId];
        r.root = root;
        r.budget = budget;
        r.nodes = nodes;
        r.amounts = amounts;
        if (!_rootListed[epochId]) {
            _rootListed[epochId] = true;
            _rootEpochs.push(epochId);
        }
    }

    function rootRec(uint64 epochId) external view returns (RootRec memory) {
        return _roots[epochId];
    }

    function rootEpochs() external view returns (uint64[] memory) {
        return _rootEpochs;
    }

    function recordClaim(uint64 epochId, bytes32 id, uint256 amount) external {
        claimCount[epochId][id] += 1;
        claimedSum[epochId] += amount;
    }

    // --------------------------------------------------------------- bookkeeping

    function violate(bytes32 id, string calldata why) external {
        violations[id] += 1;
        lastViolation[id] = why;
    }

    function count(bytes32 action) external {
        calls[action] += 1;
    }
}
