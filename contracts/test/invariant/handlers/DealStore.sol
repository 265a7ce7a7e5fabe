// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {PactumToken} from "../../../src/PactumToken.sol";
import {CollateralVault} from "../../../src/CollateralVault.sol";
import {DealManager} from "../../../src/DealManager.sol";
import {MediationCourt} from "../../../src/MediationCourt.sol";
import {Deal, DealPhase} from "../../../src/types/DealTypes.sol";

/// @notice Shared world of the invariant suite: the actors, every deal proposed so far and the
///         ghost variables the handlers keep. Not a fuzz target itself.
contract DealStore is CommonBase, StdUtils {
    PactumToken public immutable token;
    CollateralVault public immutable vault;
    DealManager public immutable dm;
    MediationCourt public immutable court;
    address public immutable admin;

    address[] public clients;
    address[] public nodes;
    address[] public strangers;
    address[] public mediators; // ascending
    mapping(address account => uint256 key) public keyOf;

    bytes[] internal _deals; // abi-encoded Deal terms

    // ghosts
    uint256 public ghostDeposited; // tokens the handlers moved into the vault
    uint256 public ghostWithdrawn; // tokens the handlers took out of the vault
    uint256 public honestLosses; // C7 violations: an honest party got back less than its stake
    uint256 public strangerSuccesses; // C11/role violations: a forbidden call succeeded
    mapping(bytes32 action => uint256 count) public calls; // successful actions, for the report

    uint256 public ghostAppealFees; // appeal fees held by the court for running appeals

    constructor(PactumToken token_, CollateralVault vault_, DealManager dm_, MediationCourt court_, address admin_) {
        (token, vault, dm, court, admin) = (token_, vault_, dm_, court_, admin_);
        for (uint256 i = 0; i < 3; ++i) {
            clients.push(_actor(0xC1000 + i));
            nodes.push(_actor(0xD0000 + i));
            strangers.push(_actor(0x5000 + i));
        }
        // Three mediators, ascending (a deal names 0 to 3 of them: k = 1, appeal panel 3).
        address[3] memory m = [_actor(0xAA01), _actor(0xAA02), _actor(0xAA03)];
        for (uint256 i = 0; i < 3; ++i) {
            for (uint256 j = i + 1; j < 3; ++j) {
                if (m[j] < m[i]) (m[i], m[j]) = (m[j], m[i]);
            }
        }
        for (uint256 i = 0; i < 3; ++i) {
            mediators.push(m[i]);
        }
    }

    /// @notice Bonds every mediator (called once by the test's setUp).
    function registerMediators(uint256 bond) external {
        for (uint256 i = 0; i < mediators.length; ++i) {
            ensureFree(mediators[i], bond);
            vm.prank(mediators[i]);
            court.register(bond, 1);
        }
    }

    function addAppealFee(uint256 amount) external {
        ghostAppealFees += amount;
    }

    function subAppealFee(uint256 amount) external {
        ghostAppealFees -= amount;
    }

    function _actor(uint256 key) internal returns (address a) {
        a = vm.addr(key);
        keyOf[a] = key;
    }

    // ------------------------------------------------------------------ actors

    function clientAt(uint256 seed) external view returns (address) {
        return clients[seed % clients.length];
    }

    function nodeAt(uint256 seed) external view returns (address) {
        return nodes[seed % nodes.length];
    }

    function strangerAt(uint256 seed) external view returns (address) {
        return strangers[seed % strangers.length];
    }

    /// @notice Every account that can ever hold a free balance in the vault.
    function accounts() external view returns (address[] memory all) {
        all = new address[](clients.length + nodes.length + strangers.length + mediators.length);
        uint256 k;
        for (uint256 i = 0; i < clients.length; ++i) {
            all[k++] = clients[i];
        }
        for (uint256 i = 0; i < nodes.length; ++i) {
            all[k++] = nodes[i];
        }
        for (uint256 i = 0; i < strangers.length; ++i) {
            all[k++] = strangers[i];
        }
        for (uint256 i = 0; i < mediators.length; ++i) {
            all[k++] = mediators[i];
        }
    }

    function mediatorList() external view returns (address[] memory) {
        return mediators;
    }

    // ------------------------------------------------------------------- deals

    function addDeal(Deal memory d) external {
        _deals.push(abi.encode(d));
    }

    function dealCount() external view returns (uint256) {
        return _deals.length;
    }

    function dealAt(uint256 index) public view returns (Deal memory) {
        return abi.decode(_deals[index], (Deal));
    }

    /// @notice The deal for `seed`, its id and phase; `ok` is false when there is none yet.
    function pick(uint256 seed) external view returns (bool ok, Deal memory d, bytes32 id, DealPhase phase) {
        if (_deals.length == 0) return (false, d, id, phase);
        d = dealAt(seed % _deals.length);
        id = dm.hashDeal(d);
        phase = dm.dealRecord(id).phase;
        ok = true;
    }

    /// @notice Like `pick`, but the first deal from `seed` on whose phase is in `phases`
    ///         (bit i = DealPhase(i)), so phase-specific actions rarely miss.
    function pickIn(uint256 seed, uint256 phases)
        external
        view
        returns (bool ok, Deal memory d, bytes32 id, DealPhase phase)
    {
        uint256 n = _deals.length;
        for (uint256 k = 0; k < n; ++k) {
            d = dealAt((seed % n + k) % n);
            id = dm.hashDeal(d);
            phase = dm.dealRecord(id).phase;
            if ((1 << uint8(phase)) & phases != 0) return (true, d, id, phase);
        }
    }

    function sign(address party, Deal memory d) external view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf[party], dm.dealDigest(d));
        return abi.encodePacked(r, s, v);
    }

    // ------------------------------------------------------------------- money

    /// @notice Tops `who`'s free balance up to `needed` (mint + deposit), counted as deposited.
    function ensureFree(address who, uint256 needed) public {
        uint256 free = vault.freeBalance(address(token), who);
        if (free >= needed) return;
        uint256 amount = needed - free;
        vm.prank(admin);
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(vault), amount);
        vault.deposit(address(token), who, amount);
        vm.stopPrank();
        ghostDeposited += amount;
    }

    function addDeposited(uint256 amount) external {
        ghostDeposited += amount;
    }

    function addWithdrawn(uint256 amount) external {
        ghostWithdrawn += amount;
    }

    function recordHonestLoss() external {
        ++honestLosses;
    }

    function recordStrangerSuccess() external {
        ++strangerSuccesses;
    }

    function count(bytes32 action) external {
        ++calls[action];
    }
}
