// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {DealFixture} from "../utils/DealFixture.sol";
import {Deal, DealPhase} from "../../src/types/DealTypes.sol";

/// @notice The user flow of docs/architecture.md, on the world the deployment script builds:
///         both parties deposit (the client with a permit), the solver relays both signatures,
///         the node posts its result, the client accepts, both withdraw, the owner takes the fee.
contract DepositAgreeAcceptWithdrawTest is DealFixture {
    function test_flow_happyPath_succeeds() public {
        Deal memory d = _deal();
        uint256 clientNeeds = d.price + d.clientCollateral;

        // Client deposits with an EIP-2612 permit (one transaction).
        vm.prank(owner);
        token.mint(client, clientNeeds);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                client,
                address(vault),
                clientNeeds,
                token.nonces(client),
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(clientKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        vm.prank(client);
        vault.depositWithPermit(address(token), client, clientNeeds, deadline, v, r, s);
        // Node deposits with approve + deposit.
        _fund(node, d.cheatingCollateral);

        bytes32 id = _agreeBySig(d);
        vm.warp(block.timestamp + 5 minutes);
        _post(d, 42);
        vm.prank(client);
        dm.acceptResult(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Accepted));

        uint256 fee = d.price * FEE_BPS / 10_000;
        uint256 clientFree = _free(client);
        uint256 nodeFree = _free(node);
        vm.prank(client);
        vault.withdraw(address(token), client, clientFree);
        vm.prank(node);
        vault.withdraw(address(token), node, nodeFree);
        vm.prank(owner);
        vault.withdrawTreasury(address(token), owner, fee);

        assertEq(token.balanceOf(client), d.clientCollateral, "client paid exactly the price");
        assertEq(token.balanceOf(node), d.cheatingCollateral + d.price - fee, "node paid price minus fee");
        assertEq(token.balanceOf(owner), fee, "treasury fee");
        assertEq(token.balanceOf(address(vault)), 0, "vault empty");
    }
}
