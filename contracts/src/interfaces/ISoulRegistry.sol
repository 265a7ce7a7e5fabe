// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ISoulRegistry
/// @notice A soul anchors an agent's identity backup CID and its owner, protected by 3 to 7
///         guardians. Guardians recover a soul to a new owner: once ceil(2n/3) of them approve the
///         same new owner under the current recovery nonce, the recovery is scheduled and becomes
///         executable after `RECOVERY_DELAY`. The owner may cancel at any time before execution.
///         Guardian-set changes are proposed by the owner and take effect after `GUARDIAN_DELAY`.
///         Every ownership change, guardian-set change and cancellation increments the soul's
///         recovery nonce, which voids every approval given under an older nonce.
/// @dev    State machine of a recovery (derived, see `recoveryState`): None → Approving (some
///         approvals, below threshold) → Scheduled (threshold reached, `readyAt` in the future)
///         → Executable (`block.timestamp >= readyAt`) → executed (owner changed, nonce + 1);
///         cancel (owner) from any state → None with nonce + 1. Properties R4-R7 (C10) in
///         test/invariant/PROPERTIES.md. Immutable, no admin.
interface ISoulRegistry {
    enum RecoveryState {
        None,
        Scheduled,
        Executable
    }

    /// @notice Slot-packed soul record; `owner == 0` means "no soul".
    struct Soul {
        address owner;
        uint32 recoveryNonce;
        uint8 guardianCount;
        uint40 createdAt;
    }

    /// @notice A scheduled recovery (threshold reached) of a soul.
    struct PendingRecovery {
        address newOwner;
        uint32 nonce;
        uint40 readyAt;
    }

    /// @notice A proposed guardian set, effective at `readyAt`.
    struct PendingGuardians {
        address[] guardians;
        uint40 readyAt;
    }

    // ------------------------------------------------------------------ errors

    error SoulNotFound(uint256 soulId);
    error SoulNotOwner(uint256 soulId, address caller);
    /// @notice The account already owns a soul (one soul per owner).
    error SoulOwnerHasSoul(address owner, uint256 soulId);
    error SoulZeroAddress();
    error SoulBadCidLength(uint256 length, uint256 max);
    /// @notice Fewer than 3 or more than 7 guardians.
    error SoulBadGuardianCount(uint256 count);
    /// @notice A guardian is zero, the owner, or listed twice.
    error SoulBadGuardian(address guardian);
    error SoulNotGuardian(uint256 soulId, address caller);
    /// @notice The approval names a nonce other than the soul's current one (a stale approval).
    error SoulStaleNonce(uint256 soulId, uint32 given, uint32 current);
    error SoulAlreadyApproved(uint256 soulId, address guardian, address newOwner);
    /// @notice A recovery is already scheduled (only one per nonce).
    error SoulRecoveryAlreadyScheduled(uint256 soulId, address newOwner);
    error SoulNoRecovery(uint256 soulId);
    error SoulRecoveryNotReady(uint256 soulId, uint40 readyAt);
    error SoulNoGuardianChange(uint256 soulId);
    error SoulGuardianChangeNotReady(uint256 soulId, uint40 readyAt);

    // ------------------------------------------------------------------ events

    event SoulCreated(uint256 indexed soulId, address indexed owner, bytes backupCid, address[] guardians);
    event SoulBackupSet(uint256 indexed soulId, bytes backupCid);
    event SoulTransferred(uint256 indexed soulId, address indexed previous, address indexed owner);
    event RecoveryApproved(
        uint256 indexed soulId, address indexed guardian, address indexed newOwner, uint32 nonce, uint256 approvals
    );
    event RecoveryScheduled(uint256 indexed soulId, address indexed newOwner, uint32 nonce, uint40 readyAt);
    event RecoveryExecuted(uint256 indexed soulId, address indexed previous, address indexed newOwner);
    /// @notice The owner cancelled; every approval under `nonce` is void.
    event RecoveryCancelled(uint256 indexed soulId, uint32 nonce);
    event GuardianChangeProposed(uint256 indexed soulId, address[] guardians, uint40 readyAt);
    event GuardianChangeExecuted(uint256 indexed soulId, address[] guardians);
    event GuardianChangeCancelled(uint256 indexed soulId);

    // ------------------------------------------------------------------ owner

    /// @notice Creates a soul owned by the caller with 3 to 7 distinct guardians (not the caller).
    /// @return soulId the new soul's id (1, 2, ...)
    function create(bytes calldata backupCid, address[] calldata guardians) external returns (uint256 soulId);

    /// @notice Replaces the identity backup CID. Only the owner.
    function setBackupCid(uint256 soulId, bytes calldata backupCid) external;

    /// @notice Hands the soul to `newOwner` (who must not own a soul). Only the owner; nonce + 1.
    function transfer(uint256 soulId, address newOwner) external;

    /// @notice Proposes a new guardian set (3 to 7), effective after `GUARDIAN_DELAY`. Only the owner.
    ///         Replaces an earlier proposal.
    function proposeGuardians(uint256 soulId, address[] calldata guardians) external;

    /// @notice Applies the proposed guardian set once ready; anyone may call. Nonce + 1.
    function executeGuardians(uint256 soulId) external;

    /// @notice Drops the proposed guardian set. Only the owner.
    function cancelGuardians(uint256 soulId) external;

    /// @notice Cancels any recovery in progress: nonce + 1, so every approval so far is void.
    ///         Only the owner; allowed at any time before execution.
    function cancelRecovery(uint256 soulId) external;

    // ------------------------------------------------------------------ guardians

    /// @notice A guardian approves recovering the soul to `newOwner` under `nonce`. When the
    ///         approvals for `newOwner` reach `threshold`, the recovery is scheduled.
    function approveRecovery(uint256 soulId, address newOwner, uint32 nonce) external;

    /// @notice Executes a scheduled recovery once `readyAt` has passed; anyone may call. Nonce + 1.
    function executeRecovery(uint256 soulId) external;

    // ------------------------------------------------------------------ views

    function soul(uint256 soulId) external view returns (Soul memory);
    function soulOf(address owner) external view returns (uint256);
    function backupCid(uint256 soulId) external view returns (bytes memory);
    function guardians(uint256 soulId) external view returns (address[] memory);
    /// @notice ceil(2n/3) for the soul's current n guardians.
    function threshold(uint256 soulId) external view returns (uint256);
    /// @notice Bitmap (by guardian index) of approvals for `newOwner` under the current nonce.
    function approvals(uint256 soulId, address newOwner) external view returns (uint8);
    function pendingRecovery(uint256 soulId) external view returns (PendingRecovery memory);
    function recoveryState(uint256 soulId) external view returns (RecoveryState);
    function pendingGuardians(uint256 soulId) external view returns (PendingGuardians memory);

    function MIN_GUARDIANS() external view returns (uint256);
    function MAX_GUARDIANS() external view returns (uint256);
    function RECOVERY_DELAY() external view returns (uint256);
    function GUARDIAN_DELAY() external view returns (uint256);
}
