// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ISoulRegistry} from "./interfaces/ISoulRegistry.sol";

/// @title SoulRegistry
/// @notice Souls with guardian recovery. See {ISoulRegistry} and docs/contracts/registries.md.
/// @dev    Storage per soul: one `Soul` slot, up to 7 guardian slots, the backup CID, one
///         pending-recovery slot, a pending guardian set, and one approval bitmap per
///         (soul, nonce, candidate). Every loop is bounded by `MAX_GUARDIANS` (7).
///         Immutable, no admin, no proxy.
contract SoulRegistry is ISoulRegistry {
    /// @inheritdoc ISoulRegistry
    uint256 public constant MIN_GUARDIANS = 3;
    /// @inheritdoc ISoulRegistry
    uint256 public constant MAX_GUARDIANS = 7;
    /// @inheritdoc ISoulRegistry
    uint256 public constant RECOVERY_DELAY = 3 days;
    /// @inheritdoc ISoulRegistry
    uint256 public constant GUARDIAN_DELAY = 3 days;
    uint256 public constant MAX_CID_LENGTH = 128;

    uint256 private _lastSoulId;
    mapping(uint256 soulId => Soul soul) private _souls;
    mapping(uint256 soulId => address[] guardians) private _guardians;
    mapping(uint256 soulId => bytes cid) private _backupCids;
    mapping(uint256 soulId => PendingRecovery recovery) private _recoveries;
    mapping(uint256 soulId => PendingGuardians change) private _guardianChanges;
    mapping(bytes32 approvalKey => uint8 bitmap) private _approvals;
    mapping(address owner => uint256 soulId) private _soulOf;

    modifier onlyOwner(uint256 soulId) {
        address owner = _souls[soulId].owner;
        if (owner == address(0)) revert SoulNotFound(soulId);
        if (owner != msg.sender) revert SoulNotOwner(soulId, msg.sender);
        _;
    }

    // ------------------------------------------------------------------ owner

    /// @inheritdoc ISoulRegistry
    function create(bytes calldata cid, address[] calldata guardianSet) external returns (uint256 soulId) {
        if (_soulOf[msg.sender] != 0) revert SoulOwnerHasSoul(msg.sender, _soulOf[msg.sender]);
        _checkCid(cid);
        _checkGuardians(guardianSet, msg.sender);
        soulId = ++_lastSoulId;
        _souls[soulId] = Soul(msg.sender, 0, uint8(guardianSet.length), uint40(block.timestamp));
        _guardians[soulId] = guardianSet;
        _backupCids[soulId] = cid;
        _soulOf[msg.sender] = soulId;
        emit SoulCreated(soulId, msg.sender, cid, guardianSet);
    }

    /// @inheritdoc ISoulRegistry
    function setBackupCid(uint256 soulId, bytes calldata cid) external onlyOwner(soulId) {
        _checkCid(cid);
        _backupCids[soulId] = cid;
        emit SoulBackupSet(soulId, cid);
    }

    /// @inheritdoc ISoulRegistry
    function transfer(uint256 soulId, address newOwner) external onlyOwner(soulId) {
        _moveOwner(soulId, msg.sender, newOwner);
        emit SoulTransferred(soulId, msg.sender, newOwner);
    }

    /// @inheritdoc ISoulRegistry
    function proposeGuardians(uint256 soulId, address[] calldata guardianSet) external onlyOwner(soulId) {
        _checkGuardians(guardianSet, msg.sender);
        // INVARIANT (R7): a guardian set takes effect only GUARDIAN_DELAY after it was proposed.
        uint40 readyAt = uint40(block.timestamp + GUARDIAN_DELAY);
        _guardianChanges[soulId] = PendingGuardians(guardianSet, readyAt);
        emit GuardianChangeProposed(soulId, guardianSet, readyAt);
    }

    /// @inheritdoc ISoulRegistry
    function executeGuardians(uint256 soulId) external {
        PendingGuardians storage change = _guardianChanges[soulId];
        uint40 readyAt = change.readyAt;
        if (readyAt == 0) revert SoulNoGuardianChange(soulId);
        if (block.timestamp < readyAt) revert SoulGuardianChangeNotReady(soulId, readyAt);
        Soul storage s = _souls[soulId];
        address[] memory next = change.guardians;
        // The owner may have changed since the proposal (recovery, transfer): a set that now
        // contains the owner is not applied.
        for (uint256 i = 0; i < next.length; ++i) {
            if (next[i] == s.owner) revert SoulBadGuardian(next[i]);
        }
        _guardians[soulId] = next;
        s.guardianCount = uint8(next.length);
        delete _guardianChanges[soulId];
        _voidRecovery(soulId, s);
        emit GuardianChangeExecuted(soulId, next);
    }

    /// @inheritdoc ISoulRegistry
    function cancelGuardians(uint256 soulId) external onlyOwner(soulId) {
        if (_guardianChanges[soulId].readyAt == 0) revert SoulNoGuardianChange(soulId);
        delete _guardianChanges[soulId];
        emit GuardianChangeCancelled(soulId);
    }

    /// @inheritdoc ISoulRegistry
    function cancelRecovery(uint256 soulId) external onlyOwner(soulId) {
        Soul storage s = _souls[soulId];
        uint32 nonce = s.recoveryNonce;
        // INVARIANT (R5): after the owner cancels, no approval or schedule made before can execute.
        _voidRecovery(soulId, s);
        emit RecoveryCancelled(soulId, nonce);
    }

    // ------------------------------------------------------------------ guardians

    /// @inheritdoc ISoulRegistry
    function approveRecovery(uint256 soulId, address newOwner, uint32 nonce) external {
        Soul storage s = _souls[soulId];
        if (s.owner == address(0)) revert SoulNotFound(soulId);
        if (newOwner == address(0)) revert SoulZeroAddress();
        // INVARIANT (R6): approvals count only under the current nonce.
        if (nonce != s.recoveryNonce) revert SoulStaleNonce(soulId, nonce, s.recoveryNonce);
        uint256 index = _guardianIndex(soulId, msg.sender);
        bytes32 key = _approvalKey(soulId, nonce, newOwner);
        uint8 bitmap = _approvals[key];
        uint8 bit = uint8(1 << index);
        if (bitmap & bit != 0) revert SoulAlreadyApproved(soulId, msg.sender, newOwner);
        bitmap |= bit;
        _approvals[key] = bitmap;
        uint256 count = _popcount(bitmap);
        emit RecoveryApproved(soulId, msg.sender, newOwner, nonce, count);

        // INVARIANT (R4): a recovery is scheduled only with ceil(2n/3) >= 2 distinct current guardians.
        if (count == _threshold(s.guardianCount)) {
            PendingRecovery storage p = _recoveries[soulId];
            if (p.readyAt != 0) revert SoulRecoveryAlreadyScheduled(soulId, p.newOwner);
            uint40 readyAt = uint40(block.timestamp + RECOVERY_DELAY);
            _recoveries[soulId] = PendingRecovery(newOwner, nonce, readyAt);
            emit RecoveryScheduled(soulId, newOwner, nonce, readyAt);
        }
    }

    /// @inheritdoc ISoulRegistry
    function executeRecovery(uint256 soulId) external {
        PendingRecovery memory p = _recoveries[soulId];
        Soul storage s = _souls[soulId];
        // A schedule is deleted whenever the nonce moves, so a present one is current; the nonce
        // check keeps that true by construction.
        if (p.readyAt == 0 || p.nonce != s.recoveryNonce) revert SoulNoRecovery(soulId);
        if (block.timestamp < p.readyAt) revert SoulRecoveryNotReady(soulId, p.readyAt);
        address previous = s.owner;
        _moveOwner(soulId, previous, p.newOwner);
        emit RecoveryExecuted(soulId, previous, p.newOwner);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ISoulRegistry
    function soul(uint256 soulId) external view returns (Soul memory) {
        return _souls[soulId];
    }

    /// @inheritdoc ISoulRegistry
    function soulOf(address owner) external view returns (uint256) {
        return _soulOf[owner];
    }

    /// @inheritdoc ISoulRegistry
    function backupCid(uint256 soulId) external view returns (bytes memory) {
        return _backupCids[soulId];
    }

    /// @inheritdoc ISoulRegistry
    function guardians(uint256 soulId) external view returns (address[] memory) {
        return _guardians[soulId];
    }

    /// @inheritdoc ISoulRegistry
    function threshold(uint256 soulId) external view returns (uint256) {
        return _threshold(_souls[soulId].guardianCount);
    }

    /// @inheritdoc ISoulRegistry
    function approvals(uint256 soulId, address newOwner) external view returns (uint8) {
        return _approvals[_approvalKey(soulId, _souls[soulId].recoveryNonce, newOwner)];
    }

    /// @inheritdoc ISoulRegistry
    function pendingRecovery(uint256 soulId) external view returns (PendingRecovery memory) {
        return _recoveries[soulId];
    }

    /// @inheritdoc ISoulRegistry
    function recoveryState(uint256 soulId) external view returns (RecoveryState) {
        PendingRecovery storage p = _recoveries[soulId];
        if (p.readyAt == 0 || p.nonce != _souls[soulId].recoveryNonce) return RecoveryState.None;
        return block.timestamp < p.readyAt ? RecoveryState.Scheduled : RecoveryState.Executable;
    }

    /// @inheritdoc ISoulRegistry
    function pendingGuardians(uint256 soulId) external view returns (PendingGuardians memory) {
        return _guardianChanges[soulId];
    }

    // ------------------------------------------------------------------ internals

    /// @dev ceil(2n/3): 3→2, 4→3, 5→4, 6→4, 7→5.
    function _threshold(uint256 n) internal pure returns (uint256) {
        return (2 * n + 2) / 3;
    }

    function _moveOwner(uint256 soulId, address previous, address newOwner) internal {
        if (newOwner == address(0)) revert SoulZeroAddress();
        if (_soulOf[newOwner] != 0) revert SoulOwnerHasSoul(newOwner, _soulOf[newOwner]);
        Soul storage s = _souls[soulId];
        delete _soulOf[previous];
        _soulOf[newOwner] = soulId;
        s.owner = newOwner;
        _voidRecovery(soulId, s);
    }

    /// @dev Increments the nonce (voids every approval under the old one) and drops any schedule.
    function _voidRecovery(uint256 soulId, Soul storage s) internal {
        s.recoveryNonce += 1;
        delete _recoveries[soulId];
    }

    function _guardianIndex(uint256 soulId, address account) internal view returns (uint256) {
        address[] storage gs = _guardians[soulId];
        uint256 n = gs.length;
        for (uint256 i = 0; i < n; ++i) {
            if (gs[i] == account) return i;
        }
        revert SoulNotGuardian(soulId, account);
    }

    function _approvalKey(uint256 soulId, uint32 nonce, address newOwner) internal pure returns (bytes32) {
        return keccak256(abi.encode(soulId, nonce, newOwner));
    }

    function _popcount(uint8 x) internal pure returns (uint256 c) {
        for (; x != 0; x &= x - 1) {
            ++c;
        }
    }

    function _checkCid(bytes calldata cid) internal pure {
        if (cid.length == 0 || cid.length > MAX_CID_LENGTH) revert SoulBadCidLength(cid.length, MAX_CID_LENGTH);
    }

    /// @dev 3..7 guardians, none zero, none the owner, no duplicates (at most 21 comparisons).
    function _checkGuardians(address[] calldata gs, address owner) internal pure {
        uint256 n = gs.length;
        if (n < MIN_GUARDIANS || n > MAX_GUARDIANS) revert SoulBadGuardianCount(n);
        for (uint256 i = 0; i < n; ++i) {
            address g = gs[i];
            if (g == address(0) || g == owner) revert SoulBadGuardian(g);
            for (uint256 j = 0; j < i; ++j) {
                if (gs[j] == g) revert SoulBadGuardian(g);
            }
        }
    }
}
