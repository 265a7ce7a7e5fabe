// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice ERC-777-style hooks: before a transfer the sender's registered hook is called
///         (`tokensToSend`), after it the recipient's (`tokensReceived`). The imBTC/Lendf.Me
///         attack re-entered the lending pool from `tokensToSend` (C8).
interface ITokenHook {
    function tokensToSend(address from, address to, uint256 amount) external;
    function tokensReceived(address from, address to, uint256 amount) external;
}

contract HookToken is ERC20 {
    mapping(address account => ITokenHook hook) public hookOf;

    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Like the ERC-1820 registry: an account names its own hook.
    function setHook(ITokenHook hook) external {
        hookOf[msg.sender] = hook;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && address(hookOf[from]) != address(0)) hookOf[from].tokensToSend(from, to, value);
        super._update(from, to, value);
        if (to != address(0) && address(hookOf[to]) != address(0)) hookOf[to].tokensReceived(from, to, value);
    }
}
