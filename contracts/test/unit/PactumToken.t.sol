// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {DealFixture} from "../utils/DealFixture.sol";
import {PactumToken} from "../../src/PactumToken.sol";

contract PactumTokenTest is DealFixture {
    function test_constructor_metadata_succeeds() public view {
        assertEq(token.name(), "Pactum Token");
        assertEq(token.symbol(), "PACT");
        assertEq(token.decimals(), 18);
        assertEq(token.owner(), owner);
        assertEq(token.totalSupply(), 0);
    }

    function test_mint_byOwner_succeeds() public {
        vm.prank(owner);
        token.mint(client, 5e18);
        assertEq(token.balanceOf(client), 5e18);
        assertEq(token.totalSupply(), 5e18);
    }

    function test_mint_notOwner_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        token.mint(stranger, 1);
        assertEq(token.balanceOf(stranger), 0);
    }

    function test_permit_signedByHolder_succeeds() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                client,
                address(vault),
                7,
                0,
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(clientKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        token.permit(client, address(vault), 7, deadline, v, r, s);
        assertEq(token.allowance(client, address(vault)), 7);
        assertEq(token.nonces(client), 1);
    }

    function test_permit_replayed_reverts() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                client,
                address(vault),
                7,
                0,
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(clientKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        token.permit(client, address(vault), 7, deadline, v, r, s);
        vm.expectRevert(); // ERC2612InvalidSigner: the nonce moved on
        token.permit(client, address(vault), 7, deadline, v, r, s);
    }

    function test_constructor_otherOwner_succeeds() public {
        PactumToken fresh = new PactumToken(stranger);
        assertEq(fresh.owner(), stranger);
    }
}
