// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title PactumToken
/// @notice The devnet payment and collateral token: a plain ERC-20 (18 decimals, no transfer
///         fee, no hooks) with EIP-2612 permit, so `CollateralVault.depositWithPermit` works in
///         one transaction. The owner mints; public networks use an existing token instead.
contract PactumToken is ERC20, ERC20Permit, Ownable {
    constructor(address initialOwner) ERC20("Pactum Token", "PACT") ERC20Permit("Pactum Token") Ownable(initialOwner) {}

    /// @notice Mint `amount` to `to` (owner only; devnets and tests).
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
