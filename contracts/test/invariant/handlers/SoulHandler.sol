// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {SoulRegistry} from "../../../src/SoulRegistry.sol";
import {ISoulRegistry} from "../../../src/interfaces/ISoulRegistry.sol";

/// @notice Five souls with 3, 4, 5, 6 and 7 guardians. In each, guardian 0 is compromised: it
///         approves the attacker (any nonce it likes). Honest guardians approve only the
///         owner's rescue address, under the current nonce. Owners cancel, transfer to their
///         rescue address and change guardian sets (keeping guardian 0 compromised); anyone
///         executes; time passes.
contract SoulHandler is CommonBase, StdUtils {
    uint256 public constant SOULS = 5;

    SoulRegistry public immutable souls;
    address public immutable attacker;
    uint256[SOULS] public soulIds;
    address[SOULS] public rescue;

    /// Ghosts.
    mapping(uint256 soulId => mapping(uint32 nonce => bool)) public cancelled;
    uint256 public cancelledExecuted;
    uint256 public staleAccepted;
    mapping(uint256 soulId => mapping(address candidate => uint8 bitmap)) internal _ghostApprovals;
    mapping(uint256 soulId => uint32 nonce) internal _ghostNonce;
    mapping(string => uint256) public calls;

    constructor(SoulRegistry souls_) {
        souls = souls_;
        attacker = address(0xBAD);
        for (uint256 s = 0; s < SOULS; ++s) {
            address owner = address(uint160(0x50000 + s));
            rescue[s] = address(uint160(0x60000 + s));
            vm.prank(owner);
            soulIds[s] = souls.create(hex"01551220", _guardians(s, 3 + s, 0));
        }
    }

    function _guardians(uint256 s, uint256 n, uint256 generation) internal pure returns (address[] memory gs) {
        gs = new address[](n);
        gs[0] = address(uint160(0xBAD0 + s)); // the compromised guardian stays in every set
        for (uint256 i = 1; i < n; ++i) {
            gs[i] = address(uint160(0x70000 + s * 0x1000 + generation * 0x10 + i));
        }
    }

    function ghostApprovals(uint256 s, address candidate) external view returns (uint8) {
        uint256 id = soulIds[s];
        return _ghostNonce[id] == souls.soul(id).recoveryNonce ? _ghostApprovals[id][candidate] : 0;
    }

    function _sync(uint256 id) internal {
        uint32 nonce = souls.soul(id).recoveryNonce;
        if (_ghostNonce[id] != nonce) {
            _ghostNonce[id] = nonce;
            delete _ghostApprovals[id][attacker];
            for (uint256 s = 0; s < SOULS; ++s) {
                delete _ghostApprovals[id][rescue[s]];
            }
        }
    }

    function attackerApprove(uint256 s, uint32 nonce) external {
        uint256 id = soulIds[s % SOULS];
        _sync(id);
        uint32 current = souls.soul(id).recoveryNonce;
        address g = souls.guardians(id)[0];
        vm.prank(g);
        try souls.approveRecovery(id, attacker, nonce) {
            if (nonce != current) ++staleAccepted;
            _ghostApprovals[id][attacker] |= 1;
            ++calls["attackerApprove"];
        } catch {}
    }

    function honestApprove(uint256 s, uint256 guardian) external {
        uint256 si = s % SOULS;
        uint256 id = soulIds[si];
        _sync(id);
        address[] memory gs = souls.guardians(id);
        uint256 gi = 1 + guardian % (gs.length - 1);
        vm.prank(gs[gi]);
        try souls.approveRecovery(id, rescue[si], souls.soul(id).recoveryNonce) {
            _ghostApprovals[id][rescue[si]] |= uint8(1 << gi);
            ++calls["honestApprove"];
        } catch {}
    }

    function staleHonestApprove(uint256 s, uint256 guardian) external {
        uint256 si = s % SOULS;
        uint256 id = soulIds[si];
        uint32 current = souls.soul(id).recoveryNonce;
        if (current == 0) return;
        address[] memory gs = souls.guardians(id);
        vm.prank(gs[1 + guardian % (gs.length - 1)]);
        try souls.approveRecovery(id, rescue[si], current - 1) {
            ++staleAccepted;
        } catch {}
        ++calls["staleHonestApprove"];
    }

    function cancel(uint256 s) external {
        uint256 id = soulIds[s % SOULS];
        ISoulRegistry.Soul memory soul = souls.soul(id);
        vm.prank(soul.owner);
        souls.cancelRecovery(id);
        cancelled[id][soul.recoveryNonce] = true;
        _sync(id);
        ++calls["cancel"];
    }

    function execute(uint256 s) external {
        uint256 id = soulIds[s % SOULS];
        ISoulRegistry.PendingRecovery memory p = souls.pendingRecovery(id);
        try souls.executeRecovery(id) {
            if (cancelled[id][p.nonce]) ++cancelledExecuted;
            ++calls["execute"];
        } catch {}
        _sync(id);
    }

    function changeGuardians(uint256 s, uint256 n, uint256 generation) external {
        uint256 si = s % SOULS;
        uint256 id = soulIds[si];
        address owner = souls.soul(id).owner;
        vm.prank(owner);
        try souls.proposeGuardians(id, _guardians(si, bound(n, 3, 7), 1 + generation % 4)) {
            ++calls["proposeGuardians"];
        } catch {}
    }

    function executeGuardians(uint256 s) external {
        uint256 id = soulIds[s % SOULS];
        try souls.executeGuardians(id) {
            ++calls["executeGuardians"];
        } catch {}
        _sync(id);
    }

    function warp(uint256 by) external {
        vm.warp(block.timestamp + bound(by, 1, 2 days));
        ++calls["warp"];
    }
}
