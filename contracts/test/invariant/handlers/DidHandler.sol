// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {DIDRegistry} from "../../../src/DIDRegistry.sol";
import {IDIDRegistry} from "../../../src/interfaces/IDIDRegistry.sol";

/// @notice Random DID owners and delegates: create DIDs, change capabilities, delegate from any
///         registered delegation with any capabilities (escalations included, they must fail),
///         try a fourth level, revoke, bump epochs, let time pass. Keeps every registered id.
contract DidHandler is CommonBase, StdUtils {
    uint256 internal constant ACTORS = 6;

    DIDRegistry public immutable dids;
    uint256[ACTORS] internal keys;
    address[ACTORS] public actors;
    bytes32[] public ids;
    uint256 internal salt;

    /// Ghosts: calls that must have reverted but did not.
    uint256 public escalationsAccepted;
    uint256 public tooDeepAccepted;
    uint256 public invalidParentAccepted;
    mapping(string => uint256) public calls;

    constructor(DIDRegistry dids_) {
        dids = dids_;
        for (uint256 i = 0; i < ACTORS; ++i) {
            keys[i] = 0xA11CE + i;
            actors[i] = vm.addr(keys[i]);
        }
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function create(uint256 who, uint16 caps) external {
        address a = actors[who % ACTORS];
        if (dids.identity(a).createdAt != 0) return;
        vm.prank(a);
        dids.create(caps);
        ++calls["create"];
    }

    function setCapabilities(uint256 who, uint16 caps) external {
        address a = actors[who % ACTORS];
        if (dids.identity(a).createdAt == 0) return;
        vm.prank(a);
        dids.setCapabilities(a, caps);
        ++calls["setCapabilities"];
    }

    function delegateRoot(uint256 who, uint256 to, uint16 caps, uint256 ttl) external {
        uint256 i = who % ACTORS;
        IDIDRegistry.Identity memory idn = dids.identity(actors[i]);
        if (idn.createdAt == 0) return;
        IDIDRegistry.Delegation memory d = IDIDRegistry.Delegation(
            actors[i], actors[to % ACTORS], caps, uint64(block.timestamp + bound(ttl, 1, 10 days)), 0, bytes32(++salt)
        );
        bool allowed = caps != 0 && caps & ~idn.capabilities == 0;
        try dids.registerDelegation(d, _sign(keys[i], d)) returns (bytes32 id) {
            if (!allowed) ++escalationsAccepted;
            ids.push(id);
            ++calls["delegateRoot"];
        } catch {}
    }

    function delegateChild(uint256 parentSeed, uint256 to, uint16 caps, uint256 ttl) external {
        if (ids.length == 0) return;
        bytes32 parent = ids[parentSeed % ids.length];
        IDIDRegistry.DelegationRecord memory p = dids.delegation(parent);
        uint256 issuer = _indexOf(p.delegate);
        bool parentValid = dids.isDelegationValid(parent);
        IDIDRegistry.Delegation memory d = IDIDRegistry.Delegation(
            p.delegate, actors[to % ACTORS], caps, uint64(bound(ttl, block.timestamp + 1, p.expiry + 1)), parent, bytes32(++salt)
        );
        try dids.registerDelegation(d, _sign(keys[issuer], d)) returns (bytes32 id) {
            if (caps == 0 || caps & ~p.capabilities != 0) ++escalationsAccepted;
            if (p.depth >= 3) ++tooDeepAccepted;
            if (!parentValid) ++invalidParentAccepted;
            ids.push(id);
            ++calls["delegateChild"];
        } catch {}
    }

    function revoke(uint256 seed, uint256 who) external {
        if (ids.length == 0) return;
        bytes32 id = ids[seed % ids.length];
        vm.prank(actors[who % ACTORS]);
        try dids.revokeDelegation(id) {
            ++calls["revoke"];
        } catch {}
    }

    function bumpEpoch(uint256 who) external {
        address a = actors[who % ACTORS];
        if (dids.identity(a).createdAt == 0) return;
        vm.prank(a);
        dids.bumpDelegationEpoch(a);
        ++calls["bumpEpoch"];
    }

    function warp(uint256 by) external {
        vm.warp(block.timestamp + bound(by, 1, 3 days));
        ++calls["warp"];
    }

    function _indexOf(address a) internal view returns (uint256) {
        for (uint256 i = 0; i < ACTORS; ++i) {
            if (actors[i] == a) return i;
        }
        revert("unknown actor");
    }

    function _sign(uint256 key, IDIDRegistry.Delegation memory d) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, dids.delegationDigest(d));
        return abi.encodePacked(r, s, v);
    }
}
