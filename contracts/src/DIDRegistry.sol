// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IDIDRegistry} from "./interfaces/IDIDRegistry.sol";

/// @title DIDRegistry
/// @notice DIDs, verification methods, capabilities and bounded delegation chains.
///         See {IDIDRegistry} and docs/contracts/registries.md.
/// @dev    Storage: one `Identity` slot per DID, a fixed array of `MAX_METHODS` methods, one
///         service string, four slots per delegation. Every loop is bounded by `MAX_METHODS`
///         (8) or `MAX_DEPTH` (3). Immutable, no admin, no proxy.
contract DIDRegistry is IDIDRegistry, EIP712 {
    uint8 public constant PURPOSE_AUTHENTICATION = 1;
    uint8 public constant PURPOSE_ASSERTION = 2;
    uint8 public constant PURPOSE_CAPABILITY_INVOCATION = 4;
    uint8 public constant PURPOSE_CAPABILITY_DELEGATION = 8;
    uint8 internal constant ALL_PURPOSES = 15;

    /// @inheritdoc IDIDRegistry
    uint256 public constant MAX_METHODS = 8;
    /// @inheritdoc IDIDRegistry
    uint256 public constant MAX_DEPTH = 3;
    /// @inheritdoc IDIDRegistry
    uint256 public constant MAX_SERVICE_LENGTH = 256;
    bytes32 public constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address issuer,address delegate,uint16 capabilities,uint64 expiry,bytes32 parent,bytes32 salt)"
    );

    mapping(address did => Identity identity) private _identities;
    mapping(address did => VerificationMethod[MAX_METHODS] methods) private _methods;
    mapping(address did => string endpoint) private _services;
    mapping(bytes32 id => DelegationRecord record) private _delegations;

    constructor() EIP712("Pactum DIDRegistry", "1") {}

    modifier onlyController(address did) {
        Identity storage idn = _identities[did];
        if (idn.createdAt == 0) revert DidNotFound(did);
        if (idn.controller != msg.sender) revert DidNotController(did, msg.sender);
        _;
    }

    // ------------------------------------------------------------------ DID management

    /// @inheritdoc IDIDRegistry
    function create(uint16 capabilities) external {
        Identity storage idn = _identities[msg.sender];
        if (idn.createdAt != 0) revert DidAlreadyExists(msg.sender);
        idn.controller = msg.sender;
        idn.capabilities = capabilities;
        idn.createdAt = uint40(block.timestamp);
        emit DidCreated(msg.sender, msg.sender, capabilities);
    }

    /// @inheritdoc IDIDRegistry
    function changeController(address did, address controller) external onlyController(did) {
        if (controller == address(0)) revert DidZeroAddress();
        _identities[did].controller = controller;
        emit DidControllerChanged(did, msg.sender, controller);
    }

    /// @inheritdoc IDIDRegistry
    function setCapabilities(address did, uint16 capabilities) external onlyController(did) {
        _identities[did].capabilities = capabilities;
        emit DidCapabilitiesSet(did, capabilities);
    }

    /// @inheritdoc IDIDRegistry
    function setMethod(address did, address account, uint8 purposes) external onlyController(did) {
        if (account == address(0)) revert DidZeroAddress();
        if (purposes == 0 || purposes & ~ALL_PURPOSES != 0) revert DidBadPurposes(purposes);
        Identity storage idn = _identities[did];
        VerificationMethod[MAX_METHODS] storage ms = _methods[did];
        uint256 count = idn.methodCount;
        (bool found, uint256 index) = _findMethod(ms, count, account);
        if (found) {
            ms[index].purposes = purposes;
        } else {
            // INVARIANT: at most MAX_METHODS verification methods per DID (bounds every loop over them).
            if (count == MAX_METHODS) revert DidTooManyMethods(did, MAX_METHODS);
            ms[count] = VerificationMethod(account, purposes);
            idn.methodCount = uint8(count + 1);
        }
        emit DidMethodSet(did, account, purposes);
    }

    /// @inheritdoc IDIDRegistry
    function removeMethod(address did, address account) external onlyController(did) {
        Identity storage idn = _identities[did];
        VerificationMethod[MAX_METHODS] storage ms = _methods[did];
        uint256 count = idn.methodCount;
        (bool found, uint256 index) = _findMethod(ms, count, account);
        if (!found) revert DidMethodNotFound(did, account);
        uint256 last = count - 1;
        if (index != last) ms[index] = ms[last];
        delete ms[last];
        idn.methodCount = uint8(last);
        emit DidMethodRemoved(did, account);
    }

    /// @inheritdoc IDIDRegistry
    function setService(address did, string calldata endpoint) external onlyController(did) {
        if (bytes(endpoint).length > MAX_SERVICE_LENGTH) {
            revert DidServiceTooLong(bytes(endpoint).length, MAX_SERVICE_LENGTH);
        }
        _services[did] = endpoint;
        emit DidServiceSet(did, endpoint);
    }

    /// @inheritdoc IDIDRegistry
    function bumpDelegationEpoch(address did) external onlyController(did) {
        uint32 epoch = ++_identities[did].delegationEpoch;
        emit DidDelegationEpochBumped(did, epoch);
    }

    // ------------------------------------------------------------------ delegation

    /// @inheritdoc IDIDRegistry
    function registerDelegation(Delegation calldata d, bytes calldata signature) external returns (bytes32 id) {
        if (d.delegate == address(0) || d.issuer == address(0)) revert DidZeroAddress();
        id = _hashTypedDataV4(_structHash(d));
        if (_delegations[id].depth != 0) revert DidDelegationExists(id);

        DelegationRecord memory r;
        r.issuer = d.issuer;
        r.delegate = d.delegate;
        r.capabilities = d.capabilities;
        r.expiry = d.expiry;
        r.parent = d.parent;
        uint16 held;
        uint64 maxExpiry;
        if (d.parent == bytes32(0)) {
            Identity storage idn = _identities[d.issuer];
            if (idn.createdAt == 0) revert DidNotFound(d.issuer);
            r.root = d.issuer;
            r.depth = 1;
            r.rootEpoch = idn.delegationEpoch;
            held = idn.capabilities;
            maxExpiry = type(uint64).max;
        } else {
            DelegationRecord storage p = _delegations[d.parent];
            if (!_isValid(d.parent)) revert DidParentInvalid(d.parent);
            if (p.delegate != d.issuer) revert DidIssuerNotParentDelegate(d.parent, d.issuer);
            // INVARIANT (R1): no chain is deeper than MAX_DEPTH.
            if (p.depth >= MAX_DEPTH) revert DidDelegationTooDeep(p.depth + 1, MAX_DEPTH);
            r.root = p.root;
            r.depth = p.depth + 1;
            r.rootEpoch = p.rootEpoch;
            held = p.capabilities;
            maxExpiry = p.expiry;
        }
        // INVARIANT (R2): a delegate grants only a non-empty subset of what it holds.
        if (d.capabilities == 0 || d.capabilities & ~held != 0) revert DidCapabilityEscalation(d.capabilities, held);
        if (d.expiry <= block.timestamp || d.expiry > maxExpiry) revert DidBadExpiry(d.expiry, maxExpiry);
        if (!_signedFor(d.issuer, id, signature)) revert DidInvalidSignature(d.issuer);

        _delegations[id] = r;
        emit DelegationRegistered(id, r.root, d.delegate, d.issuer, d.parent, d.capabilities, d.expiry, r.depth);
    }

    /// @inheritdoc IDIDRegistry
    function revokeDelegation(bytes32 id) external {
        DelegationRecord storage r = _delegations[id];
        if (r.depth == 0) revert DidDelegationNotFound(id);
        if (r.revoked) revert DidAlreadyRevoked(id);
        if (msg.sender != r.issuer && msg.sender != r.delegate && msg.sender != _identities[r.root].controller) {
            revert DidNotRevoker(id, msg.sender);
        }
        // INVARIANT (R3): once revoked, this delegation and every descendant is invalid forever
        // (validity walks the chain; `revoked` is never cleared).
        r.revoked = true;
        emit DelegationRevoked(id, msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IDIDRegistry
    function identity(address did) external view returns (Identity memory) {
        return _identities[did];
    }

    /// @inheritdoc IDIDRegistry
    function methods(address did) external view returns (VerificationMethod[] memory out) {
        uint256 count = _identities[did].methodCount;
        out = new VerificationMethod[](count);
        VerificationMethod[MAX_METHODS] storage ms = _methods[did];
        for (uint256 i = 0; i < count; ++i) {
            out[i] = ms[i];
        }
    }

    /// @inheritdoc IDIDRegistry
    function service(address did) external view returns (string memory) {
        return _services[did];
    }

    /// @inheritdoc IDIDRegistry
    function delegation(bytes32 id) external view returns (DelegationRecord memory) {
        return _delegations[id];
    }

    /// @inheritdoc IDIDRegistry
    function isDelegationValid(bytes32 id) external view returns (bool) {
        return _isValid(id);
    }

    /// @inheritdoc IDIDRegistry
    function hasCapability(bytes32 id, address account, uint16 capabilities) external view returns (bool) {
        DelegationRecord storage r = _delegations[id];
        return r.delegate == account && account != address(0) && capabilities & ~r.capabilities == 0
            && _isValid(id);
    }

    /// @inheritdoc IDIDRegistry
    function delegationDigest(Delegation calldata d) external view returns (bytes32) {
        return _hashTypedDataV4(_structHash(d));
    }

    // ------------------------------------------------------------------ internals

    /// @dev Walks from `id` to the root: at most MAX_DEPTH iterations because depth decreases by
    ///      exactly one per step (set at registration) and a root has depth 1.
    function _isValid(bytes32 id) internal view returns (bool) {
        for (uint256 i = 0; i < MAX_DEPTH; ++i) {
            DelegationRecord storage r = _delegations[id];
            if (r.depth == 0 || r.revoked || block.timestamp > r.expiry) return false;
            if (r.depth == 1) {
                Identity storage idn = _identities[r.root];
                return idn.delegationEpoch == r.rootEpoch && r.capabilities & ~idn.capabilities == 0;
            }
            id = r.parent;
        }
        return false;
    }

    function _structHash(Delegation calldata d) internal pure returns (bytes32) {
        return keccak256(abi.encode(DELEGATION_TYPEHASH, d.issuer, d.delegate, d.capabilities, d.expiry, d.parent, d.salt));
    }

    /// @dev May `signer` sign for `issuer`? A DID: its controller or a capability-delegation
    ///      method. Any other address: only itself.
    function _mayAct(address issuer, address signer) internal view returns (bool) {
        Identity storage idn = _identities[issuer];
        if (idn.createdAt == 0) return signer == issuer;
        if (signer == idn.controller) return true;
        (bool found, uint256 index) = _findMethod(_methods[issuer], idn.methodCount, signer);
        return found && _methods[issuer][index].purposes & PURPOSE_CAPABILITY_DELEGATION != 0;
    }

    /// @dev ECDSA (65-byte, low-s) first; otherwise ERC-1271 on the account that signs for the
    ///      issuer (its controller if it is a DID, itself if not) when that account is a contract.
    function _signedFor(address issuer, bytes32 digest, bytes calldata signature) internal view returns (bool) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && _mayAct(issuer, recovered)) return true;
        Identity storage idn = _identities[issuer];
        address wallet = idn.createdAt == 0 ? issuer : idn.controller;
        return wallet.code.length != 0 && SignatureChecker.isValidERC1271SignatureNowCalldata(wallet, digest, signature);
    }

    function _findMethod(VerificationMethod[MAX_METHODS] storage ms, uint256 count, address account)
        internal
        view
        returns (bool, uint256)
    {
        for (uint256 i = 0; i < count; ++i) {
            if (ms[i].account == account) return (true, i);
        }
        return (false, 0);
    }
}
