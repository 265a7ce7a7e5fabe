// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";

/// @title CollateralVault
/// @notice Holds every token of the protocol. See {ICollateralVault}.
/// @dev    Locker authorisation is stored in `_lockers` and copied into each (token, locker)
///         escrow slot, so a locker call reads one cold slot instead of two; admin calls keep
///         the copies in sync over the (bounded) sets of known tokens and lockers.
///         Ledger per token: `_free[token][account]`, `_escrow[token][locker]` and the pools
///         (`treasury`, `insurance`, and `burned`, which is a counter of tokens that left).
///         Conservation (C1): `balanceOf(vault) == Σ free + Σ escrow + insurance + treasury`.
///         Only `deposit*` increases the left side (checked by balance delta) and only
///         `withdraw*` and the burn in `slash` decrease it, each by exactly the ledger change.
///         Every function that moves tokens (deposit, withdraw, slash, pool withdrawals) is
///         `nonReentrant` (transient-storage guard) and updates the ledger before the transfer
///         (or, for deposits, credits only the measured balance delta after it). The locker
///         ledger moves (lock, lockPair, release, releasePair, payTreasury, payInsurance) make no external call and keep
///         C1 on their own, so they need no guard: a trusted locker re-entering them from a token
///         hook could only move ledger entries it could move anyway.
///         The allowlist gates deposits only: delisting a token stops new money coming in but
///         never traps what is already inside (locks, releases and withdrawals keep working).
///         Immutable: no proxy, no upgrade path (docs/contracts/deals.md, "Upgrade policy").
contract CollateralVault is ICollateralVault, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @inheritdoc ICollateralVault
    address public constant BURN_SINK = 0x000000000000000000000000000000000000dEaD;
    /// @notice Share of a slash credited to the reporter, in basis points (30 %).
    uint256 public constant SLASH_REPORTER_BPS = 3_000;
    /// @notice Share of a slash added to the insurance pool, in basis points (20 %).
    uint256 public constant SLASH_INSURANCE_BPS = 2_000;
    /// @notice Most tokens ever allowlisted, and most lockers ever set (bounds the admin loops).
    uint256 public constant MAX_TOKENS = 32;
    uint256 public constant MAX_LOCKERS = 32;
    uint256 private constant BPS = 10_000;

    /// @dev Protocol-owned amounts of one token.
    struct Pools {
        uint256 treasury;
        uint256 insurance;
        uint256 burned;
    }

    /// @dev A locker's escrow of one token, packed with a copy of its authorisation so the hot
    ///      path reads one slot. Kept in sync by `setLocker` and `setTokenAllowed`: for every
    ///      token ever allowlisted and every locker ever set, `authorised == _lockers[locker]`;
    ///      for any other token it is false.
    struct Escrow {
        uint248 amount;
        bool authorised;
    }

    mapping(address token => bool allowed) private _allowed;
    mapping(address locker => bool authorised) private _lockers;
    mapping(address token => mapping(address account => uint256 amount)) private _free;
    mapping(address token => mapping(address locker => Escrow escrow)) private _escrow;
    mapping(address token => Pools pools) private _pools;
    EnumerableSet.AddressSet private _knownTokens; // every token ever allowlisted
    EnumerableSet.AddressSet private _knownLockers; // every locker ever set

    constructor(address initialOwner) Ownable(initialOwner) {}

    // --------------------------------------------------------- account actions

    /// @inheritdoc ICollateralVault
    function deposit(address token, address account, uint256 amount) external nonReentrant {
        _deposit(token, account, amount);
    }

    /// @inheritdoc ICollateralVault
    /// @dev A failing permit is ignored (it may have been front-run with the same signature);
    ///      the transfer then succeeds only if the allowance is in place.
    function depositWithPermit(
        address token,
        address account,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        if (!_allowed[token]) revert VaultTokenNotAllowed(token);
        try IERC20Permit(token).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _deposit(token, account, amount);
    }

    /// @inheritdoc ICollateralVault
    function withdraw(address token, address to, uint256 amount) external nonReentrant {
        if (amount == 0) revert VaultZeroAmount();
        if (to == address(0)) revert VaultZeroAddress();
        uint256 available = _free[token][msg.sender];
        if (available < amount) revert VaultInsufficientFree(token, msg.sender, available, amount);
        unchecked {
            _free[token][msg.sender] = available - amount;
        }
        IERC20(token).safeTransfer(to, amount);
        emit Withdrawn(token, msg.sender, to, amount);
    }

    // ---------------------------------------------------------- locker actions

    /// @inheritdoc ICollateralVault
    function lock(address token, address account, uint256 amount) external {
        Escrow storage escrow = _callerEscrow(token);
        if (amount == 0) revert VaultZeroAmount();
        _debitFree(token, account, amount);
        escrow.amount = SafeCast.toUint248(escrow.amount + amount);
        emit Locked(token, account, msg.sender, amount);
    }

    /// @inheritdoc ICollateralVault
    function lockPair(address token, address a, uint256 amountA, address b, uint256 amountB) external {
        Escrow storage escrow = _callerEscrow(token);
        uint256 total = amountA + amountB;
        if (total == 0) revert VaultZeroAmount();
        _debitFree(token, a, amountA);
        _debitFree(token, b, amountB);
        escrow.amount = SafeCast.toUint248(escrow.amount + total);
        emit LockedPair(token, a, b, msg.sender, amountA, amountB);
    }

    /// @inheritdoc ICollateralVault
    function release(address token, address account, uint256 amount) external {
        if (account == address(0)) revert VaultZeroAddress();
        _takeEscrow(token, amount);
        _free[token][account] += amount;
        emit Released(token, account, msg.sender, amount);
    }

    /// @inheritdoc ICollateralVault
    function releasePair(address token, address a, uint256 amountA, address b, uint256 amountB, uint256 toTreasury)
        external
    {
        if ((amountA != 0 && a == address(0)) || (amountB != 0 && b == address(0))) revert VaultZeroAddress();
        _takeEscrow(token, amountA + amountB + toTreasury);
        if (amountA != 0) _free[token][a] += amountA;
        if (amountB != 0) _free[token][b] += amountB;
        if (toTreasury != 0) _pools[token].treasury += toTreasury;
        emit ReleasedPair(token, a, b, msg.sender, amountA, amountB, toTreasury);
    }

    /// @inheritdoc ICollateralVault
    function payTreasury(address token, uint256 amount) external {
        _takeEscrow(token, amount);
        _pools[token].treasury += amount;
        emit TreasuryPaid(token, msg.sender, amount);
    }

    /// @inheritdoc ICollateralVault
    function payInsurance(address token, uint256 amount) external {
        _takeEscrow(token, amount);
        _pools[token].insurance += amount;
        emit InsurancePaid(token, msg.sender, amount);
    }

    /// @inheritdoc ICollateralVault
    /// @dev Shares are rounded down; the burn takes the remainder, so the three parts always
    ///      add up to `amount` exactly (C3).
    function slash(address token, uint256 amount, address reporter)
        external
        nonReentrant
        returns (uint256 burned_, uint256 toReporter, uint256 toInsurance)
    {
        if (reporter == address(0)) revert VaultZeroAddress();
        _takeEscrow(token, amount);
        toReporter = Math.mulDiv(amount, SLASH_REPORTER_BPS, BPS);
        toInsurance = Math.mulDiv(amount, SLASH_INSURANCE_BPS, BPS);
        burned_ = amount - toReporter - toInsurance;
        _free[token][reporter] += toReporter;
        Pools storage pools = _pools[token];
        pools.insurance += toInsurance;
        pools.burned += burned_;
        IERC20(token).safeTransfer(BURN_SINK, burned_);
        emit Slashed(token, msg.sender, reporter, amount, burned_, toReporter, toInsurance);
    }

    // ------------------------------------------------------------------- admin

    /// @inheritdoc ICollateralVault
    /// @dev Allowlisting a token for the first time authorises every current locker for it.
    function setTokenAllowed(address token, bool allowed) external onlyOwner {
        if (token == address(0)) revert VaultZeroAddress();
        _allowed[token] = allowed;
        if (allowed && _knownTokens.add(token)) {
            if (_knownTokens.length() > MAX_TOKENS) revert VaultRegistryFull();
            uint256 count = _knownLockers.length();
            for (uint256 i = 0; i < count; ++i) {
                address locker = _knownLockers.at(i);
                if (_lockers[locker]) _escrow[token][locker].authorised = true;
            }
        }
        emit TokenAllowed(token, allowed);
    }

    /// @inheritdoc ICollateralVault
    /// @dev Removing a locker freezes whatever it holds in escrow until it is authorised again.
    function setLocker(address locker, bool authorised) external onlyOwner {
        if (locker == address(0)) revert VaultZeroAddress();
        _lockers[locker] = authorised;
        if (_knownLockers.add(locker) && _knownLockers.length() > MAX_LOCKERS) revert VaultRegistryFull();
        uint256 count = _knownTokens.length();
        for (uint256 i = 0; i < count; ++i) {
            _escrow[_knownTokens.at(i)][locker].authorised = authorised;
        }
        emit LockerSet(locker, authorised);
    }

    /// @inheritdoc ICollateralVault
    function withdrawTreasury(address token, address to, uint256 amount) external onlyOwner nonReentrant {
        if (amount == 0) revert VaultZeroAmount();
        if (to == address(0)) revert VaultZeroAddress();
        Pools storage pools = _pools[token];
        uint256 available = pools.treasury;
        if (available < amount) revert VaultInsufficientPool(token, available, amount);
        unchecked {
            pools.treasury = available - amount;
        }
        IERC20(token).safeTransfer(to, amount);
        emit TreasuryWithdrawn(token, to, amount);
    }

    /// @inheritdoc ICollateralVault
    function withdrawInsurance(address token, address to, uint256 amount) external onlyOwner nonReentrant {
        if (amount == 0) revert VaultZeroAmount();
        if (to == address(0)) revert VaultZeroAddress();
        Pools storage pools = _pools[token];
        uint256 available = pools.insurance;
        if (available < amount) revert VaultInsufficientPool(token, available, amount);
        unchecked {
            pools.insurance = available - amount;
        }
        IERC20(token).safeTransfer(to, amount);
        emit InsuranceWithdrawn(token, to, amount);
    }

    /// @notice Disabled: a vault without an owner could never pay out its treasury or insurance.
    function renounceOwnership() public view override onlyOwner {
        revert VaultRenounceDisabled();
    }

    // ------------------------------------------------------------------- views

    /// @inheritdoc ICollateralVault
    function isTokenAllowed(address token) external view returns (bool) {
        return _allowed[token];
    }

    /// @inheritdoc ICollateralVault
    function isLocker(address locker) external view returns (bool) {
        return _lockers[locker];
    }

    /// @inheritdoc ICollateralVault
    function freeBalance(address token, address account) external view returns (uint256) {
        return _free[token][account];
    }

    /// @inheritdoc ICollateralVault
    function escrowOf(address token, address locker) external view returns (uint256) {
        return _escrow[token][locker].amount;
    }

    /// @inheritdoc ICollateralVault
    function treasury(address token) external view returns (uint256) {
        return _pools[token].treasury;
    }

    /// @inheritdoc ICollateralVault
    function insurance(address token) external view returns (uint256) {
        return _pools[token].insurance;
    }

    /// @inheritdoc ICollateralVault
    function burned(address token) external view returns (uint256) {
        return _pools[token].burned;
    }

    // ---------------------------------------------------------------- internal

    /// @dev Pulls `amount` from the caller and credits exactly what arrived, or reverts.
    function _deposit(address token, address account, uint256 amount) private {
        if (!_allowed[token]) revert VaultTokenNotAllowed(token);
        if (amount == 0) revert VaultZeroAmount();
        if (account == address(0)) revert VaultZeroAddress();
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        // INVARIANT (C1, C8): the ledger grows by exactly what the vault received.
        if (received != amount) revert VaultTransferMismatch(token, amount, received);
        _free[token][account] += amount;
        emit Deposited(token, account, msg.sender, amount);
    }

    /// @dev Moves nothing for a zero amount; otherwise reverts unless `account` has `amount` free.
    function _debitFree(address token, address account, uint256 amount) private {
        if (amount == 0) return;
        uint256 available = _free[token][account];
        if (available < amount) revert VaultInsufficientFree(token, account, available, amount);
        unchecked {
            _free[token][account] = available - amount;
        }
    }

    /// @dev Takes `amount` (> 0) out of the calling locker's escrow.
    function _takeEscrow(address token, uint256 amount) private {
        Escrow storage escrow = _callerEscrow(token);
        if (amount == 0) revert VaultZeroAmount();
        uint256 available = escrow.amount;
        // INVARIANT (D1): a locker can only move what it locked itself.
        if (available < amount) revert VaultInsufficientEscrow(token, msg.sender, available, amount);
        unchecked {
            // Cannot truncate: the result is below `available`, itself a uint248.
            // forge-lint: disable-next-line(unsafe-typecast)
            escrow.amount = uint248(available - amount);
        }
    }

    /// @dev The caller's escrow entry for `token`, if the caller is an authorised locker.
    function _callerEscrow(address token) private view returns (Escrow storage escrow) {
        escrow = _escrow[token][msg.sender];
        // INVARIANT (C11): only authorised lockers move escrow.
        if (!escrow.authorised) {
            if (_lockers[msg.sender]) revert VaultTokenNotAllowed(token); // never allowlisted
            revert VaultUnauthorizedLocker(msg.sender);
        }
    }
}
