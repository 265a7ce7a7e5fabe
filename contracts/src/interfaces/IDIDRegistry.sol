// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title IDIDRegistry
/// @notice Decentralised identifiers `did:pactum:<chainId>:<address>`. A DID is created by its
///         address, which becomes its first controller. The controller manages up to
///         `MAX_METHODS` verification methods (secp256k1 accounts) with purpose bits, a 16-bit
///         capability bitmask, one service endpoint, and signs (or lets a capability-delegation
///         method sign) EIP-712 delegations of a subset of the DID's capabilities.
///
///         Delegation chains: a root delegation (depth 1) is issued by a DID; its delegate may
///         issue a child (depth 2) granting a subset of its own capabilities, and so on to depth
///         `MAX_DEPTH` = 3. A delegation is valid only while its whole chain is valid, checked at
///         use time by walking at most 3 records: every link unrevoked and unexpired, the root
///         DID's delegation epoch unchanged, and the root delegation's capabilities still within
///         the DID's capabilities. Revoking a link (or bumping the epoch, or shrinking the DID's
///         capabilities) therefore voids every descendant at once, with no loop over descendants.
/// @dev    Properties R1-R4 in test/invariant/PROPERTIES.md. Immutable, no admin.
interface IDIDRegistry {
    /// @notice Slot-packed identity record; `createdAt == 0` means "no DID".
    struct Identity {
        address controller;
        uint16 capabilities;
        uint8 methodCount;
        uint32 delegationEpoch;
        uint40 createdAt;
    }

    /// @notice A verification method: an account and its purposes (`PURPOSE_*` bits).
    struct VerificationMethod {
        address account;
        uint8 purposes;
    }

    /// @notice The signed delegation (EIP-712 type `Delegation`). `parent == 0` for a root
    ///         delegation, issued by the DID `issuer`; otherwise `issuer` must be the parent's delegate.
    struct Delegation {
        address issuer;
        address delegate;
        uint16 capabilities;
        uint64 expiry;
        bytes32 parent;
        bytes32 salt;
    }

    /// @notice A registered delegation. `depth == 0` means "unknown id".
    struct DelegationRecord {
        address root;
        uint8 depth;
        bool revoked;
        uint32 rootEpoch;
        uint16 capabilities;
        address issuer;
        uint64 expiry;
        address delegate;
        bytes32 parent;
    }

    // ------------------------------------------------------------------ errors

    error DidAlreadyExists(address did);
    error DidNotFound(address did);
    /// @notice The caller is not the DID's controller.
    error DidNotController(address did, address caller);
    error DidZeroAddress();
    /// @notice Purposes must be non-zero and within the four defined bits.
    error DidBadPurposes(uint8 purposes);
    /// @notice The DID already has `MAX_METHODS` verification methods.
    error DidTooManyMethods(address did, uint256 max);
    error DidMethodNotFound(address did, address account);
    error DidServiceTooLong(uint256 length, uint256 max);
    /// @notice The signature is not from an account allowed to sign for `issuer`.
    error DidInvalidSignature(address issuer);
    error DidDelegationExists(bytes32 id);
    error DidDelegationNotFound(bytes32 id);
    /// @notice The parent is unknown, revoked, expired or otherwise invalid now.
    error DidParentInvalid(bytes32 parent);
    /// @notice The issuer is not the parent's delegate.
    error DidIssuerNotParentDelegate(bytes32 parent, address issuer);
    /// @notice The chain would be deeper than `MAX_DEPTH`.
    error DidDelegationTooDeep(uint256 depth, uint256 max);
    /// @notice The capabilities are zero or not a subset of what the issuer holds.
    error DidCapabilityEscalation(uint16 requested, uint16 held);
    /// @notice Expiry in the past or beyond the parent's expiry.
    error DidBadExpiry(uint64 expiry, uint64 maxExpiry);
    /// @notice The caller may not revoke this delegation.
    error DidNotRevoker(bytes32 id, address caller);
    error DidAlreadyRevoked(bytes32 id);

    // ------------------------------------------------------------------ events

    event DidCreated(address indexed did, address indexed controller, uint16 capabilities);
    event DidControllerChanged(address indexed did, address indexed previous, address indexed controller);
    event DidCapabilitiesSet(address indexed did, uint16 capabilities);
    /// @notice A method was added or its purposes changed.
    event DidMethodSet(address indexed did, address indexed account, uint8 purposes);
    event DidMethodRemoved(address indexed did, address indexed account);
    event DidServiceSet(address indexed did, string endpoint);
    /// @notice Every delegation rooted at `did` issued before is void from now on.
    event DidDelegationEpochBumped(address indexed did, uint32 epoch);
    event DelegationRegistered(
        bytes32 indexed id,
        address indexed root,
        address indexed delegate,
        address issuer,
        bytes32 parent,
        uint16 capabilities,
        uint64 expiry,
        uint8 depth
    );
    event DelegationRevoked(bytes32 indexed id, address indexed by);

    // ------------------------------------------------------------------ DID management

    /// @notice Creates the caller's DID with the caller as controller.
    /// @dev Reverts `DidAlreadyExists`. Emits `DidCreated`.
    function create(uint16 capabilities) external;

    /// @notice Hands the DID to `controller`. Only the controller. Existing delegations stay
    ///         valid; call `bumpDelegationEpoch` to void them.
    function changeController(address did, address controller) external;

    /// @notice Sets the DID's capability bitmask. Only the controller. Shrinking it voids every
    ///         delegation whose root grant is no longer a subset.
    function setCapabilities(address did, uint16 capabilities) external;

    /// @notice Adds `account` as a verification method with `purposes`, or updates its purposes.
    ///         Only the controller; at most `MAX_METHODS` methods.
    function setMethod(address did, address account, uint8 purposes) external;

    /// @notice Removes the verification method `account`. Only the controller.
    function removeMethod(address did, address account) external;

    /// @notice Sets (or with "" clears) the DID's service endpoint, at most `MAX_SERVICE_LENGTH` bytes.
    function setService(address did, string calldata endpoint) external;

    /// @notice Voids every delegation rooted at `did` in O(1). Only the controller.
    function bumpDelegationEpoch(address did) external;

    // ------------------------------------------------------------------ delegation

    /// @notice Registers a signed delegation; anyone may submit it.
    /// @dev Root (`parent == 0`): `issuer` is a DID, the signer its controller or a method with
    ///      `PURPOSE_CAPABILITY_DELEGATION`, capabilities ⊆ the DID's. Child: the parent is valid
    ///      now, `issuer` is its delegate (a signer for it: itself, or if it is a DID its controller
    ///      or a capability-delegation method), depth ≤ `MAX_DEPTH`, capabilities ⊆ the parent's,
    ///      expiry ≤ the parent's. Always: delegate non-zero, capabilities non-zero, expiry in the
    ///      future. ERC-1271 signatures of contract signers are accepted.
    /// @return id the EIP-712 digest of the delegation
    function registerDelegation(Delegation calldata delegation, bytes calldata signature)
        external
        returns (bytes32 id);

    /// @notice Revokes a delegation and, through the validity rule, all its descendants.
    ///         Allowed: its issuer, its delegate, the root DID's controller.
    function revokeDelegation(bytes32 id) external;

    // ------------------------------------------------------------------ views

    function identity(address did) external view returns (Identity memory);
    function methods(address did) external view returns (VerificationMethod[] memory);
    function service(address did) external view returns (string memory);
    function delegation(bytes32 id) external view returns (DelegationRecord memory);
    /// @notice Whether the delegation and all its ancestors are valid now (≤ 3 reads).
    function isDelegationValid(bytes32 id) external view returns (bool);
    /// @notice Whether `account` holds all of `capabilities` through the valid delegation `id`.
    function hasCapability(bytes32 id, address account, uint16 capabilities) external view returns (bool);
    /// @notice The EIP-712 digest (and id) of a delegation.
    function delegationDigest(Delegation calldata delegation) external view returns (bytes32);

    function MAX_METHODS() external view returns (uint256);
    function MAX_DEPTH() external view returns (uint256);
    function MAX_SERVICE_LENGTH() external view returns (uint256);
}
