// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {DealStore} from "./DealStore.sol";
import {Deal, DealPhase} from "../../../src/types/DealTypes.sol";

/// @notice Clients: fund, agree alone, accept, dispute. A client that is never called for a
///         deal is a client that stalls.
contract ClientHandler is HandlerBase {
    constructor(DealStore store_) HandlerBase(store_) {}

    function _me(uint256 seed) internal view override returns (address) {
        return store.clientAt(seed);
    }

    function agree(uint256 dealSeed) external {
        (bool ok, Deal memory d,,) =
            store.pickIn(dealSeed, (1 << uint8(DealPhase.None)) | (1 << uint8(DealPhase.NodeAgreed)));
        if (!ok) return;
        store.ensureFree(d.client, d.price + d.clientCollateral);
        vm.prank(d.client);
        try dm.agree(d) {
            store.count("client.agree");
        } catch {}
    }

    function acceptResult(uint256 dealSeed) external {
        (bool ok, Deal memory d,,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.ResultPosted)));
        if (!ok) return;
        vm.prank(d.client);
        try dm.acceptResult(d) {
            store.count("client.accept");
        } catch {}
    }

    function requestMediation(uint256 dealSeed) external {
        (bool ok, Deal memory d,,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.ResultPosted)));
        if (!ok) return;
        store.ensureFree(d.client, d.mediationFee);
        vm.prank(d.client);
        try dm.requestMediation(d) {
            store.count("client.dispute");
        } catch {}
    }
}
