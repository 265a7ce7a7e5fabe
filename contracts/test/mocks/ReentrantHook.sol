// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ITokenHook} from "./HookToken.sol";
import {ICollateralVault} from "../../src/interfaces/ICollateralVault.sol";

/// @notice An attacker account whose token hook re-enters the vault.
contract ReentrantHook is ITokenHook {
    enum Attack {
        None,
        Withdraw,
        Deposit
    }

    ICollateralVault internal immutable vault;
    address internal immutable token;
    Attack public attack;

    constructor(ICollateralVault vault_, address token_) {
        vault = vault_;
        token = token_;
    }

    function setAttack(Attack attack_) external {
        attack = attack_;
    }

    function deposit(uint256 amount) external {
        vault.deposit(token, address(this), amount);
    }

    function withdraw(uint256 amount) external {
        vault.withdraw(token, address(this), amount);
    }

    function approve(uint256 amount) external {
        (bool ok,) = token.call(abi.encodeWithSignature("approve(address,uint256)", address(vault), amount));
        require(ok, "approve failed");
    }

    function register() external {
        (bool ok,) = token.call(abi.encodeWithSignature("setHook(address)", address(this)));
        require(ok, "register failed");
    }

    function tokensToSend(address, address, uint256 amount) external {
        _reenter(amount);
    }

    function tokensReceived(address, address, uint256 amount) external {
        _reenter(amount);
    }

    function _reenter(uint256 amount) internal {
        Attack current = attack;
        if (current == Attack.None) return;
        attack = Attack.None; // one re-entry is enough to prove the point
        if (current == Attack.Withdraw) vault.withdraw(token, address(this), amount);
        else vault.deposit(token, address(this), amount);
    }
}
