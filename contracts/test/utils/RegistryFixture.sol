// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {Deploy} from "../../script/Deploy.s.sol";
import {CidRegistry} from "../../src/CidRegistry.sol";
import {DIDRegistry} from "../../src/DIDRegistry.sol";
import {SoulRegistry} from "../../src/SoulRegistry.sol";
import {IDIDRegistry} from "../../src/interfaces/IDIDRegistry.sol";

/// @notice The registries' test world, built by the real deployment script, plus helpers.
abstract contract RegistryFixture is Test {
    uint16 internal constant ALL_CAPS = type(uint16).max;

    CidRegistry internal cids;
    DIDRegistry internal dids;
    SoulRegistry internal souls;

    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    address internal carol;
    uint256 internal carolKey;
    address internal dave;
    uint256 internal daveKey;
    address internal stranger;
    uint256 internal strangerKey;
    uint256 internal salt;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");
        (carol, carolKey) = makeAddrAndKey("carol");
        (dave, daveKey) = makeAddrAndKey("dave");
        (stranger, strangerKey) = makeAddrAndKey("stranger");
        Deploy.Deployment memory d = new Deploy().deploy(makeAddr("deployer"), 100);
        cids = d.cidRegistry;
        dids = d.didRegistry;
        souls = d.soulRegistry;
    }

    // ------------------------------------------------------------------ CIDs

    /// @dev CIDv1, raw codec (0x55), sha2-256 multihash of `digest`: 36 bytes.
    function _cidV1(bytes32 digest) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"01551220", digest);
    }

    /// @dev CIDv0: the bare sha2-256 multihash, 34 bytes.
    function _cidV0(bytes32 digest) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"1220", digest);
    }

    // ------------------------------------------------------------------ DIDs

    function _delegation(address issuer, address delegate, uint16 caps, uint64 expiry, bytes32 parent)
        internal
        returns (IDIDRegistry.Delegation memory)
    {
        return IDIDRegistry.Delegation(issuer, delegate, caps, expiry, parent, bytes32(++salt));
    }

    function _sign(uint256 key, IDIDRegistry.Delegation memory d) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, dids.delegationDigest(d));
        return abi.encodePacked(r, s, v);
    }

    /// @dev alice creates her DID with every capability and delegates `caps` to bob (depth 1).
    function _rootDelegation(uint16 caps) internal returns (bytes32 id) {
        vm.prank(alice);
        dids.create(ALL_CAPS);
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, caps, uint64(block.timestamp + 30 days), 0);
        id = dids.registerDelegation(d, _sign(aliceKey, d));
    }

    /// @dev alice → bob → carol → dave, each with `caps`; returns the three ids.
    function _chain(uint16 caps) internal returns (bytes32 id1, bytes32 id2, bytes32 id3) {
        id1 = _rootDelegation(caps);
        uint64 expiry = uint64(block.timestamp + 30 days);
        IDIDRegistry.Delegation memory d2 = _delegation(bob, carol, caps, expiry, id1);
        id2 = dids.registerDelegation(d2, _sign(bobKey, d2));
        IDIDRegistry.Delegation memory d3 = _delegation(carol, dave, caps, expiry, id2);
        id3 = dids.registerDelegation(d3, _sign(carolKey, d3));
    }

    // ------------------------------------------------------------------ souls

    function _guardians(uint256 n) internal returns (address[] memory gs, uint256[] memory keys) {
        gs = new address[](n);
        keys = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            (gs[i], keys[i]) = makeAddrAndKey(string.concat("guardian", vm.toString(i)));
        }
    }

    function _soul(uint256 n) internal returns (uint256 soulId, address[] memory gs) {
        (gs,) = _guardians(n);
        vm.prank(alice);
        soulId = souls.create(_cidV1(keccak256("backup")), gs);
    }

    /// @dev The first `count` guardians approve `newOwner` under the current nonce.
    function _approve(uint256 soulId, address[] memory gs, uint256 count, address newOwner) internal {
        uint32 nonce = souls.soul(soulId).recoveryNonce;
        for (uint256 i = 0; i < count; ++i) {
            vm.prank(gs[i]);
            souls.approveRecovery(soulId, newOwner, nonce);
        }
    }
}
