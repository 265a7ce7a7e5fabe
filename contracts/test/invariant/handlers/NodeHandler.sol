// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {DealStore} from "./DealStore.sol";
import {Deal, DealPhase} from "../../../src/types/DealTypes.sol";

/// @notice Compute nodes: fund, agree alone, post results. A node that is never called for a
///         deal is a node that stalls.
contract NodeHandler is HandlerBase {
    constructor(DealStore store_) HandlerBase(store_) {}

    function _me(uint256 seed) internal view override returns (address) {
        return store.nodeAt(seed);
    }

    function agree(uint256 dealSeed) external {
        (bool ok, Deal memory d,,) =
            store.pickIn(dealSeed, (1 << uint8(DealPhase.None)) | (1 << uint8(DealPhase.ClientAgreed)));
        if (!ok) return;
        store.ensureFree(d.node, d.nodeCollateral);
        vm.prank(d.node);
        try dm.agree(d) {
            store.count("node.agree");
        } catch {}
    }

    function postResult(uint256 dealSeed, uint64 fuel, bytes32 cidSeed) external {
        (bool ok, Deal memory d,,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.Agreed)));
        if (!ok) return;
        fuel = uint64(_bound(fuel, 0, d.maxFuel));
        if (d.cheatingCollateral > d.nodeCollateral) {
            store.ensureFree(d.node, d.cheatingCollateral - d.nodeCollateral);
        }
        vm.prank(d.node);
        try dm.postResult(d, abi.encodePacked(hex"01551220", cidSeed), fuel) {
            store.count("node.post");
        } catch {}
    }
}
